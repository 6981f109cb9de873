// Flow "compte" (spec "Mon compte"): a signed-in family's own account.
//   GET  /compte                         Profil: identifier, addresses, the two forms below
//   POST /compte/mot-de-passe            new password (the current one is asked)
//   POST /compte/adresse                 new address: used only once the link mailed to it is opened
//   GET  /compte/enfants                 the children of the account ("Regrouper des comptes" comes later)
//   GET  /validerNouvelleAdresse?code=   that link (single use, lib/profile.h; no session needed)
// Every page but the link needs a full session. A wrong current password
// counts as a failed login (lib/lockout.h). Both forms share the Profil page
// and an input's id is its name, so the address form's current password is
// "mot_de_passe" and the password form's "mot_de_passe_actuel".
#include <cctype>
#include <optional>

#include "accounts.h"
#include "app.h"
#include "audit.h"
#include "lockout.h"
#include "profile.h"
#include "ratelimit.h"
#include "render.h"
#include "session.h"

namespace ts {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Where a visitor without a full session goes; nullopt when signed in.
std::optional<Response> elsewhere(const std::optional<SessionInfo>& s) {
  if (!s) return Response::redirect("/connexion");
  if (s->stage == "first_connection") return Response::redirect("/premiere-connexion");
  if (s->stage == "pending") return Response::redirect("/compte-en-attente");
  return std::nullopt;
}

Response profile_page(Context& ctx, const Request& req, const SessionInfo& s, const Account& a, const Form* form,
                      const std::string& changed) {
  Page p{form ? 422 : 200, form ? "Erreur : Mon compte" : "Mon compte", "compte_profil.tpl", true, "COMPTE"};
  // The address waiting for its link: a change asked here, or a pupil's first address.
  std::string waiting = pending_email_change(ctx.db, a.id).value_or(a.pending_email);
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    account_frame(d, a, "PROFIL");
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
  }, &s);
}

// The current password, asked by both forms. Returns the page to answer
// instead when the attempt stops here (client address or account locked out);
// a wrong password is counted as a failed login and marked on the field.
std::optional<Response> check_current_password(Context& ctx, const Request& req, Form& form, const char* field,
                                               const Account& a, const char* failure_event, bool& verified) {
  verified = false;
  if (client_blocked(ctx, req)) return too_many_attempts_page(ctx, req);
  // A locked account is not checked at all (as at login).
  if (auto until = locked_until(ctx, a.id)) return locked_page(ctx, req, *until);
  const std::string& pw = form.raw(field);
  if (pw.empty()) {
    form.fail(field, "Saisissez votre mot de passe actuel.");
  } else if (crypto::verify_password(a.password_hash, pw)) {
    verified = true;
  } else {
    if (record_failure(ctx, req, &a, failure_event, "wrong current password")) {
      // The session that guessed too often ends with the lock.
      Response res = locked_page(ctx, req, locked_until(ctx, a.id).value_or(""));
      end_session(ctx, req, res);
      return res;
    }
    form.fail(field, "Le mot de passe actuel est incorrect.");
  }
  return std::nullopt;
}

Response changed_meanwhile(Context& ctx, const Request& req) {
  return message_page(ctx, req, 409, "Compte modifié entre-temps",
                      "Le mot de passe de votre compte vient d'être modifié par ailleurs. Rechargez la page et "
                      "recommencez.", "/compte", "Retour à mon compte");
}

Response change_password(const Request& req, Context& ctx) {
  Form form(req, {{"csrf_token", 64, nullptr},
                  {"mot_de_passe_actuel", 128, nullptr},
                  {"nouveau_mot_de_passe", 64, valid::password_rule},
                  {"confirmation", 64, nullptr}});
  auto s = load_session(ctx, req);
  if (auto away = elsewhere(s)) return *away;
  if (!csrf_valid(ctx, req, form.raw("csrf_token"))) return form_expired(ctx, req, "/compte");
  auto a = find_account(ctx.db, s->identifier);
  if (!a) return Response::redirect("/connexion");

  bool verified = false;
  if (auto stop = check_current_password(ctx, req, form, "mot_de_passe_actuel", *a, "password_change_failure",
                                         verified))
    return *stop;
  check_new_password(ctx, form, "nouveau_mot_de_passe", "confirmation");
  if (verified && !form.has_error("nouveau_mot_de_passe") &&
      form.raw("nouveau_mot_de_passe") == form.raw("mot_de_passe_actuel"))
    form.fail("nouveau_mot_de_passe", "Choisissez un mot de passe différent de votre mot de passe actuel.");
  if (!form.ok()) return profile_page(ctx, req, *s, *a, &form, "");

  // Hash outside the transaction: 30 ms of CPU should not hold row locks.
  std::string hash = crypto::hash_password(form.raw("nouveau_mot_de_passe"), argon2_params(ctx.cfg));
  Transaction tx(ctx.db);
  auto locked = lock_account(ctx.db, a->id);  // the account row first
  if (!locked || locked->password_hash != a->password_hash) return changed_meanwhile(ctx, req);
  record_success(ctx, a->id);
  auto up = ctx.db.prepare("UPDATE account SET password_hash = ? WHERE id = ?");
  up->setString(1, hash);
  up->setUInt(2, a->id);
  up->executeUpdate();
  // Whoever knew the old password is signed out elsewhere; this browser stays, with a new id.
  end_other_sessions(ctx, a->id, s->id_hash);
  Response res = Response::redirect("/compte?modifie=mot-de-passe");
  renew_session_id(ctx, *s, res);
  queue_password_changed_mail(ctx, *locked);
  audit(ctx.db, a->id, a->identifier, "password_change", "other sessions ended", req.remote_addr);
  tx.commit();
  return res;
}

