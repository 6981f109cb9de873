#include "profile.h"

#include "app.h"
#include "outbox.h"

namespace ts {

void queue_password_changed_mail(Context& ctx, const Account& a) {
  if (a.email.empty()) return;  // nobody to tell: a pupil without a confirmed address
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("IDENTIFIER", a.identifier);
  enqueue_mail(ctx.db, {a.email, a.display_name, "Message des services en ligne - Modification de votre mot de passe",
                        mail_body("mail_mot_de_passe_modifie.tpl", d)});
}

void request_email_change(Context& ctx, const Account& a, const std::string& address) {
  // Only the latest request can be confirmed: the earlier links expire now.
  auto old = ctx.db.prepare(
      "UPDATE email_token SET expires_at = LEAST(expires_at, UTC_TIMESTAMP())"
      " WHERE account_id = ? AND purpose = 'email_change' AND used_at IS NULL");
  old->setUInt(1, a.id);
  old->executeUpdate();
  std::string code = issue_email_token(ctx.db, a.id, "email_change", address, kEmailChangeValidHours);
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("LINK", ctx.cfg.base_url + "/validerNouvelleAdresse?code=" + code);
  d.SetValue("IDENTIFIER", a.identifier);
  d.SetIntValue("HOURS", kEmailChangeValidHours);
  enqueue_mail(ctx.db, {address, a.display_name, "Message des services en ligne - Confirmation de votre nouvelle adresse",
                        mail_body("mail_nouvelle_adresse.tpl", d)});
}

std::optional<std::string> pending_email_change(Db& db, unsigned account_id) {
  auto st = db.prepare(
      "SELECT email FROM email_token WHERE account_id = ? AND purpose = 'email_change' AND used_at IS NULL"
      " AND expires_at > UTC_TIMESTAMP() ORDER BY id DESC LIMIT 1");
  st->setUInt(1, account_id);
  Rows r(st->executeQuery());
  if (!r->next()) return std::nullopt;
  return std::string(r->getString(1));
}

void queue_address_changed_mail(Context& ctx, const Account& a, const std::string& old_address) {
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("IDENTIFIER", a.identifier);
  enqueue_mail(ctx.db, {old_address, a.display_name, "Message des services en ligne - Modification de votre adresse mail",
                        mail_body("mail_adresse_modifiee.tpl", d)});
}

}  // namespace ts
