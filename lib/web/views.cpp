#include "views.h"

#include <ctime>

#include "accounts/mails.h"
#include "accounts/passwords.h"
#include "accounts/sessions.h"
#include "security/audit.h"
#include "core/crypto.h"
#include "core/log.h"
#include "render.h"
#include "security/ratelimit.h"
#include "security/lockout.h"
#include "session.h"

namespace ts::web {

Response message_page(Call& c, int status, const std::string& title, const std::string& message,
                      const std::string& link_href, const std::string& link_text, const char* nav) {
  Page p{status, title, "web/message.tpl", nav != nullptr, nav ? nav : ""};
  // The visitor as they are: signed in, their name and the logout button —
  // also on the pages no session was looked up for (an unknown address, a
  // refused request, an expired link: issue 11, fault 2). One query, best
  // effort; not for a 503 (the database is what failed).
  std::optional<accounts::Session> visitor;
  if (!c.session && !c.signed_out && status != 503 && !c.req.cookie(kSessionCookie).empty()) {
    try {
      visitor = load_session(c.ctx, c.req);
    } catch (const std::exception& e) {
      log::error(std::string("message page: session not read: ") + e.what());
      c.ctx.db.reset();
    }
  }
  Call shown{c.req, c.ctx, visitor ? &*visitor : c.session, c.query, c.signed_out};
  return render(shown, p, message_fill(status, title, message, link_href, link_text));
}

Response not_found(Call& c) {
  return message_page(c, 404, "Page introuvable", "L'adresse demandée ne correspond à aucune page de Scolarité services.");
}

Response form_expired(Call& c, const std::string& form_href) {
  return message_page(c, 403, "Formulaire expiré",
                      "Ce formulaire a expiré. Rechargez la page et saisissez à nouveau vos informations.", form_href,
                      "Recharger la page");
}

std::string french_time(long epoch) {
  std::time_t t = epoch;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%d/%m/%Y à %H h %M", &tm);
  return buf;
}

Response locked_page(Call& c, long until_epoch) {
  return message_page(c, 403, "Compte temporairement verrouillé",
                      "Après plusieurs tentatives de connexion infructueuses, ce compte est verrouillé jusqu'au " +
                          french_time(until_epoch) +
                          " (heure de Paris). Réessayez après cette heure. Si vous avez oublié votre mot de passe, "
                          "utilisez « Mot de passe oublié ? » ou adressez-vous à l'établissement.",
                      "/connexion", "Retour à la connexion");
}

Response too_many_attempts_page(Call& c) {
  Response res = message_page(c, 429, "Trop de tentatives",
                              "Trop de tentatives de connexion ont échoué depuis votre connexion internet. Patientez "
                              "quelques minutes avant de réessayer.",
                              "/connexion", "Retour à la connexion");
  // RFC 9110 10.2.3 (as nginx's own 429 says): at the latest when the
  // failures counted for this address have left the window.
  res.headers.emplace_back("Retry-After", std::to_string(c.ctx.cfg.login_ip_window_minutes * 60));
  return res;
}

std::optional<Response> failed_proof(Call& c, security::Proof proof, const std::string& event,
                                     const std::string& reason) {
  const accounts::Account& a = c.account();
  if (!security::record_failure(c.ctx.db, c.ctx.cfg, c.req.remote_addr, {a.id, a.identifier, event, reason, proof}))
    return std::nullopt;
  Call ended{c.req, c.ctx, nullptr, c.query, true};  // the page shows the visitor signed out, as they now are
  Response res = locked_page(ended, security::locked_until(c.ctx.db, a.id).value_or(0));
  end_session(c.ctx, c.req, res);
  return res;
}

std::optional<Response> check_current_password(Call& c, Form& form, const char* field, const char* failure_event,
                                               bool& verified) {
  const accounts::Account& a = c.account();
  verified = false;
  // (The client address's limit and the account's lock were checked by the
  // dispatcher: the route is a .proof().)
  const std::string& pw = form.raw(field);
  if (pw.empty()) {
    form.fail(field, "Saisissez votre mot de passe actuel.");
  } else if (form.has_error(field)) {
    // Too long to be a password: a typing error, not a guess (not counted).
  } else if (crypto::verify_password(a.password_hash, pw)) {
    verified = true;
  } else {
    if (auto locked = failed_proof(c, security::Proof::password, failure_event, "mauvais mot de passe actuel"))
      return locked;
    form.fail(field, "Le mot de passe actuel est incorrect.");
  }
  return std::nullopt;
}

namespace {

const char* kSamePassword = "Choisissez un mot de passe différent de votre mot de passe actuel.";

// The end of every change of one's own password (Mon compte, the renewal the
// school demanded): hashed outside the transaction, then under the account
// row's lock the hash the page read still the account's (else the twin's
// outcome or a 409), the new hash, the other sessions ended, this browser's
// session replaced (same stage) or, with `next_stage`, a new one at the stage
// the account now belongs to, the mail, the audit row `event`.
Response store_new_password(Call& c, const std::string& fresh, const std::string& done, const std::string& back,
                            const char* event, bool next_stage) {
  const accounts::Account& a = c.account();
  Db& db = c.ctx.db;
  // Hash outside the transaction: 30 ms of CPU should not hold row locks.
  std::string hash = crypto::hash_password(fresh, crypto::argon2_params(c.ctx.cfg));
  Transaction tx(db);
  auto locked = accounts::lock_account(db, a.id);  // the account row first
  if (locked && locked->password_hash != a.password_hash && crypto::verify_password(locked->password_hash, fresh))
    return Response::redirect(done);  // the twin request (double click) set this very one
  if (!locked || locked->password_hash != a.password_hash)
    return message_page(c, 409, "Compte modifié entre-temps",
                        "Le mot de passe de votre compte vient d'être modifié par ailleurs. Rechargez la page et "
                        "recommencez.",
                        back, "Retour à mon compte");
  security::record_success(db, a.id, {security::Proof::password});
  accounts::set_password(db, a.id, hash);
  // Whoever knew the old password is signed out elsewhere; this browser stays, with a new id.
  accounts::end_other_sessions(db, a.id, c.session->id_hash);
  locked->must_renew_password = false;
  const char* to = next_stage ? stage_home(accounts::stage_for(*locked)) : done.c_str();
  Response res = Response::redirect(to);
  if (next_stage) start_session(c.ctx, c.req, res, a.id, accounts::stage_for(*locked));
  else replace_session(c.ctx, *c.session, res);
  accounts::queue_password_changed_mail(db, *locked);
  security::audit(db, a.id, a.identifier, event, "les autres sessions fermées", c.req.remote_addr);
  tx.commit();
  return res;
}

}  // namespace

std::optional<Response> change_own_password(Call& c, Form& form, const PasswordFields& f, const std::string& done,
                                            const std::string& back) {
  const accounts::Account& a = c.account();
  const std::string& fresh = form.raw(f.fresh);
  // The twin of a change this browser made just now (a double click whose
  // second copy came after the first was done): its session was replaced by
  // the change, the password typed as new is the account's now. The outcome,
  // and no failure counted for the "current" password, which was right.
  if (c.session->replaced == "password" && form.ok() && fresh == form.raw(f.confirmation) &&
      crypto::verify_password(a.password_hash, fresh))
    return Response::redirect(done);
  bool verified = false;
  if (auto stop = check_current_password(c, form, f.current, "password_change_failure", verified)) return stop;
  check_new_password(c.ctx, form, f.fresh, f.confirmation);
  if (verified && !form.has_error(f.fresh) && fresh == form.raw(f.current)) form.fail(f.fresh, kSamePassword);
  if (!form.ok()) return std::nullopt;
  return store_new_password(c, fresh, done, back, "password_change", false);
}

std::optional<Response> renew_own_password(Call& c, Form& form, const char* fresh_field,
                                           const char* confirmation_field) {
  const std::string& fresh = form.raw(fresh_field);
  check_new_password(c.ctx, form, fresh_field, confirmation_field);
  // The current password (the sign-in just checked it) is no new one.
  if (!form.has_error(fresh_field) && crypto::verify_password(c.account().password_hash, fresh))
    form.fail(fresh_field, kSamePassword);
  if (!form.ok()) return std::nullopt;
  return store_new_password(c, fresh, stage_home(accounts::stage::renew), "/connexion", "password_renewed", true);
}

void check_new_address(Form& form, const char* field, const char* confirmation_field, const std::string& current) {
  const std::string& address = form.value(field);
  if (form.raw(field).empty()) form.fail(field, "Saisissez votre nouvelle adresse mail.");
  else if (!form.has_error(field) && !current.empty() && valid::email_key(address) == valid::email_key(current))
    form.fail(field, "Cette adresse est déjà celle de votre compte : saisissez-en une autre.");
  if (form.raw(confirmation_field).empty())
    form.fail(confirmation_field, "Saisissez une seconde fois la nouvelle adresse mail.");
  else if (!form.has_error(field) && !form.has_error(confirmation_field) && form.value(confirmation_field) != address)
    form.fail(confirmation_field, "La confirmation ne correspond pas à l'adresse mail saisie.");
}

void fill_children(ctemplate::TemplateDictionary& d, const std::vector<accounts::Child>& children) {
  if (children.empty()) d.ShowSection("NO_CHILD");
  for (const auto& c : children) {
    auto* row = d.AddSectionDictionary("CHILD");
    row->SetValue("FIRST_NAME", c.first_name);
    row->SetValue("LAST_NAME", c.last_name);
    row->SetValue("CLASS", c.class_name);
    row->SetValue("ESTABLISHMENT", c.establishment);
    if (!c.responsable_name.empty()) {
      row->ShowSection("HAS_RESPONSABLE");
      row->SetValue("RESPONSABLE", c.responsable_name);
    }
  }
}

bool check_new_password(const Context& ctx, Form& form, const char* field, const char* confirmation_field) {
  auto p = accounts::new_password_problems(ctx.common_passwords, form.raw(field), form.raw(confirmation_field),
                                           form.has_error(field));
  if (!p.password.empty()) form.fail(field, p.password);
  if (!p.confirmation.empty()) form.fail(confirmation_field, p.confirmation);
  return form.ok();
}

}  // namespace ts::web
