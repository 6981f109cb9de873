#include "followup.h"

#include "account_row.h"

namespace ts::accounts {
namespace {

// A family account is of a school when its pupil is (pupil account) or one
// of the children it holds is (responsable account).
#define TS_FAMILY_IN_SCOPE                                                                                     \
  " a.kind IN ('responsable', 'eleve') AND (? = 0"                                                             \
  " OR EXISTS (SELECT 1 FROM pupil p WHERE p.id = a.pupil_id AND p.establishment_id = ?)"                      \
  " OR EXISTS (SELECT 1 FROM account_child ac JOIN pupil p ON p.id = ac.pupil_id"                              \
  " WHERE ac.account_id = a.id AND p.establishment_id = ?))"

constexpr const char* kFindFamily =
    "SELECT " TS_ACCOUNT_COLUMNS " FROM account a WHERE a.identifier = ? AND" TS_FAMILY_IN_SCOPE;
constexpr const char* kLockFamily =
    "SELECT " TS_ACCOUNT_COLUMNS " FROM account a WHERE a.id = ? AND" TS_FAMILY_IN_SCOPE " FOR UPDATE";

// Accounts by school, class, kind and state: pupil accounts through their
// pupil, responsable accounts through the children they hold.
constexpr const char* kFollowup =
    "SELECT e.uai, e.name AS school, COALESCE(c.name, '') AS class_name, x.kind,"
    " COUNT(DISTINCT IF(x.state = 'letter', x.account_id, NULL)) AS n_letter,"
    " COUNT(DISTINCT IF(x.state = 'pending_email', x.account_id, NULL)) AS n_pending,"
    " COUNT(DISTINCT IF(x.state = 'active', x.account_id, NULL)) AS n_active,"
    " COUNT(DISTINCT IF(x.state = 'closed', x.account_id, NULL)) AS n_closed"
    " FROM ("
    "  SELECT a.id AS account_id, a.kind, a.state, p.establishment_id, p.class_id"
    "  FROM account a JOIN pupil p ON p.id = a.pupil_id"
    "  WHERE a.kind = 'eleve' AND (? = 0 OR p.establishment_id = ?)"
    "  UNION ALL"
    "  SELECT a.id, a.kind, a.state, p.establishment_id, p.class_id"
    "  FROM account a JOIN account_child ac ON ac.account_id = a.id JOIN pupil p ON p.id = ac.pupil_id"
    "  WHERE a.kind = 'responsable' AND (? = 0 OR p.establishment_id = ?)"
    " ) x JOIN establishment e ON e.id = x.establishment_id LEFT JOIN school_class c ON c.id = x.class_id"
    " GROUP BY e.id, e.uai, e.name, c.id, c.name, x.kind"
    " ORDER BY e.name, e.id, c.name IS NULL, c.name, x.kind = 'eleve'";

}  // namespace

std::vector<FollowupRow> followup(Db& db, unsigned establishment_id) {
  Rows r = db.query(kFollowup, establishment_id, establishment_id, establishment_id, establishment_id);
  std::vector<FollowupRow> out;
  while (r->next()) {
    FollowupRow row;
    row.uai = r->getString("uai");
    row.school = r->getString("school");
    row.class_name = r->getString("class_name");
    row.kind = r->getString("kind");
    row.letter = r->getUInt("n_letter");
    row.pending_email = r->getUInt("n_pending");
    row.active = r->getUInt("n_active");
    row.closed = r->getUInt("n_closed");
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<Account> find_family_account(Db& db, unsigned establishment_id, const std::string& identifier) {
  Rows r = db.query(kFindFamily, identifier, establishment_id, establishment_id, establishment_id);
  if (!r->next()) return std::nullopt;
  return read_account(*r);
}

std::optional<Account> lock_family_account(Db& db, unsigned establishment_id, unsigned account_id) {
  Rows r = db.query(kLockFamily, account_id, establishment_id, establishment_id, establishment_id);
  if (!r->next()) return std::nullopt;
  return read_account(*r);
}

}  // namespace ts::accounts
