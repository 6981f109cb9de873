// A pupil's change of school within the académie (issue 13: "an account
// survives a pupil's change of class or of school within the académie (the
// new school's import attaches it)"). The pupil is known across schools by
// the national id (INE, pupil.ine); each school keeps its own pupil and
// responsable rows (keyed on its export's ids), so the accounts made for the
// first school are carried to the second school's rows. A change of class is
// the same pupil row: nothing to carry.
#pragma once
#include <vector>

#include "core/db.h"

namespace ts::accounts {

// The pupil's own account of a pupil who left the school (an import): closed
// like any account (close_account), marked closed_reason 'left' so that
// another school of the académie may carry it over.
void close_left_pupil_account(Db& db, unsigned account_id);

struct Carried {
  unsigned pupil_accounts = 0;  // pupils' own accounts moved to the new school's row (reopened if closed on leaving)
  unsigned family_links = 0;    // children attached to responsables' accounts of the previous school
  unsigned total() const { return pupil_accounts + family_links; }
  Carried& operator+=(const Carried& o) {
    pupil_accounts += o.pupil_accounts;
    family_links += o.family_links;
    return *this;
  }
};

// The other schools of the académie where `pupil_id` (who left its school)
// is a current pupil (same INE): the new school imported the pupil first.
std::vector<unsigned> schools_expecting(Db& db, unsigned pupil_id);

// For every current pupil of `establishment_id` with an INE that another
// school of the same académie marked as left (whichever school imported
// first: the leaving school's import calls this for schools_expecting,
// once the links are released and before the pupil's own account is closed):
// - the pupil's own account there (open, or closed on leaving) now belongs to
//   this school's row; one closed on leaving is reopened at the state its
//   columns give (letter without password, pending_email with an address to
//   confirm, else active), without its old sessions, letters or codes;
//   skipped when this school's row already has an open pupil account;
// - each open responsables' account that held that very pupil when it left
//   (the links release_pupil kept, family.h; never another account of the
//   same parent, such as a sibling's letter) gets the child attached through
//   this school's legal responsable (ranks 1 and 2) of the same name as the
//   one it held the child through, else as one it represents, unless it
//   holds it already: no second letter (generation sees the open account);
//   the kept link is then spent.
// Runs in the caller's transaction (the import's, after its records are
// written); audits each carried account in the new school's journal. Idempotent.
Carried carry_over_arrivals(Db& db, unsigned establishment_id);

}  // namespace ts::accounts
