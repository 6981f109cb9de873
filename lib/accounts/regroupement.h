// Regroupement de comptes (spec "Regrouper des comptes", guide "Comment faire
// un regroupement ?"): the pending confirmation (table regroupement_pending,
// owned here) and the merge itself. The pages are handlers/regroupement/.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "account.h"
#include "core/db.h"

namespace ts::accounts {

// Between SUIVANT and VALIDER the pending merge lives server-side, keyed by
// the session id digest, for this long: the confirmation form carries no account id.
constexpr int kPendingMinutes = 10;

// Why `other` cannot be merged into `a` ("" when it can): itself, a pupil
// account, closed, address not confirmed, deactivated, a letter account whose
// letter is no longer valid, or `a` not active. Asked before the
// confirmation screen and again, with both accounts locked, at VALIDER.
std::string merge_refusal(Db& db, const Account& a, const Account& other);

// Records (or replaces) the session's pending merge of `other_id` into `account_id`.
void save_pending(Db& db, const std::string& session_hash, unsigned account_id, unsigned other_id);
// The other account of the session's pending merge: any (to start the
// confirmation), or only a live one, locked (`lock`: inside the merge's transaction).
std::optional<unsigned> pending_other(Db& db, const std::string& session_hash, unsigned account_id, bool lock);
// Forgets the session's pending merge (or the trace of one done).
void drop_pending(Db& db, const std::string& session_hash);
// After VALIDER: the session's merge is done; the trace stays kPendingMinutes
// so that a repeated VALIDER (a double click) shows the outcome, not a false
// "introuvable".
void record_done(Db& db, const std::string& session_hash, unsigned account_id, unsigned other_id);
// Whether this session merged an account into `account_id` in the last kPendingMinutes.
bool done_recently(Db& db, const std::string& session_hash, unsigned account_id);
// Forgets every pending merge the account takes part in, on either side.
void drop_pending_of_account(Db& db, unsigned account_id);

// Locks both accounts, lower id first: concurrent merges of the same pair
// (either direction) queue instead of deadlocking. Empty when either is gone.
std::optional<std::pair<Account, Account>> lock_pair(Db& db, unsigned mine, unsigned other);

// The merge (caller's transaction, both accounts locked): the other
// account's pupils not yet held move to `a` (keyed by pupil, never twice);
// both accounts' responsables are recorded as represented by `a` (compte
// joint); the other account is closed (close_account). Returns the moved
// (pupil, responsable) pairs, for the audit row. What it changes is
// recorded first (merge_record.h record_merge), for undo_merge.
std::vector<std::pair<unsigned, unsigned>> merge_into(Db& db, const Account& a, const Account& other);

// "No second letter needed" (caller's transaction): `pupil_id` joins the
// account through the first holder's responsable; each letter holder that
// held only this pupil is closed. Returns the closed accounts' ids. Throws
// nothing; the caller checked the proof (date of birth) and locked the
// holders (family.h lock_letter_holders).
std::vector<unsigned> attach_from_letters(Db& db, unsigned account_id, unsigned pupil_id,
                                          const std::vector<std::pair<unsigned, unsigned>>& holders);

}  // namespace ts::accounts