Response change_address(const Request& req, Context& ctx) {
  Form form(req, {{"csrf_token", 64, nullptr},
                  {"nouvelle_adresse", 254, valid::email},
                  {"confirmation_adresse", 254, valid::email},
                  {"mot_de_passe", 128, nullptr}});
  auto s = load_session(ctx, req);
  if (auto away = elsewhere(s)) return *away;
  if (!csrf_valid(ctx, req, form.raw("csrf_token"))) return form_expired(ctx, req, "/compte");
  auto a = find_account(ctx.db, s->identifier);
  if (!a) return Response::redirect("/connexion");

  const std::string& address = form.value("nouvelle_adresse");
  if (form.raw("nouvelle_adresse").empty()) form.fail("nouvelle_adresse", "Saisissez votre nouvelle adresse mail.");
  else if (!form.has_error("nouvelle_adresse") && lower(address) == lower(a->email))
    form.fail("nouvelle_adresse", "Cette adresse est déjà celle de votre compte : saisissez-en une autre.");
  if (form.raw("confirmation_adresse").empty())
    form.fail("confirmation_adresse", "Saisissez une seconde fois la nouvelle adresse mail.");
  else if (!form.has_error("nouvelle_adresse") && !form.has_error("confirmation_adresse") &&
           form.value("confirmation_adresse") != address)
    form.fail("confirmation_adresse", "La confirmation ne correspond pas à l'adresse mail saisie.");
  bool verified = false;
  if (auto stop = check_current_password(ctx, req, form, "mot_de_passe", *a, "email_change_failure", verified))
    return *stop;
  if (!form.ok()) return profile_page(ctx, req, *s, *a, &form, "");

  Transaction tx(ctx.db);
  auto locked = lock_account(ctx.db, a->id);  // serialises two clicks
  if (!locked || locked->password_hash != a->password_hash) return changed_meanwhile(ctx, req);
  const RateLimit per_account{"mail_account", ctx.cfg.mail_per_account_per_hour, 3600};
  const RateLimit per_address{"mail_address", ctx.cfg.mail_per_address_per_hour, 3600};
  const std::string account_key = std::to_string(a->id), address_key = lower(address);
  if (!rate_allowed(ctx.db, per_account, account_key))
    return message_page(ctx, req, 429, "Trop de demandes",
                        "Trop de messages ont été envoyés pour votre compte depuis une heure. Réessayez plus tard.",
                        "/compte", "Retour à mon compte");
  if (!rate_allowed(ctx.db, per_address, address_key))
    return message_page(ctx, req, 429, "Trop de demandes pour cette adresse",
                        "Trop de messages ont été envoyés à cette adresse mail depuis une heure. Réessayez plus "
                        "tard.", "/compte", "Retour à mon compte");
  rate_record(ctx.db, per_account, account_key);
  rate_record(ctx.db, per_address, address_key);
  record_success(ctx, a->id);
  request_email_change(ctx, *locked, address);
  audit(ctx.db, a->id, a->identifier, "email_change_requested", "link mailed to the new address", req.remote_addr);
  tx.commit();
  return Response::redirect("/compte?modifie=adresse");
}

Response children_page(const Request& req, Context& ctx) {
  Form none(req, {});  // a GET takes no parameters
  auto s = load_session(ctx, req);
  if (auto away = elsewhere(s)) return *away;
  auto a = find_account(ctx.db, s->identifier);
  if (!a) return Response::redirect("/connexion");
  auto children = children_of(ctx.db, *a);
  Page p{200, "Mon compte : enfants rattachés", "compte_enfants.tpl", true, "COMPTE"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    account_frame(d, *a, "ENFANTS");
    d.ShowSection(a->is_responsable() ? "RESPONSABLE" : "ELEVE");
    fill_children(d, children);
    if (children.empty()) d.ShowSection("NO_CHILD");
  }, &*s);
}

Response profile(const Request& req, Context& ctx) {
  Form query(req, {{"modifie", 20, nullptr}});
  auto s = load_session(ctx, req);
  if (auto away = elsewhere(s)) return *away;
  auto a = find_account(ctx.db, s->identifier);
  if (!a) return Response::redirect("/connexion");
  return profile_page(ctx, req, *s, *a, nullptr, query.value("modifie"));
}

