// Server-side sessions and CSRF tokens.
// Cookie "ts_session": 256 random bits (base64url); the table keeps SHA-256 of it.
// Idle and absolute timeouts come from the configuration; login always issues
// a new id. CSRF: token = HMAC(secret, session cookie), or of the "ts_pre"
// cookie before login (signed double-submit), checked on every POST.
#pragma once
#include <optional>
#include <string>

#include "app.h"

namespace ts {

struct SessionInfo {
  std::string id_hash;   // raw 32 bytes
  unsigned account_id = 0;
  std::string stage;     // first_connection | pending | full
  std::string identifier, kind, state, display_name;
};

constexpr const char* kSessionCookie = "ts_session";
constexpr const char* kPreCookie = "ts_pre";

// The valid session of this request, if any (expired ones are deleted).
std::optional<SessionInfo> load_session(Context& ctx, const Request& req);
// Starts a new session (new id) for the account; sets the cookie on `res`;
// deletes the session the request carried, if any. Runs inside the caller's transaction.
void start_session(Context& ctx, const Request& req, Response& res, unsigned account_id, const std::string& stage);
void end_session(Context& ctx, const Request& req, Response& res);
// Ends every session of an account.
void end_all_sessions(Context& ctx, unsigned account_id);
// Ends every session of an account but the one whose id digest is `keep_id_hash`
// (a password change signs out the other browsers, not the one that made it).
void end_other_sessions(Context& ctx, unsigned account_id, const std::string& keep_id_hash);
// Gives the request's session a new id (same account, stage and expiry) and
// sets the cookie on `res`: after a change of credentials, as at login.
void renew_session_id(Context& ctx, const SessionInfo& s, Response& res);

// The CSRF token for forms on this page. When the request has neither cookie,
// `new_pre_cookie` receives a fresh "ts_pre" value that the response must set.
std::string csrf_token(const Context& ctx, const Request& req, std::string& new_pre_cookie);
bool csrf_valid(const Context& ctx, const Request& req, const std::string& token);

}  // namespace ts
