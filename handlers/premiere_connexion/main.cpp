// Flow "première connexion" (GET/POST /premiere-connexion): after logging in
// with a letter, the user chooses a password, gives an address (mandatory for
// a responsable, optional for a pupil) and proves who they are with the
// child's (or their own) date of birth. Success queues the activation mail.
#include "accounts/account.h"
#include "accounts/codes.h"
#include "accounts/letters.h"
#include "accounts/mails.h"
#include "accounts/reports.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "security/ratelimit.h"
#include "web/render.h"
#include "web/routes.h"
#include "web/session.h"
#include "web/views.h"
#include "signalement.h"

namespace ts::premiere_connexion {
namespace {
using namespace ts::web;
using accounts::Account;
using accounts::Letter;

Response page(Call& c, const Letter& letter, const Form* form, int status) {
  const Account& a = c.account();
  Page p{status, "Première connexion", "premiere_connexion/premiere_connexion.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIER", a.identifier);
    d.ShowSection(a.is_responsable() ? "RESPONSABLE" : "ELEVE");
    d.SetValue("CHILD_FIRST_NAME", scolarite::pupil_name(c.ctx.db, letter.pupil_id).first_name);
    // Passwords are never sent back.
    if (form) fill_form(d, *form, {"email", "email_confirmation", "date_naissance"});
  });
}

// A copy of the form posted twice whose twin has done the first connection:
// what the first got — a session at the stage the account is at now, and the
// page it leads to (the caller's transaction, the account row locked).
Response twin_outcome(Call& c, const Account& now) {
  Response res = Response::redirect(now.pending_email.empty() ? "/services" : "/compte-en-attente");
  start_session(c.ctx, c.req, res, now.id, accounts::stage_for(now));
  return res;
}

}  // namespace

// The letter this session signed in with, still in force; otherwise the
// session ends (first connection done elsewhere, letter replaced or expired)
// — unless this account's first connection was done just now (a copy of the
// form whose session was read before it): then `away` is its outcome.
std::optional<Letter> letter_in_force(Call& c, Response& away) {
  const Account& a = c.account();
  auto l = a.state == "letter" ? accounts::current_letter(c.ctx.db, a.id) : std::nullopt;
  if (!l && c.req.method == "POST" && accounts::account_letter_spent_just_now(c.ctx.db, a.id)) {
    Transaction tx(c.ctx.db);
    auto now = accounts::lock_account(c.ctx.db, a.id);
    if (now && now->state != "letter") {
      away = twin_outcome(c, *now);
      tx.commit();
      return std::nullopt;
    }
  }
  // A reported letter (issue 13 — aide) is suspended: it serves no more.
  if (!l || l->expired || l->suspended) {
    away = Response::redirect("/connexion");
    end_session(c.ctx, c.req, away);
    return std::nullopt;
  }
  if (a.locked_until) {  // read with the session's account row
    away = locked_page(c, a.locked_until);
    return std::nullopt;
  }
  return l;
}

