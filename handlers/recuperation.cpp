// Flow "récupération": self-service recovery for an account whose address is
// confirmed (spec "Self-service recovery"); no session needed.
//   GET/POST /identifiant-oublie           the identifiers of an address, mailed to it
//   GET/POST /mot-de-passe-oublie          identifier + address: a single-use reset link, mailed
//   GET/POST /reinitialiser-mot-de-passe   the link: a new password; every session ends
// The two requests never tell whether an account or an address exists: one
// page, one status, the same statements (lib/recovery.h run_or_undo), and
// limits that count the typed address whether it is known or not.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <vector>

#include "accounts.h"
#include "app.h"
#include "audit.h"
#include "outbox.h"
#include "profile.h"
#include "ratelimit.h"
#include "recovery.h"
#include "render.h"
#include "session.h"

namespace ts {
namespace {

// Recovery requests per client address and hour, whatever they match: plenty
// for a family, too few to probe a list of addresses.
constexpr int kRequestsPerClientPerHour = 20;

struct Flow {
  const char* path;
  const char* title;       // the form's
  const char* sent_title;  // the answer's
  const char* form_template;
};
const Flow kForgotIdentifier{"/identifiant-oublie", "Identifiant oublié", "Identifiant oublié : demande enregistrée",
                             "recuperation_identifiant.tpl"};
const Flow kForgotPassword{"/mot-de-passe-oublie", "Mot de passe oublié", "Mot de passe oublié : demande enregistrée",
                           "recuperation_mot_de_passe.tpl"};

Response form_page(Context& ctx, const Request& req, const Flow& f, const Form* form, int status) {
  Page p{status, std::string(form ? "Erreur : " : "") + f.title, f.form_template};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    if (form) fill_form(d, *form, {"identifiant", "email"});
  });
}

// The one answer to a request, whatever it matched.
Response sent_page(Context& ctx, const Request& req, const Flow& f) {
  Page p{200, f.sent_title, "recuperation_envoye.tpl"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("HEADING", f.title);
    if (&f == &kForgotPassword) {
      d.ShowSection("RESET");
      d.SetIntValue("MINUTES", ctx.cfg.reset_valid_minutes);
    }
  });
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

RateLimit per_account(const Context& ctx) { return {"mail_account", ctx.cfg.mail_per_account_per_hour, 3600}; }

// The client's and the typed address's limits (caller's transaction). Both
// count every request, matched or not, so a 429 says nothing about the address.
std::optional<Response> over_limit(Context& ctx, const Request& req, Transaction& tx, const std::string& address) {
  const RateLimit per_client{"recovery_ip", kRequestsPerClientPerHour, 3600};
  if (!rate_allowed(ctx.db, per_client, req.remote_addr))
    return message_page(ctx, req, 429, "Trop de demandes",
                        "Trop de demandes ont été faites depuis votre connexion internet. Réessayez dans une heure.",
                        "/connexion", "Retour à la connexion");
  rate_record(ctx.db, per_client, req.remote_addr);
  const RateLimit per_address{"mail_address", ctx.cfg.mail_per_address_per_hour, 3600};
  if (!rate_allowed(ctx.db, per_address, address)) {
    tx.commit();  // the client's request still counts
    return message_page(ctx, req, 429, "Trop de demandes pour cette adresse",
                        "Trop de messages ont été demandés pour cette adresse mail depuis une heure. Réessayez plus "
                        "tard.", "/connexion", "Retour à la connexion");
  }
  rate_record(ctx.db, per_address, address);
  return std::nullopt;
}

// An active account and its confirmed address: who may recover.
struct Holder {
  unsigned id = 0;
  std::string identifier, display_name, email;
};

std::vector<Holder> read_holders(Stmt st) {
  Rows r(st->executeQuery());
  std::vector<Holder> out;
  while (r->next()) out.push_back({r->getUInt(1), r->getString(2), r->getString(3), r->getString(4)});
  return out;
}

