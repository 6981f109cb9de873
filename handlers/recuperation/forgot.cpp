// "Identifiant oublié ?" and "Mot de passe oublié ?": the two request forms.
// Whatever matched, the same statements run in the same order: the limits,
// one SELECT of the accounts, one per-account count, then the mail's writes —
// kept when there is someone to tell, undone otherwise (run_or_undo) — and
// one audit row; the answer is the same page.
#include <algorithm>

#include "accounts/codes.h"
#include "accounts/mails.h"
#include "accounts/recovery.h"
#include "core/crypto.h"
#include "forgot.h"
#include "security/audit.h"
#include "security/ratelimit.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::recuperation {
namespace {
using namespace ts::web;
using accounts::Holder;

struct Flow {
  const char* title;       // the form's
  const char* sent_title;  // the answer's
  const char* form_template;
  bool password;
};
const Flow kForgotIdentifier{"Identifiant oublié", "Identifiant oublié : demande enregistrée",
                             "recuperation/identifiant.tpl", false};
const Flow kForgotPassword{"Mot de passe oublié", "Mot de passe oublié : demande enregistrée",
                           "recuperation/mot_de_passe.tpl", true};

Response form_page(Call& c, const Flow& f, const Form* form, int status) {
  Page p{status, f.title, f.form_template};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (form) fill_form(d, *form, {"identifiant", "email"});
  });
}

// The one answer to a request, whatever it matched.
Response sent_page(Call& c, const Flow& f) {
  Page p{200, f.sent_title, "recuperation/envoye.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("HEADING", f.title);
    if (f.password) {
      d.ShowSection("RESET");
      d.SetIntValue("MINUTES", c.ctx.cfg.reset_valid_minutes);
    }
  });
}

// The client's and the typed address's limits (caller's transaction). Both
// count every request, matched or not, so a 429 says nothing about the address.
std::optional<Response> over_limit(Call& c, Transaction& tx, const std::string& address) {
  Db& db = c.ctx.db;
  const auto per_client = security::recovery_requests_per_client();
  if (!security::rate_allowed(db, per_client, c.req.remote_addr))
    return message_page(c, 429, "Trop de demandes",
                        "Trop de demandes ont été faites depuis votre connexion internet. Réessayez dans une heure.",
                        "/connexion", "Retour à la connexion");
  security::rate_record(db, per_client, c.req.remote_addr);
  if (!security::mail_allowed_to_address(db, c.ctx.cfg, address)) {
    tx.commit();  // the client's request still counts
    return message_page(c, 429, "Trop de demandes pour cette adresse",
                        "Trop de messages ont été demandés pour cette adresse mail depuis une heure. Réessayez plus "
                        "tard.",
                        "/connexion", "Retour à la connexion");
  }
  security::record_mail_to_address(db, c.ctx.cfg, address);
  return std::nullopt;
}

// The reset link: a 256-bit code, valid reset_valid_minutes. For the stand-in
// (no account: email_token needs a real one), the same cost: a code, its
// digest, one indexed INSERT (into rate_event).
void queue_reset_link(Call& c, const Holder& h) {
  Db& db = c.ctx.db;
  std::string code;
  if (h.id) {
    code = accounts::issue_code(db, h.id, accounts::purpose::password_reset, h.recipient.email,
                                accounts::Validity{c.ctx.cfg.reset_valid_minutes});
  } else {
    code = crypto::new_token(256);
    security::rate_record(db, security::recovery_stand_in(), code);
  }
  accounts::queue_reset_mail(db, c.ctx.cfg.base_url, h.recipient, code, c.ctx.cfg.reset_valid_minutes);
}

Response forgot(Call& c, const Flow& f) {
  Form form = f.password ? Form(c.req, {{"identifiant", 40, valid::identifier}, {"email", 254, valid::email}})
                         : Form(c.req, {{"email", 254, valid::email}});
  if (f.password && form.raw("identifiant").empty()) form.fail("identifiant", "Saisissez votre identifiant.");
  if (form.raw("email").empty()) form.fail("email", "Saisissez votre adresse mail.");
  if (!form.ok()) return form_page(c, f, &form, 422);
  const std::string address = valid::email_key(form.value("email")), identifier = form.value("identifiant");
  Db& db = c.ctx.db;
  const Config& cfg = c.ctx.cfg;

  Transaction tx(db);
  if (auto refused = over_limit(c, tx, address)) return *refused;
  // Only an active account, by its confirmed address (a pending one is not).
  const auto holders =
      f.password ? accounts::lock_holder(db, identifier, address) : accounts::lock_holders_of_address(db, address);

  // Within each account's own limit; past it, nothing is sent, silently.
  std::vector<Holder> told;
  for (const auto& h : holders)
    if (security::mail_allowed_for_account(db, cfg, h.id)) told.push_back(h);
  const Holder stand_in{0, {f.password ? identifier : "identifiant", "", address}};
  if (holders.empty()) (void)security::mail_allowed_for_account(db, cfg, 0);  // the same count, for the stand-in
  const bool send = !told.empty();
  if (!send) told = holders.empty() ? std::vector<Holder>{stand_in} : holders;
  if (f.password) told.resize(1);  // an identifier names one account
  run_or_undo(db, send, [&] {
    for (const auto& h : told) security::record_mail_for_account(db, cfg, h.id);
    if (f.password) {
      queue_reset_link(c, told.front());
    } else {
      std::vector<accounts::Recipient> to;
      to.reserve(told.size());
      for (const auto& h : told) to.push_back(h.recipient);
      accounts::queue_identifiers_mail(db, to);
    }
  });

  const std::string what = f.password ? "mot de passe oublié" : "identifiant oublié";
  if (holders.empty())
    security::audit(db, 0, "", "recovery_requested",
                    what + " ; aucun compte pour " +
                        (f.password ? "l'identifiant #" + security::audit_digest(cfg.secret, identifier) + " et " : "") +
                        "l'adresse #" + security::audit_digest(cfg.secret, address),
                    c.req.remote_addr);
  for (const auto& h : holders) {
    bool mailed = send && std::any_of(told.begin(), told.end(), [&](const Holder& t) { return t.id == h.id; });
    security::audit(db, h.id, h.recipient.identifier, "recovery_requested",
                    what + (mailed ? " ; mail envoyé" : " ; limite de mails du compte atteinte, rien envoyé"), c.req.remote_addr);
  }
  tx.commit();
  return sent_page(c, f);
}

}  // namespace

Response forgot_identifier_form(Call& c) { return form_page(c, kForgotIdentifier, nullptr, 200); }
Response forgot_identifier(Call& c) { return forgot(c, kForgotIdentifier); }
Response forgot_password_form(Call& c) { return form_page(c, kForgotPassword, nullptr, 200); }
Response forgot_password(Call& c) { return forgot(c, kForgotPassword); }

}  // namespace ts::recuperation
