// The import of pupils and responsables, whole (issue 13, docs/IMPORT.md):
// lib/scolarite/import.h reads, checks and compares the files; this adds what
// the changes do to the families' accounts, the import_batch row and the
// audit row, in one transaction. The web flow `import` and
// `teleservices-admin import` both call run_import.
#pragma once
#include <string>

#include "core/charset.h"
#include "core/db.h"
#include "scolarite/import.h"
#include "transfer.h"

namespace ts::accounts {

struct ImportRequest {
  unsigned establishment_id = 0;
  std::string pupils_file, responsables_file;  // the bytes as uploaded
  charset::Encoding encoding = charset::Encoding::automatic;
  bool dry_run = false;           // preview only: nothing written
  unsigned batch_id = 0;          // the web's pending import_batch row (0: a new row)
  std::string expected_digest;    // the preview announced (scolarite::preview_digest; "": not checked)
  unsigned actor_account_id = 0;  // the staff member (0: teleservices-admin)
  std::string actor_identifier, remote_addr;
};

struct ImportOutcome {
  scolarite::ImportPreview preview;  // what changes (or changed), and the problems
  bool applied = false;               // false: a dry run, problems or a stale preview (nothing written)
  bool stale = false;                 // expected_digest differs: `preview` is the new one, nothing written
  bool unchanged = false;             // applied, but nothing changed: no batch row, no audit row
  unsigned batch_id = 0;              // the import_batch row (0 when unchanged)
  unsigned accounts_closed = 0;       // pupils' own accounts, and letter accounts left without a child
  Carried departed;                   // accounts of pupils who left for another school of the académie that had them already
  Carried arrived;                    // accounts of pupils who came from another school of the académie
};

// Parses the files, computes the preview and, unless dry_run or a problem,
// applies it in one transaction (savepoint inside the caller's): the school's
// row locked first (one import at a time per school), the records written
// (lib/scolarite/import.h), then for each pupil who left and each link
// removed the family accounts stop holding the child (release_pupil); a
// pupil's own account of a pupil who left is closed (close_left_pupil_account:
// another school of the académie that imports the pupil later carries it
// over; one that already has the pupil gets the accounts first, before they
// are released here), and so is an unused letter account that no longer
// holds any child;
// the accounts of pupils arriving from another school of the académie are
// carried over (carry_over_arrivals, transfer.h); the batch row is recorded
// and the audit row `import` written (detail: the UAI and the counts,
// departures and arrivals apart) — unless nothing changed at all (the same
// files again): then `unchanged`, no batch row (a pending one of the web is
// abandoned) and no audit row.
// With expected_digest, the changes are compared with that preview's first,
// the school locked: when they differ (the records changed since), nothing is
// written and `stale` is set.
// Throws std::runtime_error for an unknown establishment.
ImportOutcome run_import(Db& db, const ImportRequest& req);

// "12 élèves nouveaux, 3 modifiés, 1 sorti ; 2 classes créées ; …": the
// counts in French, for the audit row, the CLI and the result page.
std::string import_summary(const scolarite::ImportCounts& c);

// "comptes partis vers un autre établissement de l'académie (élèves sortis) :
// 2 ; comptes venus d'un autre établissement de l'académie : 0": the
// accounts carried away with pupils who left, and those carried here, apart.
std::string carried_summary(const ImportOutcome& out);

}  // namespace ts::accounts
