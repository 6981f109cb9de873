// Flow "activation": the waiting page (GET /compte-en-attente), sending the
// activation mail again (POST, rate-limited) and the mailed link
// (GET /validerAdresseMail?code=…), which confirms the address once.
#include "accounts.h"
#include "app.h"
#include "audit.h"
#include "ratelimit.h"
#include "render.h"
#include "session.h"

namespace ts {
namespace {

Response waiting_page(Context& ctx, const Request& req, const SessionInfo& s, const Account& a, int status,
                      const std::string& notice, bool notice_is_error) {
  Page p{status, "Compte en attente de validation", "compte_en_attente.tpl"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("EMAIL", a.pending_email);
    if (!a.is_responsable()) d.ShowSection("ELEVE");
    if (!notice.empty()) {
      d.ShowSection(notice_is_error ? "NOTICE_ERROR" : "NOTICE_OK");
      d.SetValue("NOTICE", notice);
    }
  }, &s);
}

// Activation mails sent for this account recently: the resend limit.
bool resend_allowed(Context& ctx, unsigned account_id, std::string& why) {
  auto st = ctx.db.prepare(
      "SELECT COALESCE(SUM(created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND), 0),"
      " COALESCE(SUM(created_at > UTC_TIMESTAMP() - INTERVAL 1 DAY), 0)"
      " FROM email_token WHERE account_id = ? AND purpose = 'activation'");
  st->setInt(1, ctx.cfg.resend_min_interval_seconds);
  st->setUInt(2, account_id);
  Rows r(st->executeQuery());
  r->next();
  if (r->getInt(1) > 0) {
    why = "Un message vient de vous être envoyé. Patientez quelques minutes avant d'en demander un nouveau, et "
          "pensez à regarder dans le dossier « courriers indésirables ».";
    return false;
  }
  if (r->getInt(2) >= ctx.cfg.resend_max_per_day) {
    why = "Vous avez demandé trop de messages aujourd'hui. Réessayez demain ou contactez l'établissement qui vous a "
          "remis la notification.";
    return false;
  }
  return true;
}

Response waiting(const Request& req, Context& ctx) {
  auto s = load_session(ctx, req);
  if (!s) return Response::redirect("/connexion");
  if (s->stage == "first_connection") return Response::redirect("/premiere-connexion");
  auto a = find_account(ctx.db, s->identifier);
  if (!a || a->state != "pending_email") return Response::redirect("/services");
  if (req.method == "GET") {
    Form none(req, {});
    return waiting_page(ctx, req, *s, *a, 200, "", false);
  }
  Form form(req, {{"csrf_token", 64, nullptr}});
  if (!csrf_valid(ctx, req, form.raw("csrf_token")))
    return form_expired(ctx, req, "/compte-en-attente");
  Transaction tx(ctx.db);
  (void)lock_account(ctx.db, a->id);  // serialises two clicks on "renvoyer"
  std::string why;
  if (!resend_allowed(ctx, a->id, why)) return waiting_page(ctx, req, *s, *a, 429, why, true);
  // Per address too: several accounts may name the same one.
  const RateLimit per_address{"mail_address", ctx.cfg.mail_per_address_per_hour, 3600};
  if (!rate_allowed(ctx.db, per_address, a->pending_email))
    return waiting_page(ctx, req, *s, *a, 429,
                        "Trop de messages ont été envoyés à cette adresse dans l'heure. Réessayez plus tard.", true);
  rate_record(ctx.db, per_address, a->pending_email);
  std::string token = issue_email_token(ctx.db, a->id, "activation", a->pending_email, kActivationValidHours);
  queue_activation_mail(ctx, *a, a->pending_email, token);
  audit(ctx.db, a->id, a->identifier, "activation_resent", "", req.remote_addr);
  tx.commit();
  return waiting_page(ctx, req, *s, *a, 200, "Un nouveau message vient de vous être envoyé.", false);
}

Response confirm(const Request& req, Context& ctx) {
  if (req.method != "GET") throw HttpError(405, "Ouvrez le lien reçu par mail.");
  Form form(req, {{"code", 64, valid::token}});
  const char* back = "/connexion";
  if (form.raw("code").empty() || !form.ok())
    return message_page(ctx, req, 404, "Lien non valide",
                        "Ce lien de validation n'est pas valide. Vérifiez que vous avez copié l'adresse complète "
                        "du message reçu.", back, "Aller à la connexion");
  Transaction tx(ctx.db);
  auto st = ctx.db.prepare(
      "SELECT t.id, t.account_id, t.email, t.used_at IS NOT NULL, t.expires_at <= UTC_TIMESTAMP(), a.state"
      " FROM email_token t JOIN account a ON a.id = t.account_id"
      " WHERE t.token_hash = ? AND t.purpose = 'activation' FOR UPDATE");
  st->setString(1, crypto::sha256(form.value("code")));
  Rows r(st->executeQuery());
  if (!r->next())
    return message_page(ctx, req, 404, "Lien non valide",
                        "Ce lien de validation n'est pas valide. Vérifiez que vous avez copié l'adresse complète "
                        "du message reçu.", back, "Aller à la connexion");
  unsigned token_id = r->getUInt(1), account_id = r->getUInt(2);
  std::string email = r->getString(3), state = r->getString(6);
  bool used = r->getBoolean(4), expired = r->getBoolean(5);
  if (used || state == "active")
    return message_page(ctx, req, 200, "Adresse déjà confirmée",
                        "Votre adresse mail est déjà confirmée et votre compte est validé. Vous pouvez vous "
                        "connecter.", back, "Aller à la connexion");
  if (expired || state != "pending_email")
    return message_page(ctx, req, 410, "Lien expiré",
                        "Ce lien de validation a expiré : le délai de 3 mois est dépassé. Demandez un nouveau "
                        "courrier de notification à l'établissement qui vous l'a remis.", back,
                        "Aller à la connexion");
  auto a = lock_account(ctx.db, account_id);
  auto use = ctx.db.prepare("UPDATE email_token SET used_at = UTC_TIMESTAMP() WHERE id = ?");
  use->setUInt(1, token_id);
  use->executeUpdate();
  auto up = ctx.db.prepare(
      "UPDATE account SET state = 'active', email = ?, pending_email = NULL, email_confirmed_at = UTC_TIMESTAMP()"
      " WHERE id = ?");
  up->setString(1, email);
  up->setUInt(2, account_id);
  up->executeUpdate();
  // Sessions waiting for this confirmation may now reach the services.
  auto sess = ctx.db.prepare("UPDATE session SET stage = 'full' WHERE account_id = ? AND stage = 'pending'");
  sess->setUInt(1, account_id);
  sess->executeUpdate();
  audit(ctx.db, account_id, a ? a->identifier : "", "activation", "address confirmed", req.remote_addr);
  tx.commit();
  Page p{200, "Confirmation de votre adresse mail", "activation_ok.tpl"};
  return render(ctx, req, p, nullptr);
}

Response handle(const Request& req, Context& ctx) {
  if (req.path == "/compte-en-attente") return waiting(req, ctx);
  if (req.path == "/validerAdresseMail") return confirm(req, ctx);
  return not_found(ctx, req);
}

}  // namespace
}  // namespace ts

int main(int argc, char** argv) { return ts::run_handler(argc, argv, "activation", ts::handle); }
