#include "recovery.h"

#include <memory>

#include "app.h"
#include "crypto.h"

namespace ts {

void run_or_undo(Db& db, bool keep, const std::function<void()>& work) {
  auto& conn = db.conn();
  std::unique_ptr<sql::Savepoint> sp(conn.setSavepoint("recovery_mail"));
  work();
  // Either way one statement: RELEASE keeps the rows, ROLLBACK TO drops them.
  if (keep) conn.releaseSavepoint(sp.get());
  else conn.rollback(sp.get());
}

std::string audit_digest(const Context& ctx, const std::string& typed) {
  return crypto::hex(crypto::hmac_sha256(ctx.cfg.secret, "audit|" + typed).substr(0, 16));
}

}  // namespace ts