// The identifiers mail: one per confirmed spelling of the address, listing
// the identifiers it serves.
void queue_identifiers(Context& ctx, const std::vector<Holder>& told) {
  std::map<std::string, ctemplate::TemplateDictionary> mails;
  for (const auto& h : told) {
    auto& d = mails.try_emplace(h.email, "mail").first->second;
    auto* row = d.AddSectionDictionary("ACCOUNT");
    row->SetValue("IDENTIFIER", h.identifier);
    row->SetValue("NAME", h.display_name);
  }
  for (const auto& [to, d] : mails)
    enqueue_mail(ctx.db, {to, "", "Message des services en ligne - Votre identifiant",
                          mail_body("mail_identifiant.tpl", d)});
}

// The reset link: a 256-bit code (only its digest is kept), valid
// reset_valid_minutes. For the stand-in (no account: email_token needs a real
// one), the same costs: a code, its digest, one indexed INSERT (into
// rate_event), and the UPDATE, which then finds no row.
void queue_reset_link(Context& ctx, const Holder& h) {
  std::string code;
  if (h.id) {
    code = issue_email_token(ctx.db, h.id, "password_reset", h.email, 0);
  } else {
    code = crypto::new_token(256);
    rate_record(ctx.db, {"recovery_stand_in", 0, 0}, code);
  }
  // issue_email_token counts in hours; the link lives minutes.
  auto exp = ctx.db.prepare("UPDATE email_token SET expires_at = created_at + INTERVAL ? MINUTE WHERE token_hash = ?");
  exp->setInt(1, ctx.cfg.reset_valid_minutes);
  exp->setString(2, crypto::sha256(code));
  exp->executeUpdate();
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("LINK", ctx.cfg.base_url + "/reinitialiser-mot-de-passe?code=" + code);
  d.SetValue("IDENTIFIER", h.identifier);
  d.SetIntValue("MINUTES", ctx.cfg.reset_valid_minutes);
  enqueue_mail(ctx.db, {h.email, h.display_name, "Message des services en ligne - Réinitialisation de votre mot de passe",
                        mail_body("mail_reinitialisation.tpl", d)});
}

// Both request forms. Whatever matched, the same statements run in the same
// order: the limits, one SELECT of the accounts, one per-account count, then
// the mail's writes — kept when there is someone to tell, undone otherwise
// (run_or_undo) — and one audit row; the answer is the same page.
Response forgot(const Request& req, Context& ctx, const Flow& f) {
  const bool password = &f == &kForgotPassword;
  Form form = password ? Form(req, {{"csrf_token", 64, nullptr}, {"identifiant", 40, valid::identifier},
                                    {"email", 254, valid::email}})
                       : Form(req, {{"csrf_token", 64, nullptr}, {"email", 254, valid::email}});
  if (!csrf_valid(ctx, req, form.raw("csrf_token"))) return form_expired(ctx, req, f.path);
  if (password && form.raw("identifiant").empty()) form.fail("identifiant", "Saisissez votre identifiant.");
  if (form.raw("email").empty()) form.fail("email", "Saisissez votre adresse mail.");
  if (!form.ok()) return form_page(ctx, req, f, &form, 422);
  const std::string address = lower(form.value("email")), identifier = form.value("identifiant");

  Transaction tx(ctx.db);
  if (auto refused = over_limit(ctx, req, tx, address)) return *refused;
  // Only an active account, by its confirmed address (a pending one is not).
  Stmt st = password ? ctx.db.prepare("SELECT id, identifier, display_name, email FROM account"
                                      " WHERE identifier = ? AND email = ? AND state = 'active' FOR UPDATE")
                     : ctx.db.prepare("SELECT id, identifier, display_name, email FROM account"
                                      " WHERE email = ? AND state = 'active' ORDER BY identifier FOR UPDATE");
  if (password) st->setString(2, address);
  st->setString(1, password ? identifier : address);
  const auto holders = read_holders(st);

  // Within each account's own limit; past it, nothing is sent, silently.
  std::vector<Holder> told;
  for (const auto& h : holders)
    if (rate_allowed(ctx.db, per_account(ctx), std::to_string(h.id))) told.push_back(h);
  const Holder stand_in{0, password ? identifier : "identifiant", "", address};
  if (holders.empty()) (void)rate_allowed(ctx.db, per_account(ctx), "0");  // the same count, for the stand-in
  const bool send = !told.empty();
  if (!send) told = holders.empty() ? std::vector<Holder>{stand_in} : holders;
  if (password) told.resize(1);  // an identifier names one account
  run_or_undo(ctx.db, send, [&] {
    for (const auto& h : told) rate_record(ctx.db, per_account(ctx), std::to_string(h.id));
    if (password) queue_reset_link(ctx, told.front());
    else queue_identifiers(ctx, told);
  });

  const std::string what = password ? "forgot password" : "forgot identifier";
  if (holders.empty())
    audit(ctx.db, 0, "", "recovery_requested",
          what + "; no match for " + (password ? "identifier #" + audit_digest(ctx, identifier) + " and " : "") +
              "address #" + audit_digest(ctx, address),
          req.remote_addr);
  for (const auto& h : holders) {
    bool mailed = send && std::any_of(told.begin(), told.end(), [&](const Holder& t) { return t.id == h.id; });
    audit(ctx.db, h.id, h.identifier, "recovery_requested",
          what + (mailed ? "; mailed" : "; account mail limit reached, nothing sent"), req.remote_addr);
  }
  tx.commit();
  return sent_page(ctx, req, f);
}

