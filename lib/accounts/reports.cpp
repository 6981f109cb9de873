#include "reports.h"

#include "account.h"
#include "period.h"

namespace ts::accounts {
namespace {

constexpr const char* kSuspended =
    "SELECT 1 FROM letter WHERE id = ? AND " TS_LETTER_SUSPENDED("letter");
constexpr const char* kJudgedUnfounded =
    "SELECT 1 FROM letter WHERE id = ? AND report_decision = 'infonde' AND report_handled_at IS NOT NULL";
constexpr const char* kReport =
    "UPDATE letter SET reported_at = UTC_TIMESTAMP() WHERE id = ? AND account_id = ? AND used_at IS NULL"
    " AND revoked_at IS NULL AND reported_at IS NULL";

// A letter is of a school when the pupil it names is.
#define TS_LETTER_IN_SCOPE " (? = 0 OR p.establishment_id = ?)"

constexpr const char* kReports =
    "SELECT l.id, l.account_id, UNIX_TIMESTAMP(l.reported_at) AS reported,"
    " COALESCE(UNIX_TIMESTAMP(l.report_handled_at), 0) AS handled, a.identifier, a.display_name,"
    " CONCAT(p.first_name, ' ', p.last_name) AS pupil_name, COALESCE(c.name, '') AS class_name,"
    " COALESCE(l.report_decision, '') AS decision, COALESCE(l.report_comment, '') AS comment,"
    " COALESCE(s.identifier, '') AS handled_by"
    " FROM letter l JOIN account a ON a.id = l.account_id JOIN pupil p ON p.id = l.pupil_id"
    " LEFT JOIN school_class c ON c.id = p.class_id LEFT JOIN account s ON s.id = l.report_handled_by"
    " WHERE l.reported_at IS NOT NULL AND (l.report_handled_at IS NOT NULL) = ? AND" TS_LETTER_IN_SCOPE
    " ORDER BY IF(?, -UNIX_TIMESTAMP(l.report_handled_at), UNIX_TIMESTAMP(l.reported_at)), l.id LIMIT ?";
constexpr const char* kFindReport =
    "SELECT l.account_id, l.report_handled_at IS NOT NULL AS handled FROM letter l JOIN pupil p ON p.id = l.pupil_id"
    " WHERE l.id = ? AND l.reported_at IS NOT NULL AND" TS_LETTER_IN_SCOPE;
constexpr const char* kLockReport =
    "SELECT report_handled_at IS NOT NULL AS handled FROM letter WHERE id = ? FOR UPDATE";
constexpr const char* kHandle =
    "UPDATE letter SET report_handled_at = UTC_TIMESTAMP(), report_decision = ?, report_comment = NULLIF(?, ''),"
    " report_handled_by = ?, revoked_at = IF(? = 'annule', COALESCE(revoked_at, UTC_TIMESTAMP()), revoked_at)"
    " WHERE id = ? AND report_handled_at IS NULL";

}  // namespace

bool letter_suspended(Db& db, unsigned letter_id) { return db.query(kSuspended, letter_id)->next(); }

bool report_judged_unfounded(Db& db, unsigned letter_id) { return db.query(kJudgedUnfounded, letter_id)->next(); }

bool report_letter(Db& db, unsigned account_id, unsigned letter_id) {
  return db.exec(kReport, letter_id, account_id) > 0;
}

std::vector<LetterReport> reports(Db& db, unsigned establishment_id, bool handled, unsigned limit) {
  Rows r = db.query(kReports, handled, establishment_id, establishment_id, handled, limit);
  std::vector<LetterReport> out;
  while (r->next()) {
    LetterReport x;
    x.letter_id = r->getUInt("id");
    x.account_id = r->getUInt("account_id");
    x.reported_at = static_cast<long>(r->getInt64("reported"));
    x.handled_at = static_cast<long>(r->getInt64("handled"));
    x.identifier = r->getString("identifier");
    x.holder = r->getString("display_name");
    x.pupil_name = r->getString("pupil_name");
    x.class_name = r->getString("class_name");
    x.decision = r->getString("decision");
    x.comment = r->getString("comment");
    x.handled_by = r->getString("handled_by");
    out.push_back(std::move(x));
  }
  return out;
}

HandleOutcome handle_report(Db& db, unsigned establishment_id, unsigned letter_id, ReportDecision decision,
                            const std::string& comment, unsigned staff_id) {
  HandleOutcome o;
  unsigned account_id = 0;
  {
    Rows r = db.query(kFindReport, letter_id, establishment_id, establishment_id);
    if (!r->next()) return o;
    account_id = r->getUInt("account_id");
  }
  // The account row first (account.h lock_account), then the letter.
  auto a = lock_account(db, account_id);
  if (!a) return o;
  o.identifier = a->identifier;
  {
    Rows r = db.query(kLockReport, letter_id);
    if (!r->next()) return o;
    if (r->getBoolean("handled")) {
      o.kind = HandleOutcome::already;
      return o;
    }
  }
  const char* code = decision == ReportDecision::annule ? "annule" : "infonde";
  db.exec(kHandle, code, comment, staff_id, code, letter_id);
  o.kind = HandleOutcome::handled;
  return o;
}

}  // namespace ts::accounts
