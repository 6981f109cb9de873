// Flow "personnel" (docs/STAFF.md "Signing in"): school staff sign in with a
// password, then a second factor (TOTP, RFC 6238, or a recovery code).
//   GET/POST /personnel                 identifier and password (lib/web/login.h, shared with families)
//   GET/POST /personnel/code            the second factor; enrolment (QR code, secret, first code) when none yet
//   GET      /personnel/qr.svg          the enrolment QR code (while not enrolled)
//   GET/POST /personnel/activer?code=   the enrolment link: choose a password (72 h, single use)
// Signed in, staff reach /etablissement (flow "etablissement").
#include <ctime>

#include "accounts/account.h"
#include "accounts/codes.h"
#include "core/crypto.h"
#include "core/qr.h"
#include "core/totp.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "staff/second_factor.h"
#include "staff/staff.h"
#include "web/login.h"
#include "web/render.h"
#include "web/routes.h"
#include "web/session.h"
#include "web/views.h"

namespace ts::personnel {
namespace {
using namespace ts::web;
using accounts::Account;
using security::audit;

const char* kWrongCode =
    "Code incorrect. Saisissez le code à 6 chiffres affiché par votre application, ou un code de secours.";
const char* kWrongFirstCode =
    "Code incorrect. Saisissez le code à 6 chiffres que l'application affiche maintenant pour ce compte.";

Response login_page(Call& c, const Form* form, int status) {
  Page p{status, "Connexion des personnels", "personnel/connexion.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (form) fill_form(d, *form, {"identifiant"});
    if (c.req.param("deconnexion")) d.ShowSection("LOGGED_OUT");
  });
}

Response show_login(Call& c) { return login_page(c, nullptr, 200); }

// The password: right -> stage staff_factor (the second factor, or its enrolment).
Response login(Call& c) {
  Form form(c.req, {{"identifiant", 40, valid::identifier}, {"mot_de_passe", 128, nullptr}});
  if (form.value("identifiant").empty()) form.fail("identifiant", "Saisissez votre identifiant.");
  if (form.raw("mot_de_passe").empty()) form.fail("mot_de_passe", "Saisissez votre mot de passe.");
  if (!form.ok()) return login_page(c, &form, 422);
  LoginCheck checked = check_password(c, form, Side::staff, form.value("identifiant"), form.raw("mot_de_passe"),
                                      login_page);
  if (checked.answer) return *checked.answer;
  // The password is only the first of the two proofs: its success clears no
  // count (lib/security/lockout.h, as a letter's password); the second
  // factor accepted clears both. Otherwise wrong passwords and wrong codes
  // taken in turns would never add up to the lock.
  return sign_in(c, *checked.account, accounts::stage::staff_factor, stage_home(accounts::stage::staff_factor),
                 "staff_password_ok", "", false);
}

// The code form, or the enrolment page (QR code and secret) when the account
// has no confirmed second factor yet.
Response code_page(Call& c, const Form* form) {
  Db& db = c.ctx.db;
  const bool is_enrolled = staff::enrolled(db, c.account().id);
  std::string secret;
  if (!is_enrolled) {
    Transaction tx(db);
    secret = staff::enrolment_secret(db, c.ctx.cfg, c.account().id);
    tx.commit();
  }
  Page p{form ? 422 : 200, is_enrolled ? "Code de vérification" : "Activer la double authentification",
         "personnel/code.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIER", c.account().identifier);
    if (is_enrolled) {
      d.ShowSection("ENROLLED");
    } else {
      d.ShowSection("ENROLMENT");
      d.SetValue("SECRET", totp::base32(secret));
    }
    if (form) fill_form(d, *form, {});
  });
}

Response show_code(Call& c) { return code_page(c, nullptr); }

// The ten recovery codes, shown once (after enrolment; Mon compte regenerates them).
Response recovery_codes_page(Call& c, const std::vector<std::string>& codes) {
  Page p{200, "Vos codes de secours", "personnel/codes_secours.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    for (const auto& code : codes) d.AddSectionDictionary("CODE")->SetValue("VALUE", code);
  });
}

// The second factor (or the first code of an enrolment). Counted when wrong
// (Proof::second_factor); a code once accepted is refused afterwards.
Response check(Call& c) {
  Form form(c.req, {{"code", 32, nullptr}});
  if (form.value("code").empty()) form.fail("code", "Saisissez le code affiché par votre application.");
  if (!form.ok()) return code_page(c, &form);
  const Account& a = c.account();
  const long long now = static_cast<long long>(std::time(nullptr));

  Response res;
  staff::CodeMatch match = staff::CodeMatch::none;
  bool enrolment = false;
  std::vector<std::string> codes;
  {
    Db& db = c.ctx.db;
    Transaction tx(db);
    accounts::lock_account(db, a.id);  // the account row first (docs/ARCHITECTURE.md)
    enrolment = !staff::enrolled(db, a.id);
    match = staff::check_code(db, c.ctx.cfg, a.id, form.value("code"), now, !enrolment);
    if (match != staff::CodeMatch::none) {
      security::record_success(db, a.id, {security::Proof::password, security::Proof::second_factor}, true);
      if (enrolment) codes = staff::new_recovery_codes(db, c.ctx.cfg, a.id);
      start_session(c.ctx, c.req, res, a.id, accounts::stage::staff);
      audit(db, a.id, a.identifier, enrolment ? "staff_enrolled" : "login_success",
            match == staff::CodeMatch::recovery ? "code de secours" : "code de l'application d'authentification", c.req.remote_addr);
      tx.commit();
    }
  }
  if (match == staff::CodeMatch::none) {
    if (auto locked = failed_proof(c, security::Proof::second_factor, "second_factor_failure", "mauvais code"))
      return *locked;
    form.fail("code", enrolment ? kWrongFirstCode : kWrongCode);
    return code_page(c, &form);
  }
  if (!enrolment) {
    Response to = Response::redirect(stage_home(accounts::stage::staff));
    to.cookies = std::move(res.cookies);
    return to;
  }
  Response page = recovery_codes_page(c, codes);
  page.cookies.insert(page.cookies.end(), res.cookies.begin(), res.cookies.end());
  return page;
}

