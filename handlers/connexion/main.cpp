// Flow "connexion": the Scolarité services login (GET/POST /connexion) and
// logout (POST /deconnexion). Letter credentials lead to first connection; a
// responsable whose address is not confirmed only reaches the waiting page.
#include "accounts/account.h"
#include "accounts/letters.h"
#include "accounts/period.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "web/render.h"
#include "web/routes.h"
#include "web/session.h"
#include "web/views.h"

namespace ts::connexion {
namespace {
using namespace ts::web;
using accounts::Account;
using security::audit;

const char* kWrongCredentials = "Identifiant ou mot de passe incorrect.";

Response login_page(Call& c, const Form* form, int status) {
  Page p{status, "Connexion", "connexion/connexion.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (form) fill_form(d, *form, {"identifiant"});
    if (c.req.param("deconnexion")) d.ShowSection("LOGGED_OUT");
  });
}

// A failed attempt: counted for the account (lockout) and the client address.
Response refuse(Call& c, Form& form, const Account* a, const std::string& reason) {
  security::Failure f{a ? a->id : 0, a ? a->identifier : "", "login_failure", reason};
  if (security::record_failure(c.ctx.db, c.ctx.cfg, c.req.remote_addr, f) && a) {
    if (auto until = security::locked_until(c.ctx.db, a->id)) return locked_page(c, *until);
  }
  form.fail("mot_de_passe", kWrongCredentials);
  return login_page(c, &form, 422);
}

Response expired(Call& c, const Account& a, const std::string& what) {
  audit(c.ctx.db, a.id, a.identifier, "login_refused", what, c.req.remote_addr);
  return message_page(c, 403, "Compte expiré",
                      what == "letter expired"
                          ? "Votre courrier de notification a expiré : il n'est valable que " TS_THREE_MONTHS_TEXT " après sa "
                            "création. Demandez un nouveau courrier à l'établissement qui vous l'a remis."
                          : "Votre adresse mail n'a pas été confirmée dans le délai de " TS_THREE_MONTHS_TEXT " : le compte a été "
                            "désactivé. Demandez un nouveau courrier de notification à l'établissement.",
                      "/connexion", "Retour à la connexion");
}

// Signs in: the account row first (record_success), then the session.
// Inserting the session takes a shared lock on the account row (foreign key),
// and two logins upgrading that lock would deadlock. A letter's password is
// only the first of the two proofs of a first connection: its success clears
// no count (lib/security/lockout.h); the first connection done clears both.
// Otherwise a right letter password, typed again and again by whoever holds
// the letter, would wipe the wrong passwords others try meanwhile.
Response sign_in(Call& c, const Account& a, const char* stage, const char* to, const char* event,
                 const std::string& detail) {
  Response res = Response::redirect(to);
  Transaction tx(c.ctx.db);
  if (a.state != "letter") security::record_success(c.ctx.db, a.id, {security::Proof::password});
  start_session(c.ctx, c.req, res, a.id, stage);
  audit(c.ctx.db, a.id, a.identifier, event, detail, c.req.remote_addr);
  tx.commit();
  return res;
}

Response show(Call& c) { return login_page(c, nullptr, 200); }

Response login(Call& c) {
  Form form(c.req, {{"identifiant", 40, valid::identifier}, {"mot_de_passe", 128, nullptr}});
  if (form.value("identifiant").empty()) form.fail("identifiant", "Saisissez votre identifiant.");
  if (form.raw("mot_de_passe").empty()) form.fail("mot_de_passe", "Saisissez votre mot de passe.");
  if (!form.ok()) return login_page(c, &form, 422);

  Db& db = c.ctx.db;
  // (A client address that failed too often was refused by the dispatcher: .proof().)
  const std::string& password = form.raw("mot_de_passe");
  auto params = crypto::argon2_params(c.ctx.cfg);
  auto a = accounts::find_account(db, form.value("identifiant"));
  // A locked account is not checked at all: the page cannot tell whether the
  // password was right.
  if (a && a->state != "closed" && a->locked_until) {
    audit(db, a->id, a->identifier, "login_refused", "locked", c.req.remote_addr);
    return locked_page(c, a->locked_until);
  }
  if (!a || a->state == "closed") {
    crypto::dummy_verify(password, params);  // same cost as a real check: no timing oracle
    return refuse(c, form, nullptr, a ? "closed account" : "unknown identifier");
  }

  if (a->state == "letter") {
    auto letter = accounts::current_letter(db, a->id);
    if (!letter || !accounts::letter_password_matches(letter->password_hash, password)) {
      if (!letter) crypto::dummy_verify(password, params);
      return refuse(c, form, &*a, "wrong letter password");
    }
    if (letter->expired) return expired(c, *a, "letter expired");
    return sign_in(c, *a, accounts::stage::first_connection, stage_home(accounts::stage::first_connection),
                   "login_letter", "");
  }

  if (!crypto::verify_password(a->password_hash, password)) return refuse(c, form, &*a, "wrong password");
  if (a->activation_expired) return expired(c, *a, "activation expired");
  // A responsable sees nothing of the children before confirming the address;
  // a pupil gets in (only self-service recovery needs a confirmed address).
  const char* stage = accounts::stage_for(*a);
  return sign_in(c, *a, stage, stage_home(stage), "login_success",
                 stage == accounts::stage::pending ? "pending email" : "");
}

Response logout(Call& c) {
  // cppcheck-suppress unreadVariable ; built for its checks only (400 on any field)
  Form form(c.req, {});  // the form has no field but the token (checked by the dispatcher): any other is a 400
  Response res = Response::redirect("/connexion?deconnexion=1");
  end_session(c.ctx, c.req, res);
  if (c.session) audit(c.ctx.db, c.account().id, c.account().identifier, "logout", "", c.req.remote_addr);
  return res;
}

const Routes kRoutes = {
    get("/connexion", Gate::entry, show).query({{"deconnexion", 1, nullptr}}),
    post("/connexion", Gate::anyone, login).proof(),
    post("/deconnexion", Gate::visitor, logout)
        .method_message("La déconnexion se fait avec le bouton « Se déconnecter ».")
        .expired_form_page("/connexion"),
};

}  // namespace
}  // namespace ts::connexion

TS_FLOW_MAIN("connexion", ts::connexion::kRoutes)
