// The reset link (GET/POST /reinitialiser-mot-de-passe?code=): 256 bits,
// SHA-256 stored, single use, reset_valid_minutes; using it ends every
// session and lifts a lock (the family proved it holds the address).
#include "accounts/account.h"
#include "accounts/codes.h"
#include "accounts/mails.h"
#include "accounts/recovery.h"
#include "forgot.h"
#include "core/crypto.h"
#include "security/audit.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::recuperation {
namespace {
using namespace ts::web;
using accounts::MailedCode;

enum class CodeState { unknown, used, expired, valid };

// A reset code serves while unused, unexpired, and its account active.
CodeState state_of(const MailedCode& c) {
  if (!c.found()) return CodeState::unknown;
  if (c.used) return CodeState::used;
  if (c.expired || c.account_state != "active") return CodeState::expired;
  return CodeState::valid;
}

Response code_refused(Call& c, CodeState s) {
  const char* again = "/mot-de-passe-oublie";
  const char* again_text = "Faire une nouvelle demande";
  if (s == CodeState::used)
    return message_page(c, 410, "Lien déjà utilisé",
                        "Ce lien de réinitialisation a déjà servi : il ne peut être utilisé qu'une seule fois. Si "
                        "vous avez choisi votre nouveau mot de passe, connectez-vous avec lui ; sinon, faites une "
                        "nouvelle demande.",
                        again, again_text);
  if (s == CodeState::expired)
    return message_page(c, 410, "Lien expiré",
                        "Ce lien de réinitialisation n'est plus valable : il ne l'est que " +
                            std::to_string(c.ctx.cfg.reset_valid_minutes) +
                            " minutes après la demande, et plus du tout si le mot de passe ou l'adresse mail du "
                            "compte ont changé depuis. Faites une nouvelle demande.",
                        again, again_text);
  return message_page(c, 404, "Lien non valide",
                      "Ce lien de réinitialisation n'est pas valide. Vérifiez que vous avez copié l'adresse complète "
                      "du message reçu, ou faites une nouvelle demande.",
                      again, again_text);
}

Response reset_page(Call& c, const std::string& code, const MailedCode& mc, const Form* form) {
  Page p{form ? 422 : 200, "Nouveau mot de passe", "recuperation/nouveau_mot_de_passe.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("CODE", code);
    d.SetValue("IDENTIFIER", mc.identifier);
    if (form) fill_form(d, *form, {});  // passwords are never sent back
  });
}

Response password_changed(Call& c) {
  return message_page(c, 200, "Mot de passe modifié",
                      "Votre mot de passe a été modifié. Connectez-vous maintenant avec votre nouveau mot de passe.",
                      "/connexion", "Aller à la connexion");
}

// Whether the account of a code just used now has `password`: the form was
// sent again by whoever set it (one Argon2 verification).
bool done_with(Call& c, const MailedCode& mc, const std::string& password) {
  if (password.empty()) return false;
  auto a = accounts::find_account(c.ctx.db, mc.identifier);
  return a && !a->password_hash.empty() && crypto::verify_password(a->password_hash, password);
}

// The code as typed in a form or a link, when well-formed.
std::string typed_code(const Form& f) { return f.has_error("code") ? std::string() : f.value("code"); }

}  // namespace

std::string reset_form_page(const Request& req) {
  const std::string* code = req.param("code");
  std::string ignored;
  if (!code || code->empty() || !valid::token(*code, ignored).empty()) return "/mot-de-passe-oublie";
  return "/reinitialiser-mot-de-passe?code=" + *code;
}

Response reset_form(Call& c) {
  const std::string code = c.query->ok() ? c.query->value("code") : std::string();
  MailedCode mc = accounts::find_code(c.ctx.db, accounts::purpose::password_reset, code);
  if (state_of(mc) != CodeState::valid) return code_refused(c, state_of(mc));
  return reset_page(c, code, mc, nullptr);
}

Response reset(Call& c) {
  Form form(c.req, {{"code", 64, valid::token},
                    {"mot_de_passe", 64, valid::password_rule},
                    {"mot_de_passe_confirmation", 64, nullptr}});
  const std::string code = typed_code(form);
  Db& db = c.ctx.db;
  MailedCode mc = accounts::find_code(db, accounts::purpose::password_reset, code);
  if (state_of(mc) == CodeState::used && mc.used_just_now && done_with(c, mc, form.raw("mot_de_passe")))
    return password_changed(c);  // the same form sent twice: the outcome of the first
  if (state_of(mc) != CodeState::valid) return code_refused(c, state_of(mc));
  if (!check_new_password(c.ctx, form, "mot_de_passe", "mot_de_passe_confirmation"))
    return reset_page(c, code, mc, &form);

  // Hash outside the transaction: 30 ms of CPU should not hold row locks.
  std::string hash = crypto::hash_password(form.raw("mot_de_passe"), crypto::argon2_params(c.ctx.cfg));
  Transaction tx(db);
  auto locked = accounts::lock_code(db, accounts::purpose::password_reset, code);
  if (locked.account && state_of(locked.code) == CodeState::used && locked.code.used_just_now &&
      done_with(c, locked.code, form.raw("mot_de_passe")))
    return password_changed(c);  // the twin request set this very password
  if (!locked.account || state_of(locked.code) != CodeState::valid)
    return code_refused(c, state_of(locked.code));  // used meanwhile
  const accounts::Account& a = *locked.account;
  accounts::reset_password(db, a.id, hash);
  security::audit(db, a.id, a.identifier, "recovery_used", "lien de réinitialisation du mot de passe", c.req.remote_addr);
  security::audit(db, a.id, a.identifier, "password_reset", "toutes les sessions fermées", c.req.remote_addr);
  accounts::queue_password_changed_mail(db, a);
  tx.commit();
  return password_changed(c);
}

}  // namespace ts::recuperation
