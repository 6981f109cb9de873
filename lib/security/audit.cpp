#include "audit.h"

#include "core/crypto.h"

namespace ts::security {
namespace {
// The row's establishment, for the school's journal: a staff member's, a
// pupil account's school, or a responsable account's (first) child's school.
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (account_id, identifier, event, detail, remote_addr, establishment_id)"
    " VALUES (?, ?, ?, ?, ?, COALESCE("
    "(SELECT st.establishment_id FROM staff st WHERE st.account_id = ?),"
    " (SELECT p.establishment_id FROM account a JOIN pupil p ON p.id = a.pupil_id WHERE a.id = ?),"
    " (SELECT MIN(p.establishment_id) FROM account_child ac JOIN pupil p ON p.id = ac.pupil_id"
    " WHERE ac.account_id = ?)))";
// The journal: scoped in the SQL (establishment 0: every school, for the
// académie), filters that are empty match everything, keyset on id.
constexpr const char* kJournal =
    "SELECT l.id, DATE_FORMAT(l.at, '%Y-%m-%d %H:%i:%s') AS at, COALESCE(l.identifier, '') AS identifier, l.event,"
    " COALESCE(l.detail, '') AS detail, COALESCE(l.remote_addr, '') AS remote_addr,"
    " COALESCE(e.uai, '') AS uai, COALESCE(e.name, '') AS school"
    " FROM audit_log l LEFT JOIN establishment e ON e.id = l.establishment_id"
    " WHERE (? = 0 OR l.establishment_id = ?)"
    " AND (? = '' OR l.at >= ?) AND (? = '' OR l.at < ? + INTERVAL 1 DAY)"
    " AND (? = '' OR l.identifier = ?) AND (? = '' OR l.event = ?)"
    " AND (? = 0 OR l.id < ?)"
    " ORDER BY l.id DESC LIMIT ?";
constexpr const char* kEvents =
    "SELECT DISTINCT event FROM audit_log WHERE (? = 0 OR establishment_id = ?) ORDER BY event";
}  // namespace

void audit(Db& db, unsigned account_id, const std::string& identifier, const std::string& event,
           const std::string& detail, const std::string& remote_addr) {
  // (account id 0 in the subqueries matches no row: no establishment)
  db.exec(kInsertAudit, account_id ? std::optional<unsigned>(account_id) : std::nullopt, identifier.substr(0, 40),
          event, detail.substr(0, 1000), remote_addr.substr(0, 45), account_id, account_id, account_id);
}

std::vector<AuditRow> journal(Db& db, unsigned establishment_id, const AuditFilter& f, unsigned long long before_id,
                              unsigned limit) {
  Rows r = db.query(kJournal, establishment_id, establishment_id, f.from_date, f.from_date, f.to_date, f.to_date,
                    f.identifier, f.identifier, f.event, f.event, before_id, before_id, limit);
  std::vector<AuditRow> out;
  while (r->next())
    out.push_back({static_cast<unsigned long long>(r->getUInt64("id")), r->getString("at"), r->getString("identifier"),
                   r->getString("event"), r->getString("detail"), r->getString("remote_addr"), r->getString("uai"),
                   r->getString("school")});
  return out;
}

std::vector<std::string> journal_events(Db& db, unsigned establishment_id) {
  Rows r = db.query(kEvents, establishment_id, establishment_id);
  std::vector<std::string> out;
  while (r->next()) out.push_back(r->getString(1));
  return out;
}

std::string audit_digest(const std::string& secret, const std::string& typed) {
  return crypto::hex(crypto::hmac_sha256(secret, "audit|" + typed).substr(0, 16));
}

}  // namespace ts::security