// The otpauth:// URI as an SVG QR code, while the account is not enrolled.
Response qr_code(Call& c) {
  Db& db = c.ctx.db;
  if (staff::enrolled(db, c.account().id)) return not_found(c);
  Transaction tx(db);
  const std::string secret = staff::enrolment_secret(db, c.ctx.cfg, c.account().id);
  tx.commit();
  Response res;
  res.content_type = "image/svg+xml";
  res.headers.emplace_back("Cache-Control", "no-store");
  res.body = qr::svg(staff::otpauth_uri(c.account().identifier, secret));
  return res;
}

// The enrolment link (docs/STAFF.md): unknown -> 404, used or expired -> 410.
enum class LinkState { unknown, used, expired, valid };
LinkState state_of(const accounts::MailedCode& mc) {
  if (!mc.found()) return LinkState::unknown;
  if (mc.used) return LinkState::used;
  if (mc.expired || mc.account_state == "closed") return LinkState::expired;
  return LinkState::valid;
}

Response link_refused(Call& c, LinkState s) {
  const char* help =
      " Demandez un nouveau lien au chef d'établissement (ou, pour un compte académique, à l'administrateur).";
  if (s == LinkState::used)
    return message_page(c, 410, "Lien déjà utilisé",
                        std::string("Ce lien d'activation a déjà servi : il ne peut être utilisé qu'une seule fois. "
                                    "Connectez-vous avec le mot de passe que vous avez choisi.") +
                            help,
                        "/personnel", "Connexion des personnels");
  if (s == LinkState::expired)
    return message_page(c, 410, "Lien expiré",
                        std::string("Ce lien d'activation n'est plus valable : il ne l'est que 72 heures.") + help,
                        "/personnel", "Connexion des personnels");
  return message_page(c, 404, "Lien non valide",
                      std::string("Ce lien d'activation n'est pas valide. Vérifiez que vous avez copié l'adresse "
                                  "complète du message reçu.") +
                          help,
                      "/personnel", "Connexion des personnels");
}

Response activation_page(Call& c, const std::string& code, const std::string& identifier, const Form* form) {
  Page p{form ? 422 : 200, "Activer votre compte", "personnel/activer.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("CODE", code);
    d.SetValue("IDENTIFIER", identifier);
    if (form) fill_form(d, *form, {});  // passwords are never sent back
  });
}

Response show_activation(Call& c) {
  const std::string code = c.query->has_error("code") ? "" : c.query->value("code");
  auto mc = accounts::find_code(c.ctx.db, accounts::purpose::staff_enrolment, code);
  LinkState s = state_of(mc);
  if (s != LinkState::valid) return link_refused(c, s);
  return activation_page(c, code, mc.identifier, nullptr);
}

// The password chosen: the link spent, a session at stage staff_factor (the
// browser's other session, family or staff, ends), on to the enrolment.
Response activate(Call& c) {
  Form form(c.req, {{"code", 64, valid::token}, {"mot_de_passe", 128, nullptr}, {"confirmation", 128, nullptr}});
  const std::string code = form.has_error("code") ? "" : form.value("code");
  Db& db = c.ctx.db;
  auto found = accounts::find_code(db, accounts::purpose::staff_enrolment, code);
  if (state_of(found) != LinkState::valid) return link_refused(c, state_of(found));
  if (!check_new_password(c.ctx, form, "mot_de_passe", "confirmation"))
    return activation_page(c, code, found.identifier, &form);
  const std::string hash = crypto::hash_password(form.raw("mot_de_passe"), crypto::argon2_params(c.ctx.cfg));

  Response res = Response::redirect(stage_home(accounts::stage::staff_factor));
  Transaction tx(db);
  auto locked = accounts::lock_code(db, accounts::purpose::staff_enrolment, code);
  if (!locked.account || state_of(locked.code) != LinkState::valid) return link_refused(c, state_of(locked.code));
  staff::enrol_password(db, locked.account->id, hash);
  accounts::spend_code(db, locked.code.id);
  start_session(c.ctx, c.req, res, locked.account->id, accounts::stage::staff_factor);
  audit(db, locked.account->id, locked.account->identifier, "staff_password_set", "lien d'activation",
        c.req.remote_addr);
  tx.commit();
  return res;
}

const Routes kRoutes = {
    get("/personnel", Gate::staff_entry, show_login).query({{"deconnexion", 1, nullptr}}),
    post("/personnel", Gate::anyone, login).proof(),
    get("/personnel/code", Gate::staff_factor, show_code),
    post("/personnel/code", Gate::staff_factor, check).proof(),
    get("/personnel/qr.svg", Gate::staff_factor, qr_code),
    get("/personnel/activer", Gate::anyone, show_activation)
        .query({{"code", 64, valid::token}})
        .method_message("Ouvrez le lien reçu par mail."),
    post("/personnel/activer", Gate::anyone, activate).expired_form_page([](const Request& req) {
      const std::string* code = req.param("code");
      return std::string("/personnel/activer") + (code ? "?code=" + *code : "");
    }),
};

}  // namespace
}  // namespace ts::personnel

TS_FLOW_MAIN("personnel", ts::personnel::kRoutes)