// The link mailed to the new address.
Response link_refused(Context& ctx, const Request& req, int status) {
  if (status == 404)
    return message_page(ctx, req, 404, "Lien de confirmation non valide",
                        "Ce lien de confirmation d'adresse mail n'est pas valide. Vérifiez que vous avez copié "
                        "l'adresse complète du message reçu.", "/compte", "Aller à mon compte");
  return message_page(ctx, req, 410, "Lien de confirmation expiré",
                      "Ce lien de confirmation n'est plus valable : il ne l'est que " +
                          std::to_string(kEmailChangeValidHours) +
                          " heures, et seulement pour la dernière demande faite. L'adresse mail de votre compte n'a "
                          "pas été modifiée : refaites la demande depuis « Mon compte ».",
                      "/compte", "Aller à mon compte");
}

Response confirm(const Request& req, Context& ctx) {
  if (req.method != "GET") throw HttpError(405, "Ouvrez le lien reçu par mail.");
  Form form(req, {{"code", 64, valid::token}});
  if (form.raw("code").empty() || !form.ok()) return link_refused(ctx, req, 404);
  const std::string digest = crypto::sha256(form.value("code"));
  auto find = ctx.db.prepare("SELECT account_id FROM email_token WHERE token_hash = ? AND purpose = 'email_change'");
  find->setString(1, digest);
  Rows found(find->executeQuery());
  if (!found->next()) return link_refused(ctx, req, 404);
  const unsigned account_id = found->getUInt(1);

  Transaction tx(ctx.db);
  auto a = lock_account(ctx.db, account_id);  // the account row first, then its code
  auto st = ctx.db.prepare(
      "SELECT id, email, used_at IS NOT NULL, expires_at <= UTC_TIMESTAMP() FROM email_token"
      " WHERE token_hash = ? AND purpose = 'email_change' FOR UPDATE");
  st->setString(1, digest);
  Rows r(st->executeQuery());
  if (!a || !r->next()) return link_refused(ctx, req, 404);
  const unsigned token_id = r->getUInt(1);
  const std::string address = r->getString(2);
  if (r->getBoolean(3))
    return message_page(ctx, req, 200, "Nouvelle adresse déjà confirmée",
                        "Ce lien a déjà servi : il ne peut être utilisé qu'une seule fois. La nouvelle adresse mail "
                        "de votre compte est déjà confirmée.", "/compte", "Aller à mon compte");
  if (r->getBoolean(4) || (a->state != "active" && a->state != "pending_email")) return link_refused(ctx, req, 410);

  auto use = ctx.db.prepare("UPDATE email_token SET used_at = UTC_TIMESTAMP() WHERE id = ?");
  use->setUInt(1, token_id);
  use->executeUpdate();
  // A pupil who had never confirmed an address now has one: the account is active.
  auto up = ctx.db.prepare(
      "UPDATE account SET email = ?, pending_email = NULL, email_confirmed_at = UTC_TIMESTAMP(), state = 'active'"
      " WHERE id = ?");
  up->setString(1, address);
  up->setUInt(2, a->id);
  up->executeUpdate();
  const bool told = !a->email.empty() && lower(a->email) != lower(address);
  if (told) queue_address_changed_mail(ctx, *a, a->email);
  audit(ctx.db, a->id, a->identifier, "email_change",
        told ? "new address confirmed; previous address told" : "new address confirmed", req.remote_addr);
  tx.commit();
  return message_page(ctx, req, 200, "Nouvelle adresse mail confirmée",
                      "Votre nouvelle adresse mail est confirmée : c'est désormais à elle que les services en ligne "
                      "vous écriront, et c'est elle qui vous permettra de retrouver votre identifiant ou votre mot de "
                      "passe.", "/compte", "Aller à mon compte");
}

Response handle(const Request& req, Context& ctx) {
  if (req.path == "/validerNouvelleAdresse") return confirm(req, ctx);
  const bool form_path = req.path == "/compte/mot-de-passe" || req.path == "/compte/adresse";
  if (!form_path && req.path != "/compte" && req.path != "/compte/enfants") return not_found(ctx, req);
  if (form_path) {
    // The forms live on the Profil page: a GET here (a reload, a bookmark) goes there.
    if (req.method != "POST") return Response::redirect("/compte");
    return req.path == "/compte/adresse" ? change_address(req, ctx) : change_password(req, ctx);
  }
  if (req.method != "GET") throw HttpError(405, "Cette adresse ne reçoit pas de formulaire.");
  return req.path == "/compte" ? profile(req, ctx) : children_page(req, ctx);
}

}  // namespace
}  // namespace ts

int main(int argc, char** argv) { return ts::run_handler(argc, argv, "compte", ts::handle); }
