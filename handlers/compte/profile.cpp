// Mon compte > Profil: the password and address forms, and the link mailed
// to a new address. A wrong current password counts as a failed login
// (lib/security/lockout.h). Both forms share the Profil page and an input's
// id is its name, so the address form's current password is "mot_de_passe"
// and the password form's "mot_de_passe_actuel".
#include "accounts/account.h"
#include "accounts/codes.h"
#include "accounts/mails.h"
#include "accounts/sessions.h"
#include "compte.h"
#include "core/crypto.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "security/ratelimit.h"
#include "web/render.h"
#include "web/session.h"
#include "web/views.h"

namespace ts::compte {
namespace {
using namespace ts::web;
using accounts::Account;

Response profile_page(Call& c, const Form* form, const std::string& changed) {
  const Account& a = c.account();
  Page p{form ? 422 : 200, "Mon compte", "compte/profil.tpl", true, "COMPTE"};
  // The address waiting for its link: a change asked here, or a pupil's first address.
  std::string waiting = accounts::pending_email_change(c.ctx.db, a.id).value_or(a.pending_email);
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    account_frame(d, c, "PROFIL");
    d.SetValue("IDENTIFIER", a.identifier);
    d.SetValue("EMAIL", a.email);
    d.ShowSection(a.email.empty() ? "NO_EMAIL" : "HAS_EMAIL");
    if (!waiting.empty()) {
      d.ShowSection("EMAIL_WAITING");
      d.SetValue("WAITING_EMAIL", waiting);
    }
    if (changed == "mot-de-passe") d.ShowSection("PASSWORD_CHANGED");
    if (changed == "adresse" && !waiting.empty()) d.ShowSection("ADDRESS_REQUESTED");
    d.SetIntValue("HOURS", kEmailChangeValidHours);
    if (!a.is_responsable()) d.ShowSection("ELEVE");
    if (form) fill_form(d, *form, {"nouvelle_adresse", "confirmation_adresse"});  // never the passwords
  });
}

Response changed_meanwhile(Call& c) {
  return message_page(c, 409, "Compte modifié entre-temps",
                      "Le mot de passe de votre compte vient d'être modifié par ailleurs. Rechargez la page et "
                      "recommencez.",
                      "/compte", "Retour à mon compte");
}

Response link_refused(Call& c, int status) {
  if (status == 404)
    return message_page(c, 404, "Lien de confirmation non valide",
                        "Ce lien de confirmation d'adresse mail n'est pas valide. Vérifiez que vous avez copié "
                        "l'adresse complète du message reçu.",
                        "/compte", "Aller à mon compte");
  return message_page(c, 410, "Lien de confirmation expiré",
                      "Ce lien de confirmation n'est plus valable : il ne l'est que " +
                          std::to_string(kEmailChangeValidHours) +
                          " heures, et seulement pour la dernière demande faite. L'adresse mail de votre compte n'a "
                          "pas été modifiée : refaites la demande depuis « Mon compte ».",
                      "/compte", "Aller à mon compte");
}

}  // namespace

Response profile(Call& c) { return profile_page(c, nullptr, c.query->value("modifie")); }

Response change_password(Call& c) {
  Form form(c.req, {{"mot_de_passe_actuel", 128, nullptr},
                    {"nouveau_mot_de_passe", 64, valid::password_rule},
                    {"confirmation", 64, nullptr}});
  if (auto done = change_own_password(c, form, {"mot_de_passe_actuel", "nouveau_mot_de_passe", "confirmation"},
                                      "/compte?modifie=mot-de-passe", "/compte"))
    return *done;
  return profile_page(c, &form, "");
}

