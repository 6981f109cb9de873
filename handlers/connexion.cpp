// Flow "connexion": the Scolarité services login (GET/POST /connexion) and
// logout (POST /deconnexion). Letter credentials lead to first connection; a
// responsable whose address is not confirmed only reaches the waiting page.
#include <cctype>

#include "accounts.h"
#include "app.h"
#include "audit.h"
#include "lockout.h"
#include "render.h"
#include "session.h"

namespace ts {
namespace {

const char* kTitle = "Connexion";

Response login_page(Context& ctx, const Request& req, const Form* form, int status, const std::string& alert) {
  Page p{status, kTitle, "connexion.tpl"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    if (form) fill_form(d, *form, {"identifiant"});
    if (!alert.empty()) {
      d.ShowSection("ALERT");
      d.SetValue("ALERT_MESSAGE", alert);
    }
    if (req.param("deconnexion")) d.ShowSection("LOGGED_OUT");
  });
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

const char* kWrongCredentials = "Identifiant ou mot de passe incorrect.";

// A failed attempt: counted for the account (lockout) and the client address.
Response refuse(Context& ctx, const Request& req, Form& form, const Account* a, const std::string& reason) {
  if (record_failure(ctx, req, a, "login_failure", reason)) {
    if (auto until = locked_until(ctx, a->id)) return locked_page(ctx, req, *until);
  }
  form.fail("mot_de_passe", kWrongCredentials);
  return login_page(ctx, req, &form, 422, "");
}

Response expired(Context& ctx, const Request& req, const Account& a, const std::string& what) {
  audit(ctx.db, a.id, a.identifier, "login_refused", what, req.remote_addr);
  return message_page(ctx, req, 403, "Compte expiré",
                      what == "letter expired"
                          ? "Votre courrier de notification a expiré : il n'est valable que 3 mois après sa "
                            "création. Demandez un nouveau courrier à l'établissement qui vous l'a remis."
                          : "Votre adresse mail n'a pas été confirmée dans le délai de 3 mois : le compte a été "
                            "désactivé. Demandez un nouveau courrier de notification à l'établissement.",
                      "/connexion", "Retour à la connexion");
}

Response login(const Request& req, Context& ctx) {
  Form form(req, {{"csrf_token", 64, nullptr},
                  {"identifiant", 40, valid::identifier},
                  {"mot_de_passe", 128, nullptr}});
  if (!csrf_valid(ctx, req, form.raw("csrf_token")))
    return form_expired(ctx, req, "/connexion");
  if (form.value("identifiant").empty()) form.fail("identifiant", "Saisissez votre identifiant.");
  if (form.raw("mot_de_passe").empty()) form.fail("mot_de_passe", "Saisissez votre mot de passe.");
  if (!form.ok()) return login_page(ctx, req, &form, 422, "");

  // Before any password work: a client address that failed too often waits.
  if (client_blocked(ctx, req)) return too_many_attempts_page(ctx, req);
  const std::string& password = form.raw("mot_de_passe");
  auto params = argon2_params(ctx.cfg);
  auto a = find_account(ctx.db, form.value("identifiant"));
  // A locked account is not checked at all: the page cannot tell whether the
  // password was right.
  if (a && a->state != "closed") {
    if (auto until = locked_until(ctx, a->id)) {
      audit(ctx.db, a->id, a->identifier, "login_refused", "locked", req.remote_addr);
      return locked_page(ctx, req, *until);
    }
  }
  if (!a || a->state == "closed") {
    crypto::dummy_verify(password, params);  // same cost as a real check: no timing oracle
    return refuse(ctx, req, form, nullptr, a ? "closed account" : "unknown identifier");
  }

  if (a->state == "letter") {
    auto letter = current_letter(ctx.db, a->id);
    // Letter passwords are printed in capitals; families often type them in lower case.
    if (!letter || !crypto::verify_password(letter->password_hash, upper(password))) {
      if (!letter) crypto::dummy_verify(password, params);
      return refuse(ctx, req, form, &*a, "wrong letter password");
    }
    if (letter->expired) return expired(ctx, req, *a, "letter expired");
    Response res = Response::redirect("/premiere-connexion");
    Transaction tx(ctx.db);
    record_success(ctx, a->id);  // the account row first (see below)
    start_session(ctx, req, res, a->id, "first_connection");
    audit(ctx.db, a->id, a->identifier, "login_letter", "", req.remote_addr);
    tx.commit();
    return res;
  }

  if (!crypto::verify_password(a->password_hash, password))
    return refuse(ctx, req, form, &*a, "wrong password");
  if (a->activation_expired) return expired(ctx, req, *a, "activation expired");

  // A responsable sees nothing of the children before confirming the address;
  // a pupil gets in (only self-service recovery needs a confirmed address).
  bool waiting = a->state == "pending_email" && a->is_responsable();
  Response res = Response::redirect(waiting ? "/compte-en-attente" : "/services");
  Transaction tx(ctx.db);
  // The account row first: inserting the session takes a shared lock on it
  // (foreign key), and two logins upgrading that lock would deadlock.
  record_success(ctx, a->id);
  start_session(ctx, req, res, a->id, waiting ? "pending" : "full");
  audit(ctx.db, a->id, a->identifier, "login_success", waiting ? "pending email" : "", req.remote_addr);
  tx.commit();
  return res;
}

Response logout(const Request& req, Context& ctx) {
  Form form(req, {{"csrf_token", 64, nullptr}});
  if (!csrf_valid(ctx, req, form.raw("csrf_token")))
    return form_expired(ctx, req, "/connexion");
  auto s = load_session(ctx, req);
  Response res = Response::redirect("/connexion?deconnexion=1");
  end_session(ctx, req, res);
  if (s) audit(ctx.db, s->account_id, s->identifier, "logout", "", req.remote_addr);
  return res;
}

Response handle(const Request& req, Context& ctx) {
  if (req.path == "/deconnexion") {
    if (req.method != "POST") throw HttpError(405, "La déconnexion se fait avec le bouton « Se déconnecter ».");
    return logout(req, ctx);
  }
  if (req.path != "/connexion") return not_found(ctx, req);
  if (req.method == "POST") return login(req, ctx);
  Form query(req, {{"deconnexion", 1, nullptr}});
  if (auto s = load_session(ctx, req); s && s->stage == "full") return Response::redirect("/services");
  return login_page(ctx, req, nullptr, 200, "");
}

}  // namespace
}  // namespace ts

int main(int argc, char** argv) { return ts::run_handler(argc, argv, "connexion", ts::handle); }
