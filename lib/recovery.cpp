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

bool check_new_password(const Context& ctx, Form& form, const char* field, const char* confirmation_field) {
  const std::string& pw = form.raw(field);
  if (pw.empty()) form.fail(field, "Choisissez un nouveau mot de passe.");
  else if (!form.has_error(field) && ctx.common_passwords.contains(pw))
    form.fail(field, "Ce mot de passe est trop courant : choisissez-en un autre, plus difficile à deviner.");
  if (form.raw(confirmation_field) != pw)
    form.fail(confirmation_field, "La confirmation ne correspond pas au mot de passe saisi.");
  return form.ok();
}

}  // namespace ts
