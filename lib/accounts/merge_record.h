// Undoing a regroupement made by mistake (issue 13, "Helping a family";
// tables regroupement_record and regroupement_record_item, sql/013, owned
// here). At merge time (regroupement.h merge_into, in the merge's
// transaction) record_merge writes exactly what the merge is about to
// change; undo_merge puts it back: the closed account's state, its children
// links and its letters in force, the kept account's links as before.
// What is not put back: the closed account's sessions (the family signs in
// again) and the codes mailed before the merge (cancelled for good).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "account.h"
#include "core/db.h"

namespace ts::accounts {

// Before the merge of `closed` into `kept` changes anything (caller's
// transaction, both accounts locked): one record with the closed account's
// state, its children links (with attached_at) and letters in force, the
// pupils about to move to `kept` ((pupil, responsable) pairs from
// pupils_to_move) and the responsables `kept` is about to represent for the
// first time. Returns the record's id.
unsigned record_merge(Db& db, const Account& kept, const Account& closed,
                      const std::vector<std::pair<unsigned, unsigned>>& moved);

// One merge as the staff's list shows it. Times are Unix times (0: not undone).
struct MergeRecord {
  unsigned id = 0;
  long merged_at = 0, undone_at = 0;
  unsigned kept_id = 0, closed_id = 0;
  std::string kept_identifier, kept_name, closed_identifier, closed_name;
  std::string closed_state;  // before the merge: "letter", "pending_email" or "active"
  std::string undone_by;     // the staff member's identifier, "" when not undone
  std::string children;      // the closed account's children of the scope, "Prénom Nom, …"
};
// The merges of the scope (a record is a school's when one of the children
// it names is a pupil of that school; 0: every school), newest first, at most `limit`.
std::vector<MergeRecord> merge_records(Db& db, unsigned establishment_id, unsigned limit);

// The outcome of undo_merge.
struct UndoOutcome {
  enum Kind { undone, not_found, refused } kind = not_found;
  std::string message;  // refused: why, in French (nothing was changed)
  std::string kept_identifier, closed_identifier;
};
// Undoes merge `record_id` of the scope (caller's transaction; commit it
// after the audit row): not_found for an unknown record or another
// school's; refused when already undone or when the accounts changed since
// so that undoing is unsafe (the kept account closed, the moved children no
// longer held by it, the closed account reopened or holding children);
// otherwise both accounts are as before the merge and the record says who
// undid it and when.
UndoOutcome undo_merge(Db& db, unsigned establishment_id, unsigned record_id, const Account& staff);

}  // namespace ts::accounts