// A mailed reset code as found in email_token.
enum class CodeState { unknown, used, expired, valid };
struct ResetCode {
  CodeState state = CodeState::unknown;
  unsigned account_id = 0;
  std::string identifier;
};

const std::string kFindCode =
    "SELECT t.account_id, t.used_at IS NOT NULL, t.expires_at <= UTC_TIMESTAMP(), a.state = 'active', a.identifier"
    " FROM email_token t JOIN account a ON a.id = t.account_id"
    " WHERE t.token_hash = ? AND t.purpose = 'password_reset'";
const std::string kLockCode = kFindCode + " FOR UPDATE";  // the code and its account

ResetCode find_code(Db& db, const std::string& code, bool lock) {
  ResetCode c;
  if (code.empty()) return c;
  auto st = db.prepare((lock ? kLockCode : kFindCode).c_str());
  st->setString(1, crypto::sha256(code));
  Rows r(st->executeQuery());
  if (!r->next()) return c;
  c.account_id = r->getUInt(1);
  c.identifier = r->getString(5);
  c.state = r->getBoolean(2) ? CodeState::used
            : r->getBoolean(3) || !r->getBoolean(4) ? CodeState::expired
                                                    : CodeState::valid;
  return c;
}

Response code_refused(Context& ctx, const Request& req, CodeState s) {
  const char* again = "/mot-de-passe-oublie";
  const char* again_text = "Faire une nouvelle demande";
  if (s == CodeState::used)
    return message_page(ctx, req, 410, "Lien déjà utilisé",
                        "Ce lien de réinitialisation a déjà servi : il ne peut être utilisé qu'une seule fois. Si "
                        "vous avez choisi votre nouveau mot de passe, connectez-vous avec lui ; sinon, faites une "
                        "nouvelle demande.", again, again_text);
  if (s == CodeState::expired)
    return message_page(ctx, req, 410, "Lien expiré",
                        "Ce lien de réinitialisation n'est plus valable : il ne l'est que " +
                            std::to_string(ctx.cfg.reset_valid_minutes) +
                            " minutes après la demande. Faites une nouvelle demande.", again, again_text);
  return message_page(ctx, req, 404, "Lien non valide",
                      "Ce lien de réinitialisation n'est pas valide. Vérifiez que vous avez copié l'adresse complète "
                      "du message reçu, ou faites une nouvelle demande.", again, again_text);
}

