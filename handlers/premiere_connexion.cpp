// Flow "première connexion" (GET/POST /premiere-connexion): after logging in
// with a letter, the user chooses a password, gives an address (mandatory for
// a responsable, optional for a pupil) and proves who they are with the
// child's (or their own) date of birth. Success queues the activation mail.
#include "accounts.h"
#include "app.h"
#include "audit.h"
#include "lockout.h"
#include "ratelimit.h"
#include "render.h"
#include "session.h"

namespace ts {
namespace {

struct Subject {
  Account account;
  Letter letter;
};

Response page(Context& ctx, const Request& req, const SessionInfo& s, const Subject& sub, const Form* form,
              int status) {
  Page p{status, "Première connexion", "premiere_connexion.tpl"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIER", sub.account.identifier);
    d.ShowSection(sub.account.is_responsable() ? "RESPONSABLE" : "ELEVE");
    d.SetValue("CHILD_FIRST_NAME", pupil_first_name(ctx.db, sub.letter.pupil_id));
    // Passwords are never sent back.
    if (form) fill_form(d, *form, {"email", "email_confirmation", "date_naissance"});
  }, &s);
}

Response submit(const Request& req, Context& ctx, const SessionInfo& s, const Subject& sub) {
  Form form(req, {{"csrf_token", 64, nullptr},
                  {"mot_de_passe", 64, valid::password_rule},
                  {"mot_de_passe_confirmation", 64, nullptr},
                  {"email", 254, valid::email},
                  {"email_confirmation", 254, valid::email},
                  {"date_naissance", 10, valid::birth_date}});
  if (!csrf_valid(ctx, req, form.raw("csrf_token")))
    return form_expired(ctx, req, "/premiere-connexion");
  const bool responsable = sub.account.is_responsable();
  const std::string& pw = form.raw("mot_de_passe");
  check_new_password(ctx, form, "mot_de_passe", "mot_de_passe_confirmation");

  const std::string& email = form.value("email");
  if (form.raw("email").empty() && responsable)
    form.fail("email", "L'adresse mail est obligatoire pour les responsables.");
  if (!form.has_error("email") && !form.has_error("email_confirmation") &&
      form.value("email_confirmation") != email)
    form.fail("email_confirmation", "La confirmation ne correspond pas à l'adresse mail saisie.");

  if (form.raw("date_naissance").empty()) form.fail("date_naissance", "Saisissez la date de naissance.");
  else if (!form.has_error("date_naissance") &&
           form.value("date_naissance") != expected_birth_date(ctx.db, sub.account, sub.letter)) {
    form.fail("date_naissance", responsable
                                    ? "Cette date de naissance ne correspond pas à celle que l'établissement "
                                      "connaît pour votre enfant."
                                    : "Cette date de naissance ne correspond pas à celle que l'établissement "
                                      "connaît.");
    // Guessing the date of birth counts like guessing a password.
    if (record_failure(ctx, req, &sub.account, "first_connection_failure", "wrong birth date")) {
      Response res = locked_page(ctx, req, locked_until(ctx, sub.account.id).value_or(""));
      end_session(ctx, req, res);
      return res;
    }
  }
  if (!form.ok()) return page(ctx, req, s, sub, &form, 422);

  // Hash outside the transaction: 30 ms of CPU should not hold row locks.
  std::string hash = crypto::hash_password(pw, argon2_params(ctx.cfg));
  Transaction tx(ctx.db);
  auto a = lock_account(ctx.db, sub.account.id);
  auto letter = current_letter(ctx.db, sub.account.id);
  if (!a || a->state != "letter" || !letter || letter->id != sub.letter.id)
    return message_page(ctx, req, 409, "Première connexion déjà faite",
                        "La première connexion de ce compte a déjà été enregistrée. Connectez-vous avec le mot de "
                        "passe que vous avez choisi.", "/connexion", "Aller à la connexion");
  auto up = ctx.db.prepare(
      "UPDATE account SET password_hash = ?, state = ?, pending_email = ?, first_connection_at = UTC_TIMESTAMP(),"
      " failed_logins = 0 WHERE id = ?");
  up->setString(1, hash);
  up->setString(2, email.empty() ? "active" : "pending_email");
  if (email.empty()) up->setNull(3, 0); else up->setString(3, email);
  up->setUInt(4, a->id);
  up->executeUpdate();
  auto used = ctx.db.prepare("UPDATE letter SET used_at = UTC_TIMESTAMP() WHERE id = ?");
  used->setUInt(1, letter->id);
  used->executeUpdate();
  if (!email.empty()) {
    rate_record(ctx.db, {"mail_address", ctx.cfg.mail_per_address_per_hour, 3600}, email);
    std::string token = issue_email_token(ctx.db, a->id, "activation", email, kActivationValidHours);
    queue_activation_mail(ctx, *a, email, token);
  }
  audit(ctx.db, a->id, a->identifier, "first_connection", email.empty() ? "no email" : "activation mail queued",
        req.remote_addr);
  // A new session id for the new stage.
  bool waiting = !email.empty();
  Response res = Response::redirect(waiting ? "/compte-en-attente" : "/services");
  start_session(ctx, req, res, a->id, waiting && responsable ? "pending" : "full");
  tx.commit();
  return res;
}

Response handle(const Request& req, Context& ctx) {
  if (req.path != "/premiere-connexion")
    return not_found(ctx, req);
  auto s = load_session(ctx, req);
  if (!s || s->stage != "first_connection") return Response::redirect("/connexion");
  Subject sub;
  auto a = find_account(ctx.db, s->identifier);
  auto l = a ? current_letter(ctx.db, a->id) : std::nullopt;
  if (!a || a->state != "letter" || !l || l->expired) {
    Response res = Response::redirect("/connexion");
    end_session(ctx, req, res);
    return res;
  }
  if (auto until = locked_until(ctx, a->id)) return locked_page(ctx, req, *until);
  sub.account = *a;
  sub.letter = *l;
  if (req.method == "POST") return submit(req, ctx, *s, sub);
  Form none(req, {});  // a GET takes no parameters
  return page(ctx, req, *s, sub, nullptr, 200);
}

}  // namespace
}  // namespace ts

int main(int argc, char** argv) { return ts::run_handler(argc, argv, "premiere_connexion", ts::handle); }