namespace {

Response show(Call& c) {
  Response away;
  auto letter = letter_in_force(c, away);
  if (!letter) return away;
  return page(c, *letter, nullptr, 200);
}

// The date of birth the school knows: the child named on the letter, or the pupil's own.
std::string expected_birth_date(Db& db, const Account& a, const Letter& l) {
  return scolarite::birth_date_of(db, a.is_responsable() ? l.pupil_id : a.pupil_id);
}

// The form's rules (errors recorded on `form`). A wrong date of birth counts
// like a wrong password: returns the page to answer when it locks the account.
std::optional<Response> check(Call& c, const Letter& letter, Form& form) {
  const Account& account = c.account();
  const bool responsable = account.is_responsable();
  check_new_password(c.ctx, form, "mot_de_passe", "mot_de_passe_confirmation");
  if (form.raw("email").empty() && responsable)
    form.fail("email", "L'adresse mail est obligatoire pour les responsables.");
  if (!form.has_error("email") && !form.has_error("email_confirmation") &&
      form.value("email_confirmation") != form.value("email"))
    form.fail("email_confirmation", "La confirmation ne correspond pas à l'adresse mail saisie.");
  if (form.raw("date_naissance").empty()) {
    form.fail("date_naissance", "Saisissez la date de naissance.");
    return std::nullopt;
  }
  if (form.has_error("date_naissance") ||
      form.value("date_naissance") == expected_birth_date(c.ctx.db, account, letter))
    return std::nullopt;
  form.fail("date_naissance", responsable ? "Cette date de naissance ne correspond pas à celle que l'établissement "
                                            "connaît pour votre enfant."
                                          : "Cette date de naissance ne correspond pas à celle que l'établissement "
                                            "connaît.");
  return failed_proof(c, security::Proof::birth_date, "first_connection_failure", "mauvaise date de naissance");
}

Response submit(Call& c) {
  Response away;
  auto sub_letter = letter_in_force(c, away);
  if (!sub_letter) return away;
  Form form(c.req, {{"mot_de_passe", 64, valid::password_rule},
                    {"mot_de_passe_confirmation", 64, nullptr},
                    {"email", 254, valid::email},
                    {"email_confirmation", 254, valid::email},
                    {"date_naissance", 10, valid::birth_date}});
  if (auto locked = check(c, *sub_letter, form)) return *locked;
  if (!form.ok()) return page(c, *sub_letter, &form, 422);

  // Hash outside the transaction: 30 ms of CPU should not hold row locks.
  std::string hash = crypto::hash_password(form.raw("mot_de_passe"), crypto::argon2_params(c.ctx.cfg));
  const std::string& email = form.value("email");
  Db& db = c.ctx.db;
  Transaction tx(db);
  auto a = accounts::lock_account(db, c.account().id);
  auto letter = accounts::current_letter(db, c.account().id);
  if (a && a->state != "letter" && accounts::spent_just_now(db, sub_letter->id)) {
    // The same form posted twice (a double click): this letter's first
    // connection has just been done by the other request.
    Response res = twin_outcome(c, *a);
    tx.commit();
    return res;
  }
  // Locked meanwhile by another session's guesses (the row is read under its lock):
  // even a right date does not get through a lock.
  if (a && a->state == "letter" && a->locked_until) return locked_page(c, a->locked_until);
  if (!a || a->state != "letter" || !letter || letter->id != sub_letter->id)
    return message_page(c, 409, "Première connexion déjà faite",
                        "La première connexion de ce compte a déjà été enregistrée. Connectez-vous avec le mot de "
                        "passe que vous avez choisi.",
                        "/connexion", "Aller à la connexion");
  accounts::record_first_connection(db, *a, hash, email);
  security::record_success(db, a->id, {security::Proof::password, security::Proof::birth_date});  // both proved
  accounts::spend_letter(db, letter->id);
  if (!email.empty()) {
    security::record_mail_to_address(db, c.ctx.cfg, email);
    std::string code = accounts::issue_code(db, a->id, accounts::purpose::activation, email, accounts::kThreeMonths);
    accounts::queue_activation_mail(db, c.ctx.cfg.base_url, *a, email, code);
  }
  security::audit(db, a->id, a->identifier, "first_connection", email.empty() ? "sans adresse mail" : "mail d'activation envoyé",
                  c.req.remote_addr);
  // A new session id for the new stage; whoever gave an address is told to confirm it.
  Response res = Response::redirect(email.empty() ? "/services" : "/compte-en-attente");
  start_session(c.ctx, c.req, res, a->id, accounts::stage_for(*a));
  tx.commit();
  return res;
}

const Routes kRoutes = {
    get("/premiere-connexion", Gate::first_connection, show),
    post("/premiere-connexion", Gate::first_connection, submit).proof(),
    // issue 13 — aide: "je ne suis pas le représentant légal de cet élève"
    get("/premiere-connexion/signalement", Gate::first_connection, report_form),
    post("/premiere-connexion/signalement", Gate::first_connection, report_submit)
        .get_redirect("/premiere-connexion/signalement")
        .expired_form_page("/premiere-connexion/signalement"),
};

}  // namespace
}  // namespace ts::premiere_connexion

TS_FLOW_MAIN("premiere_connexion", ts::premiere_connexion::kRoutes)
