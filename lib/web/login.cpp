#include "login.h"

#include "core/crypto.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "session.h"
#include "views.h"

namespace ts::web {
namespace {
const char* kWrongCredentials = "Identifiant ou mot de passe incorrect.";
}

Response refuse_login(Call& c, Form& form, const accounts::Account* a, const std::string& reason, LoginPage page) {
  security::Failure f{a ? a->id : 0, a ? a->identifier : "", "login_failure", reason};
  if (security::record_failure(c.ctx.db, c.ctx.cfg, c.req.remote_addr, f) && a) {
    if (auto until = security::locked_until(c.ctx.db, a->id)) return locked_page(c, *until);
  }
  form.fail("mot_de_passe", kWrongCredentials);
  return page(c, &form, 422);
}

LoginCheck check_password(Call& c, Form& form, Side side, const std::string& identifier, const std::string& password,
                          LoginPage page) {
  Db& db = c.ctx.db;
  LoginCheck out;
  auto a = accounts::find_account(db, identifier);
  const bool ours = a && a->state != "closed" && a->is_staff() == (side == Side::staff);
  if (side == Side::family) out.letter = accounts::current_letter(db, ours ? a->id : 0);
  // A locked account is not checked at all: the page cannot tell whether the
  // password was right.
  if (ours && a->locked_until) {
    security::audit(db, a->id, a->identifier, "login_refused", "compte verrouillé", c.req.remote_addr);
    out.answer = locked_page(c, a->locked_until);
    return out;
  }
  if (!ours) {
    crypto::dummy_verify(password, crypto::argon2_params(c.ctx.cfg));  // same cost as a real check: no timing oracle
    out.answer = refuse_login(c, form, nullptr,
                              !a                     ? "identifiant inconnu"
                              : a->state == "closed" ? "compte fermé"
                                                     : (side == Side::staff ? "compte de famille à la connexion des personnels"
                                                                            : "compte de personnel à la connexion des familles"),
                              page);
    return out;
  }
  if (side == Side::family && a->state == "letter") {
    out.account = std::move(a);
    return out;
  }
  // A staff account not enrolled yet has no password: the enrolment link sets it.
  if (a->password_hash.empty()) {
    crypto::dummy_verify(password, crypto::argon2_params(c.ctx.cfg));
    out.answer = refuse_login(c, form, &*a, "mot de passe pas encore choisi", page);
    return out;
  }
  if (!crypto::verify_password(a->password_hash, password)) {
    out.answer = refuse_login(c, form, &*a, "mauvais mot de passe", page);
    return out;
  }
  out.account = std::move(a);
  return out;
}

Response sign_in(Call& c, const accounts::Account& a, const char* stage, const char* to, const char* event,
                 const std::string& detail, bool clear_password_count) {
  Response res = Response::redirect(to);
  Transaction tx(c.ctx.db);
  // The staff's password step is no sign-in yet: the second factor is (handlers/personnel).
  const bool signed_in = std::string(stage) != accounts::stage::staff_factor;
  if (clear_password_count) security::record_success(c.ctx.db, a.id, {security::Proof::password}, signed_in);
  else if (signed_in) security::record_success(c.ctx.db, a.id, {}, true);  // a letter's sign-in: no count to clear
  start_session(c.ctx, c.req, res, a.id, stage);
  security::audit(c.ctx.db, a.id, a.identifier, event, detail, c.req.remote_addr);
  tx.commit();
  return res;
}

}  // namespace ts::web
