// Flow "connexion": the Scolarité services login (GET/POST /connexion) and
// logout (POST /deconnexion). Letter credentials lead to first connection; a
// responsable whose address is not confirmed only reaches the waiting page.
// issue 13 — aide: an account whose school demanded a new password
// (accounts/renewal.h) signs in at stage renew and chooses it at
// GET/POST /connexion/nouveau-mot-de-passe before anything else.
#include "accounts/account.h"
#include "accounts/letters.h"
#include "accounts/period.h"
#include "accounts/reports.h"
#include "core/validators.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "web/login.h"
#include "web/render.h"
#include "web/routes.h"
#include "web/session.h"
#include "web/views.h"

namespace ts::connexion {
namespace {
using namespace ts::web;
using accounts::Account;
using security::audit;

// The sign-in form: the fields of a refused `form`, or else an identifier
// to fill in (`prefill`, already checked), empty otherwise.
Response login_page(Call& c, const Form* form, int status, const std::string& prefill) {
  Page p{status, "Connexion", "connexion/connexion.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (form) fill_form(d, *form, {"identifiant"});
    else if (!prefill.empty()) d.SetValue("IDENTIFIANT_VALUE", prefill);
    if (c.req.param("deconnexion")) d.ShowSection("LOGGED_OUT");
  });
}
Response login_page(Call& c, const Form* form, int status) { return login_page(c, form, status, ""); }

// The sign-in refused: the letter expired (`letter`), or the address was not
// confirmed in time.
Response expired(Call& c, const Account& a, bool letter) {
  audit(c.ctx.db, a.id, a.identifier, "login_refused",
        letter ? "courrier expiré" : "adresse non confirmée dans le délai : compte désactivé", c.req.remote_addr);
  return message_page(c, 403, "Compte expiré",
                      letter
                          ? "Votre courrier de notification a expiré : il n'est valable que " TS_THREE_MONTHS_TEXT " après sa "
                            "création. Demandez un nouveau courrier à l'établissement qui vous l'a remis."
                          : "Votre adresse mail n'a pas été confirmée dans le délai de " TS_THREE_MONTHS_TEXT " : le compte a été "
                            "désactivé. Demandez un nouveau courrier de notification à l'établissement.",
                      "/connexion", "Retour à la connexion");
}

// issue 13 — courriers: the letter's QR code opens /connexion?identifiant=<id>:
// a well-formed identifier is filled in (the template escapes it); another is ignored.
Response show(Call& c) {
  const Form& q = *c.query;
  return login_page(c, nullptr, 200, q.has_error("identifiant") ? "" : q.value("identifiant"));
}

// A letter's password is only the first of the two proofs of a first
// connection: its success clears no count (lib/security/lockout.h); the first
// connection done clears both. Otherwise a right letter password, typed again
// and again by whoever holds the letter, would wipe the wrong passwords others
// try meanwhile. (The sign-in itself is lib/web/login.h's, shared with staff.)
Response login(Call& c) {
  Form form(c.req, {{"identifiant", 40, valid::identifier}, {"mot_de_passe", 128, nullptr}});
  if (form.value("identifiant").empty()) form.fail("identifiant", "Saisissez votre identifiant.");
  if (form.raw("mot_de_passe").empty()) form.fail("mot_de_passe", "Saisissez votre mot de passe.");
  if (!form.ok()) return login_page(c, &form, 422);

  // (A client address that failed too often was refused by the dispatcher: .proof().)
  const std::string& password = form.raw("mot_de_passe");
  LoginCheck check = check_password(c, form, Side::family, form.value("identifiant"), password, login_page);
  if (check.answer) return *check.answer;
  const Account& a = *check.account;

  if (a.state == "letter") {
    const auto& letter = check.letter;  // read by check_password, for every attempt alike
    if (!letter || !accounts::letter_password_matches(letter->password_hash, password)) {
      if (!letter) crypto::dummy_verify(password, crypto::argon2_params(c.ctx.cfg));
      return refuse_login(c, form, &a, "mauvais mot de passe du courrier", login_page);
    }
    if (letter->expired) return expired(c, a, true);
    // issue 13 — aide: a reported letter is suspended until the school handles the report.
    if (letter->suspended) {
      audit(c.ctx.db, a.id, a.identifier, "login_refused", "courrier signalé : connexion suspendue", c.req.remote_addr);
      return message_page(c, 403, "Courrier suspendu",
                          "Ce courrier a été signalé comme ne concernant pas la personne qui l'a reçu : il est "
                          "suspendu le temps que l'établissement examine le signalement. Contactez l'établissement "
                          "qui vous l'a remis.",
                          "/connexion", "Retour à la connexion");
    }
    return sign_in(c, a, accounts::stage::first_connection, stage_home(accounts::stage::first_connection),
                   "login_letter", "", false);
  }

  if (a.activation_expired) return expired(c, a, false);
  // issue 13 — aide: the school demanded a new password: that page first.
  if (a.must_renew_password)
    return sign_in(c, a, accounts::stage::renew, stage_home(accounts::stage::renew), "login_success",
                   "nouveau mot de passe demandé par l'établissement", true);
  // A responsable sees nothing of the children before confirming the address;
  // a pupil gets in (only self-service recovery needs a confirmed address).
  const char* stage = accounts::stage_for(a);
  return sign_in(c, a, stage, stage_home(stage), "login_success",
                 stage == accounts::stage::pending ? "adresse à confirmer" : "", true);
}

// issue 13 — aide: the renewal page (session stage renew).
const char* kFreshField = "nouveau_mot_de_passe";
const char* kConfirmationField = "confirmation";

Response renewal_page(Call& c, const Form* form, int status) {
  Page p{status, "Choisir un nouveau mot de passe", "connexion/renouvellement.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("NAME", c.account().display_name);
    if (form) fill_form(d, *form, {});  // never the passwords
  });
}

Response renewal_form(Call& c) { return renewal_page(c, nullptr, 200); }

Response renew(Call& c) {
  Form form(c.req, {{kFreshField, 64, valid::password_rule}, {kConfirmationField, 64, nullptr}});
  if (auto done = renew_own_password(c, form, kFreshField, kConfirmationField)) return *done;
  return renewal_page(c, &form, 422);
}

Response logout(Call& c) {
  // cppcheck-suppress unreadVariable ; built for its checks only (400 on any field)
  Form form(c.req, {});  // the form has no field but the token (checked by the dispatcher): any other is a 400
  // Staff go back to their own sign-in page.
  Response res = Response::redirect(c.session && c.account().is_staff() ? "/personnel?deconnexion=1"
                                                                        : "/connexion?deconnexion=1");
  end_session(c.ctx, c.req, res);
  if (c.session) audit(c.ctx.db, c.account().id, c.account().identifier, "logout", "", c.req.remote_addr);
  return res;
}

const Routes kRoutes = {
    get("/connexion", Gate::entry, show).query({{"deconnexion", 1, nullptr}, {"identifiant", 40, valid::identifier}}),
    post("/connexion", Gate::anyone, login).proof(),
    get("/connexion/nouveau-mot-de-passe", Gate::renew, renewal_form),
    post("/connexion/nouveau-mot-de-passe", Gate::renew, renew),
    post("/deconnexion", Gate::visitor, logout)
        .method_message("La déconnexion se fait avec le bouton « Se déconnecter ».")
        .expired_form_page("/connexion"),
};

}  // namespace
}  // namespace ts::connexion

TS_FLOW_MAIN("connexion", ts::connexion::kRoutes)