Response reset_page(Context& ctx, const Request& req, const std::string& code, const ResetCode& c, const Form* form) {
  Page p{form ? 422 : 200, form ? "Erreur : Nouveau mot de passe" : "Nouveau mot de passe",
         "recuperation_nouveau_mot_de_passe.tpl"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("CODE", code);
    d.SetValue("IDENTIFIER", c.identifier);
    if (form) fill_form(d, *form, {});  // passwords are never sent back
  });
}

Response reset(const Request& req, Context& ctx) {
  if (req.method != "POST") {
    Form query(req, {{"code", 64, valid::token}});
    const std::string code = query.ok() ? query.value("code") : std::string();
    ResetCode c = find_code(ctx.db, code, false);
    if (c.state != CodeState::valid) return code_refused(ctx, req, c.state);
    return reset_page(ctx, req, code, c, nullptr);
  }
  Form form(req, {{"csrf_token", 64, nullptr}, {"code", 64, valid::token},
                  {"mot_de_passe", 64, valid::password_rule}, {"mot_de_passe_confirmation", 64, nullptr}});
  const std::string code = form.has_error("code") ? std::string() : form.value("code");
  if (!csrf_valid(ctx, req, form.raw("csrf_token")))
    return form_expired(ctx, req, code.empty() ? kForgotPassword.path : "/reinitialiser-mot-de-passe?code=" + code);
  ResetCode c = find_code(ctx.db, code, false);
  if (c.state != CodeState::valid) return code_refused(ctx, req, c.state);
  if (!check_new_password(ctx, form, "mot_de_passe", "mot_de_passe_confirmation"))
    return reset_page(ctx, req, code, c, &form);

  // Hash outside the transaction: 30 ms of CPU should not hold row locks.
  std::string hash = crypto::hash_password(form.raw("mot_de_passe"), argon2_params(ctx.cfg));
  Transaction tx(ctx.db);
  c = find_code(ctx.db, code, true);
  if (c.state != CodeState::valid) return code_refused(ctx, req, c.state);  // used meanwhile
  auto a = lock_account(ctx.db, c.account_id);
  // This code and any other reset code of the account: each serves once.
  auto used = ctx.db.prepare(
      "UPDATE email_token SET used_at = UTC_TIMESTAMP()"
      " WHERE account_id = ? AND purpose = 'password_reset' AND used_at IS NULL");
  used->setUInt(1, a->id);
  used->executeUpdate();
  // A reset also lifts a lock: the family proved it holds the address.
  auto up = ctx.db.prepare(
      "UPDATE account SET password_hash = ?, failed_logins = 0, lock_count = 0, locked_until = NULL WHERE id = ?");
  up->setString(1, hash);
  up->setUInt(2, a->id);
  up->executeUpdate();
  end_all_sessions(ctx, a->id);  // whoever knew the old password is signed out
  audit(ctx.db, a->id, a->identifier, "recovery_used", "password reset link", req.remote_addr);
  audit(ctx.db, a->id, a->identifier, "password_reset", "every session ended", req.remote_addr);
  queue_password_changed_mail(ctx, *a);
  tx.commit();
  return message_page(ctx, req, 200, "Mot de passe modifié",
                      "Votre mot de passe a été modifié. Connectez-vous maintenant avec votre nouveau mot de passe.",
                      "/connexion", "Aller à la connexion");
}

Response handle(const Request& req, Context& ctx) {
  if (req.path == "/reinitialiser-mot-de-passe") return reset(req, ctx);
  const Flow* f = req.path == kForgotIdentifier.path ? &kForgotIdentifier
                  : req.path == kForgotPassword.path ? &kForgotPassword
                                                     : nullptr;
  if (!f) return not_found(ctx, req);
  if (req.method == "POST") return forgot(req, ctx, *f);
  Form none(req, {});  // a GET takes no parameters
  return form_page(ctx, req, *f, nullptr, 200);
}

}  // namespace
}  // namespace ts

int main(int argc, char** argv) { return ts::run_handler(argc, argv, "recuperation", ts::handle); }
