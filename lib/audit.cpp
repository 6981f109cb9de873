#include "audit.h"

namespace ts {
void audit(Db& db, unsigned account_id, const std::string& identifier, const std::string& event,
           const std::string& detail, const std::string& remote_addr) {
  auto st = db.prepare(
      "INSERT INTO audit_log (account_id, identifier, event, detail, remote_addr) VALUES (?, ?, ?, ?, ?)");
  if (account_id) st->setUInt(1, account_id); else st->setNull(1, 0);
  st->setString(2, identifier.substr(0, 40));
  st->setString(3, event);
  st->setString(4, detail.substr(0, 1000));
  st->setString(5, remote_addr.substr(0, 45));
  st->executeUpdate();
}
}  // namespace ts
