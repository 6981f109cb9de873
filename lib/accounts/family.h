// Family links (tables account_child and account_responsable, owned here):
// the children a responsable account sees and through which responsable,
// and the responsables a (joint) account represents. Reads join the
// school's records (lib/scolarite); writes to those records are scolarite's.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "account.h"
#include "core/db.h"
#include "scolarite/records.h"

namespace ts::accounts {

struct Child {
  unsigned pupil_id = 0;
  std::string first_name, last_name, class_name, establishment, responsable_name;
};

// A responsable account's children (with the responsable each is linked
// through), or a pupil account's own record; by birth date.
std::vector<Child> children_of(Db& db, const Account& a);
// The distinct pupils an account holds (pupil_id, names only), by name.
std::vector<Child> pupils_held(Db& db, unsigned account_id);
// Children the school's records link to one of the account's responsables
// that only an unused letter account of that responsable holds ("no second
// letter needed"), by first name.
std::vector<Child> attachable_children(Db& db, unsigned account_id);

// The account's school for the services menu: the pupil's, or for a
// responsable the first school of its children; none without a child.
std::optional<scolarite::School> school_of(Db& db, unsigned account_id);

// The responsables' fiches an account may see and edit: its own responsable,
// and those recorded for it by a regroupement (compte joint), by id.
std::vector<scolarite::Fiche> fiches_of(Db& db, unsigned account_id);

// Links a pupil to the account through `responsable_id` (no-op when already linked).
void add_child(Db& db, unsigned account_id, unsigned pupil_id, unsigned responsable_id);
// Links a pupil attached by its date of birth (the time is kept: attached_just_now).
void attach_child(Db& db, unsigned account_id, unsigned pupil_id, unsigned responsable_id);
// Whether the pupil was attached to the account within TS_REPEAT_WINDOW (period.h): a form sent twice.
bool attached_just_now(Db& db, unsigned account_id, unsigned pupil_id);
// The account holds no child any more.
void remove_children(Db& db, unsigned account_id);
// Number of distinct pupils the account holds.
unsigned count_pupils(Db& db, unsigned account_id);
// Whether the account holds a pupil of another school than `establishment_id`
// (a family whose children are in two schools of the académie, or a child
// carried over by a change of school): one school's staff then must not
// close it for the other's families.
bool serves_another_school(Db& db, unsigned account_id, unsigned establishment_id);
// Records that the account represents `responsable_id` (compte joint); no-op when 0 or already.
void add_represented(Db& db, unsigned account_id, unsigned responsable_id);

// Regroupement: the pupils of `from` not yet held by `to`, each with the
// (lowest) responsable it is linked through.
std::vector<std::pair<unsigned, unsigned>> pupils_to_move(Db& db, unsigned from, unsigned to);

// The unused letter accounts of the account's responsables that hold
// `pupil_id`, locked (FOR UPDATE), by id: (account id, responsable id).
std::vector<std::pair<unsigned, unsigned>> lock_letter_holders(Db& db, unsigned pupil_id, unsigned account_id);

// issue 13 — import: a pupil who left, or a link the school's records no
// longer have, stops giving access. The accounts that held the pupil (through
// `responsable_id`, or through anyone when 0), by id; then their links to it go.
// A pupil who left (`responsable_id` 0): the links are kept in released_child
// (sql/017), so that a change of school within the académie gives the pupil
// back to these accounts only (transfer.h carry_over_arrivals).
std::vector<unsigned> release_pupil(Db& db, unsigned pupil_id, unsigned responsable_id = 0);

// The released links of `pupil_id` (released_child) held by `account_id`
// are spent: the account holds the pupil's new row now (transfer.h).
void forget_released(Db& db, unsigned account_id, unsigned pupil_id);

}  // namespace ts::accounts
