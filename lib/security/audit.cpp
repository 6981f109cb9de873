#include "audit.h"

#include "core/crypto.h"

namespace ts::security {
namespace {
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (account_id, identifier, event, detail, remote_addr) VALUES (?, ?, ?, ?, ?)";
}

void audit(Db& db, unsigned account_id, const std::string& identifier, const std::string& event,
           const std::string& detail, const std::string& remote_addr) {
  db.exec(kInsertAudit, account_id ? std::optional<unsigned>(account_id) : std::nullopt, identifier.substr(0, 40),
          event, detail.substr(0, 1000), remote_addr.substr(0, 45));
}

std::string audit_digest(const std::string& secret, const std::string& typed) {
  return crypto::hex(crypto::hmac_sha256(secret, "audit|" + typed).substr(0, 16));
}

}  // namespace ts::security
