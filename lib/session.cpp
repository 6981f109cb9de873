#include "session.h"

#include "crypto.h"

namespace ts {
namespace {
std::string id_hash_of(const std::string& cookie) { return crypto::sha256(cookie); }
}  // namespace

std::optional<SessionInfo> load_session(Context& ctx, const Request& req) {
  std::string cookie = req.cookie(kSessionCookie);
  if (cookie.size() != 43) return std::nullopt;  // 32 bytes in base64url
  std::string h = id_hash_of(cookie);
  auto st = ctx.db.prepare(
      "SELECT s.account_id, s.stage, a.identifier, a.kind, a.state, a.display_name,"
      " s.expires_at > UTC_TIMESTAMP() AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE AS alive,"
      " s.last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND AS stale"
      " FROM session s JOIN account a ON a.id = s.account_id WHERE s.id_hash = ?");
  st->setInt(1, ctx.cfg.session_idle_minutes);
  st->setString(2, h);
  Rows r(st->executeQuery());
  if (!r->next()) return std::nullopt;
  if (!r->getBoolean("alive") || r->getString("state") == "closed") {
    auto del = ctx.db.prepare("DELETE FROM session WHERE id_hash = ?");
    del->setString(1, h);
    del->executeUpdate();
    return std::nullopt;
  }
  SessionInfo s;
  s.id_hash = h;
  s.account_id = r->getUInt("account_id");
  s.stage = r->getString("stage");
  s.identifier = r->getString("identifier");
  s.kind = r->getString("kind");
  s.state = r->getString("state");
  s.display_name = r->getString("display_name");
  if (r->getBoolean("stale")) {  // write last_seen_at at most once a minute
    auto up = ctx.db.prepare("UPDATE session SET last_seen_at = UTC_TIMESTAMP() WHERE id_hash = ?");
    up->setString(1, h);
    up->executeUpdate();
  }
  return s;
}

void start_session(Context& ctx, const Request& req, Response& res, unsigned account_id, const std::string& stage) {
  std::string old = req.cookie(kSessionCookie);
  if (!old.empty()) {
    auto del = ctx.db.prepare("DELETE FROM session WHERE id_hash = ?");
    del->setString(1, id_hash_of(old));
    del->executeUpdate();
  }
  std::string cookie = crypto::new_token(256);
  auto ins = ctx.db.prepare(
      "INSERT INTO session (id_hash, account_id, stage, created_at, last_seen_at, expires_at)"
      " VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? HOUR)");
  ins->setString(1, id_hash_of(cookie));
  ins->setUInt(2, account_id);
  ins->setString(3, stage);
  ins->setInt(4, ctx.cfg.session_absolute_hours);
  ins->executeUpdate();
  res.set_cookie(kSessionCookie, cookie);
}

void end_session(Context& ctx, const Request& req, Response& res) {
  std::string cookie = req.cookie(kSessionCookie);
  if (!cookie.empty()) {
    auto del = ctx.db.prepare("DELETE FROM session WHERE id_hash = ?");
    del->setString(1, id_hash_of(cookie));
    del->executeUpdate();
  }
  res.set_cookie(kSessionCookie, "", 0);
}

void end_all_sessions(Context& ctx, unsigned account_id) {
  auto del = ctx.db.prepare("DELETE FROM session WHERE account_id = ?");
  del->setUInt(1, account_id);
  del->executeUpdate();
}

void end_other_sessions(Context& ctx, unsigned account_id, const std::string& keep_id_hash) {
  auto del = ctx.db.prepare("DELETE FROM session WHERE account_id = ? AND id_hash <> ?");
  del->setUInt(1, account_id);
  del->setString(2, keep_id_hash);
  del->executeUpdate();
}

void renew_session_id(Context& ctx, const SessionInfo& s, Response& res) {
  std::string cookie = crypto::new_token(256);
  auto up = ctx.db.prepare("UPDATE session SET id_hash = ? WHERE id_hash = ?");
  up->setString(1, id_hash_of(cookie));
  up->setString(2, s.id_hash);
  up->executeUpdate();
  res.set_cookie(kSessionCookie, cookie);
}

std::string csrf_token(const Context& ctx, const Request& req, std::string& new_pre_cookie) {
  std::string basis = req.cookie(kSessionCookie);
  if (basis.empty()) basis = req.cookie(kPreCookie);
  if (basis.empty()) basis = new_pre_cookie = crypto::new_token(256);
  return crypto::base64url(crypto::hmac_sha256(ctx.cfg.secret, "csrf|" + basis));
}

bool csrf_valid(const Context& ctx, const Request& req, const std::string& token) {
  if (token.empty()) return false;
  for (const char* name : {kSessionCookie, kPreCookie}) {
    std::string basis = req.cookie(name);
    if (!basis.empty() &&
        crypto::equal(token, crypto::base64url(crypto::hmac_sha256(ctx.cfg.secret, std::string("csrf|") + basis))))
      return true;
  }
  return false;
}

}  // namespace ts