Response change_address(Call& c) {
  Form form(c.req, {{"nouvelle_adresse", 254, valid::email},
                    {"confirmation_adresse", 254, valid::email},
                    {"mot_de_passe", 128, nullptr}});
  const Account& a = c.account();
  Db& db = c.ctx.db;
  const Config& cfg = c.ctx.cfg;
  const std::string& address = form.value("nouvelle_adresse");
  check_new_address(form, "nouvelle_adresse", "confirmation_adresse", a.email);
  bool verified = false;
  if (auto stop = check_current_password(c, form, "mot_de_passe", "email_change_failure", verified)) return *stop;
  if (!form.ok()) return profile_page(c, &form, "");

  Transaction tx(db);
  auto locked = accounts::lock_account(db, a.id);  // serialises two clicks
  if (!locked || locked->password_hash != a.password_hash) return changed_meanwhile(c);
  // The same request sent twice (a double click): one link, one mail.
  if (accounts::issued_just_now(db, a.id, accounts::purpose::email_change, address))
    return Response::redirect("/compte?modifie=adresse");
  if (!security::mail_allowed_for_account(db, cfg, a.id))
    return message_page(c, 429, "Trop de demandes",
                        "Trop de messages ont été envoyés pour votre compte depuis une heure. Réessayez plus tard.",
                        "/compte", "Retour à mon compte");
  if (!security::mail_allowed_to_address(db, cfg, address))
    return message_page(c, 429, "Trop de demandes pour cette adresse",
                        "Trop de messages ont été envoyés à cette adresse mail depuis une heure. Réessayez plus "
                        "tard.",
                        "/compte", "Retour à mon compte");
  security::record_mail_for_account(db, cfg, a.id);
  security::record_mail_to_address(db, cfg, address);
  security::record_success(db, a.id, {security::Proof::password});
  // Only the latest request can be confirmed: the earlier links expire now.
  accounts::expire_codes(db, a.id, accounts::purpose::email_change);
  std::string code = accounts::issue_code(db, a.id, accounts::purpose::email_change, address,
                                          accounts::Validity{kEmailChangeValidHours * 60});
  accounts::queue_new_address_mail(db, cfg.base_url, *locked, address, code, kEmailChangeValidHours);
  security::audit(db, a.id, a.identifier, "email_change_requested", "lien de confirmation envoyé à la nouvelle adresse",
                  c.req.remote_addr);
  tx.commit();
  return Response::redirect("/compte?modifie=adresse");
}

Response confirm_address(Call& c) {
  const Form& form = *c.query;
  if (form.raw("code").empty() || !form.ok()) return link_refused(c, 404);
  Db& db = c.ctx.db;
  Transaction tx(db);
  auto locked = accounts::lock_code(db, accounts::purpose::email_change, form.value("code"));
  if (!locked.account || !locked.code.found()) return link_refused(c, 404);
  const Account& a = *locked.account;
  const auto& code = locked.code;
  if (code.used)
    return message_page(c, 200, "Nouvelle adresse déjà confirmée",
                        "Ce lien a déjà servi : il ne peut être utilisé qu'une seule fois. La nouvelle adresse mail "
                        "de votre compte est déjà confirmée.",
                        "/compte", "Aller à mon compte");
  if (code.expired || (a.state != "active" && a.state != "pending_email")) return link_refused(c, 410);

  accounts::spend_code(db, code.id);
  // A pupil who had never confirmed an address now has one: the account is active.
  accounts::confirm_address(db, a.id, code.email);
  const bool told = !a.email.empty() && valid::email_key(a.email) != valid::email_key(code.email);
  if (told) accounts::queue_address_changed_mail(db, a, a.email);
  security::audit(db, a.id, a.identifier, "email_change",
                  told ? "nouvelle adresse confirmée ; ancienne adresse prévenue" : "nouvelle adresse confirmée", c.req.remote_addr);
  tx.commit();
  return message_page(c, 200, "Nouvelle adresse mail confirmée",
                      "Votre nouvelle adresse mail est confirmée : c'est désormais à elle que les services en ligne "
                      "vous écriront, et c'est elle qui vous permettra de retrouver votre identifiant ou votre mot de "
                      "passe.",
                      "/compte", "Aller à mon compte");
}

}  // namespace ts::compte
