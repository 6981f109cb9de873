#include "session.h"

#include "core/crypto.h"

namespace ts::web {

std::optional<accounts::Session> load_session(Context& ctx, const Request& req) {
  auto s = accounts::load_session(ctx.db, req.cookie(kSessionCookie), ctx.cfg.session_idle_minutes, ctx.cfg.staff_idle_minutes);
  // The id a password change replaced serves only the twin of that change
  // (the same form posted twice): a POST, within the repeat window. Any other
  // request carrying it is a stranger's (accounts::replace_session).
  if (s && s->replaced == "password" && req.method != "POST") s.reset();
  return s;
}

void start_session(Context& ctx, const Request& req, Response& res, unsigned account_id, const char* stage) {
  res.set_cookie(kSessionCookie, accounts::start_session(ctx.db, req.cookie(kSessionCookie), account_id, stage,
                                                         ctx.cfg.session_absolute_hours));
}

void end_session(Context& ctx, const Request& req, Response& res) {
  accounts::end_session(ctx.db, req.cookie(kSessionCookie));
  res.set_cookie(kSessionCookie, "", 0);
}

void replace_session(Context& ctx, const accounts::Session& s, Response& res) {
  res.set_cookie(kSessionCookie, accounts::replace_session(ctx.db, s.id_hash));
}

void adopt_replaced_session(Context& ctx, const accounts::Session& s, Response& res) {
  if (s.replaced != "stage") return;
  for (const auto& c : res.cookies)
    if (c.name == kSessionCookie) return;  // the page started or ended a session itself
  std::string fresh = accounts::adopt_session(ctx.db, s.id_hash, ctx.cfg.session_absolute_hours);
  if (!fresh.empty()) res.set_cookie(kSessionCookie, fresh);
}

std::string csrf_token(const Context& ctx, const Request& req, std::string& new_pre_cookie) {
  std::string basis = req.cookie(kSessionCookie);
  if (basis.empty()) basis = req.cookie(kPreCookie);
  if (basis.empty()) basis = new_pre_cookie = crypto::new_token(256);
  return crypto::base64url(crypto::hmac_sha256(ctx.cfg.secret, "csrf|" + basis));
}

bool csrf_valid(const Context& ctx, const Request& req, const std::string& token) {
  if (token.empty()) return false;
  // Signed in, only the session's token counts: one bound to the pre-session
  // cookie, which a third party may have planted, no longer posts anything.
  std::string basis = req.cookie(kSessionCookie);
  if (basis.empty()) basis = req.cookie(kPreCookie);
  return !basis.empty() &&
         crypto::equal(token, crypto::base64url(crypto::hmac_sha256(ctx.cfg.secret, std::string("csrf|") + basis)));
}

}  // namespace ts::web
