// Flow "activation": the waiting page (GET /compte-en-attente), sending the
// activation mail again (POST, rate-limited), correcting a mistyped address
// (POST /compte-en-attente/adresse) and the mailed link
// (GET /validerAdresseMail?code=…), which confirms the address once.
#include "accounts/account.h"
#include "accounts/codes.h"
#include "accounts/mails.h"
#include "accounts/period.h"
#include "security/audit.h"
#include "security/ratelimit.h"
#include "web/render.h"
#include "web/routes.h"
#include "web/views.h"

namespace ts::activation {
namespace {
using namespace ts::web;
using accounts::Account;

Response waiting_page(Call& c, int status, const std::string& notice, bool notice_is_error,
                      const Form* form = nullptr, const std::string& address = "") {
  const Account& a = c.account();
  Page p{status, "Compte en attente de validation", "activation/compte_en_attente.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("EMAIL", address.empty() ? a.pending_email : address);
    if (form) fill_form(d, *form, {"nouvelle_adresse", "confirmation_adresse"});  // never the password
    if (!a.is_responsable()) d.ShowSection("ELEVE");
    if (!notice.empty()) {
      d.ShowSection(notice_is_error ? "NOTICE_ERROR" : "NOTICE_OK");
      d.SetValue("NOTICE", notice);
    }
  });
}

// What the family is told when the resend limit (lib/accounts/codes.h) says no.
std::string resend_refusal(accounts::Resend r) {
  if (r == accounts::Resend::too_soon)
    return "Un message vient de vous être envoyé. Patientez quelques minutes avant d'en demander un nouveau, et "
           "pensez à regarder dans le dossier « courriers indésirables ».";
  if (r == accounts::Resend::too_many_today)
    return "Vous avez demandé trop de messages aujourd'hui. Réessayez demain ou contactez l'établissement qui vous a "
           "remis la notification.";
  return "";
}

Response waiting(Call& c) {
  if (c.account().state != "pending_email") return Response::redirect("/services");
  return waiting_page(c, 200, "", false);
}

Response resend(Call& c) {
  const Account& a = c.account();
  if (a.state != "pending_email") return Response::redirect("/services");
  // cppcheck-suppress unreadVariable ; built for its checks only (400 on any field)
  Form form(c.req, {});  // the form has no field but the token (checked by the dispatcher): any other is a 400
  Db& db = c.ctx.db;
  Transaction tx(db);
  (void)accounts::lock_account(db, a.id);  // serialises two clicks on "renvoyer"
  if (auto r = accounts::activation_resend(db, c.ctx.cfg, a.id); r != accounts::Resend::allowed)
    return waiting_page(c, 429, resend_refusal(r), true);
  // Per address too: several accounts may name the same one.
  if (!security::mail_allowed_to_address(db, c.ctx.cfg, a.pending_email))
    return waiting_page(c, 429, "Trop de messages ont été envoyés à cette adresse dans l'heure. Réessayez plus tard.",
                        true);
  security::record_mail_to_address(db, c.ctx.cfg, a.pending_email);
  std::string code =
      accounts::issue_code(db, a.id, accounts::purpose::activation, a.pending_email, accounts::kThreeMonths);
  accounts::queue_activation_mail(db, c.ctx.cfg.base_url, a, a.pending_email, code);
  security::audit(db, a.id, a.identifier, "activation_resent", "", c.req.remote_addr);
  tx.commit();
  return waiting_page(c, 200, "Un nouveau message vient de vous être envoyé.", false);
}

// The address to confirm was mistyped: corrected here, the current password
// asked again; the links sent to the old address stop serving; the mail
// limits per account and per address apply.
Response correct_address(Call& c) {
  const Account& a = c.account();
  if (a.state != "pending_email") return Response::redirect("/services");
  Form form(c.req, {{"nouvelle_adresse", 254, valid::email},
                    {"confirmation_adresse", 254, valid::email},
                    {"mot_de_passe", 128, nullptr}});
  Db& db = c.ctx.db;
  const Config& cfg = c.ctx.cfg;
  const std::string& address = form.value("nouvelle_adresse");
  // The same correction sent twice (a double click): its outcome, one mail.
  auto just_done = [&](const Account& now) {
    return !form.has_error("nouvelle_adresse") && valid::email_key(now.pending_email) == valid::email_key(address) &&
           accounts::issued_just_now(db, now.id, accounts::purpose::activation, address);
  };
  if (just_done(a)) return Response::redirect("/compte-en-attente");
  check_new_address(form, "nouvelle_adresse", "confirmation_adresse", a.pending_email);
  bool verified = false;
  if (auto stop = check_current_password(c, form, "mot_de_passe", "address_correction_failure", verified)) return *stop;
  if (!form.ok()) return waiting_page(c, 422, "", false, &form);
  Transaction tx(db);
  auto locked = accounts::lock_account(db, a.id);  // serialises two clicks
  if (!locked || locked->state != "pending_email" || locked->password_hash != a.password_hash || just_done(*locked))
    return Response::redirect("/compte-en-attente");
  if (!security::mail_allowed_for_account(db, cfg, a.id) || !security::mail_allowed_to_address(db, cfg, address))
    return waiting_page(c, 429, "Trop de messages ont été envoyés pour votre compte ou à cette adresse dans l'heure. "
                                "Réessayez plus tard.", true);
  security::record_mail_for_account(db, cfg, a.id);
  security::record_mail_to_address(db, cfg, address);
  accounts::correct_pending_address(db, a.id, address);
  std::string code = accounts::issue_code(db, a.id, accounts::purpose::activation, address, accounts::kThreeMonths);
  accounts::queue_activation_mail(db, cfg.base_url, *locked, address, code);
  security::audit(db, a.id, a.identifier, "address_corrected", "mail d'activation envoyé à l'adresse corrigée",
                  c.req.remote_addr);
  tx.commit();
  return Response::redirect("/compte-en-attente");
}

Response invalid_link(Call& c) {
  return message_page(c, 404, "Lien non valide",
                      "Ce lien de validation n'est pas valide. Vérifiez que vous avez copié l'adresse complète "
                      "du message reçu.",
                      "/connexion", "Aller à la connexion");
}

Response confirm(Call& c) {
  const Form& form = *c.query;
  if (form.raw("code").empty() || !form.ok()) return invalid_link(c);
  Db& db = c.ctx.db;
  Transaction tx(db);
  auto locked = accounts::lock_code(db, accounts::purpose::activation, form.value("code"));
  if (!locked.code.found() || !locked.account) return invalid_link(c);
  const auto& code = locked.code;
  const Account& a = *locked.account;
  if (code.used || a.state == "active")
    return message_page(c, 200, "Adresse déjà confirmée",
                        "Votre adresse mail est déjà confirmée et votre compte est validé. Vous pouvez vous "
                        "connecter.",
                        "/connexion", "Aller à la connexion");
  if (code.expired || a.state != "pending_email")
    return message_page(c, 410, "Lien expiré",
                        "Ce lien de validation a expiré : le délai de " TS_THREE_MONTHS_TEXT " est dépassé, ou "
                        "un lien plus récent l'a remplacé (adresse corrigée, nouveau courrier). Connectez-vous : la page "
                        "d'attente permet de renvoyer le mail d'activation ; sinon, demandez un nouveau courrier de "
                        "notification à l'établissement qui vous l'a remis.",
                        "/connexion", "Aller à la connexion");
  accounts::spend_code(db, code.id);
  // Sessions waiting for this confirmation may now reach the services.
  accounts::confirm_address(db, a.id, code.email);
  security::audit(db, a.id, a.identifier, "activation", "adresse confirmée", c.req.remote_addr);
  tx.commit();
  return render(c, Page{200, "Confirmation de votre adresse mail", "activation/activation_ok.tpl"}, nullptr);
}

const Routes kRoutes = {
    get("/compte-en-attente", Gate::signed_in, waiting),
    post("/compte-en-attente", Gate::signed_in, resend),
    post("/compte-en-attente/adresse", Gate::signed_in, correct_address)
        .get_redirect("/compte-en-attente")
        .expired_form_page("/compte-en-attente")
        .proof(),
    get("/validerAdresseMail", Gate::anyone, confirm)
        .query({{"code", 64, valid::token}})
        .acts()
        .method_message("Ouvrez le lien reçu par mail."),
};

}  // namespace
}  // namespace ts::activation

TS_FLOW_MAIN("activation", ts::activation::kRoutes)
