// issue 13 — aide. "Je ne suis pas le représentant légal de cet élève": a
// letter reported by whoever signed in with it (columns letter.reported_at,
// report_handled_at of sql/012; report_decision, report_comment,
// report_handled_by of sql/013; the letter table's other rules are
// letters.cpp's). A reported letter is suspended at once: it signs nobody in
// until the school's staff handle the report — "courrier annulé" (the letter
// stays revoked) or "signalement infondé" (it works again).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/db.h"

namespace ts::accounts {

// Whether the letter is reported and not handled yet (suspended), by its id
// (one query). A caller holding the letter row reads Letter::suspended
// (letters.h current_letter), as the sign-in, first connection and merge do.
bool letter_suspended(Db& db, unsigned letter_id);

// Reports the account's letter `letter_id` (caller's transaction, the
// account row locked): false when it is no longer in force (used, revoked)
// or already reported.
bool report_letter(Db& db, unsigned account_id, unsigned letter_id);

// Whether the letter was reported and the staff judged the report unfounded
// (decision infonde): it serves again, and cannot be reported a second time.
bool report_judged_unfounded(Db& db, unsigned letter_id);

// A report waiting for the staff, or handled (the list shows both).
struct LetterReport {
  unsigned letter_id = 0, account_id = 0;
  long reported_at = 0, handled_at = 0;  // Unix time; 0: not handled
  std::string identifier, holder;        // the account: identifier, display name
  std::string pupil_name, class_name;    // the pupil the letter names ("Prénom Nom"; class "" when none)
  std::string decision, comment, handled_by;  // handled: "annule"/"infonde", the comment, the staff identifier
};
// The reports of the scope (the pupil the letter names is of that school; 0:
// every school): waiting ones (oldest first), or the `limit` last handled
// (newest first).
std::vector<LetterReport> reports(Db& db, unsigned establishment_id, bool handled, unsigned limit);

// The staff's decision on a report.
enum class ReportDecision { annule, infonde };
struct HandleOutcome {
  enum Kind { handled, not_found, already } kind = not_found;
  std::string identifier;  // the account whose letter it is
};
// Handles report `letter_id` of the scope (caller's transaction): the
// decision, `comment` (up to 500 characters, may be empty) and the staff
// member recorded with the time; "annule" keeps the letter revoked for good.
// not_found: no report of the scope; already: handled before (nothing changes).
HandleOutcome handle_report(Db& db, unsigned establishment_id, unsigned letter_id, ReportDecision decision,
                            const std::string& comment, unsigned staff_id);

}  // namespace ts::accounts
