// Session cookies and CSRF tokens (the session rows are lib/accounts/sessions.h).
// Cookie "ts_session": 256 random bits (base64url); the table keeps SHA-256 of
// it; login always issues a new id. CSRF: token = HMAC(secret, session
// cookie), or of the "ts_pre" cookie before login (signed double-submit),
// checked on every POST by the dispatcher (routes.h); once signed in, only
// the session's token is accepted. Over https (or secure_cookies) both
// cookies are named "__Host-ts_session" / "__Host-ts_pre" (http.h Request).
#pragma once
#include <optional>
#include <string>

#include "accounts/sessions.h"
#include "app.h"

namespace ts::web {

constexpr const char* kSessionCookie = "ts_session";
constexpr const char* kPreCookie = "ts_pre";

// The live session of this request and its account, if any (the id a
// password change replaced counts for a POST only).
std::optional<accounts::Session> load_session(Context& ctx, const Request& req);
// Starts a new session (new id) for the account and sets its cookie on `res`;
// the session the request carried, if any, ends. Caller's transaction.
void start_session(Context& ctx, const Request& req, Response& res, unsigned account_id, const char* stage);
// Ends the request's session and deletes its cookie.
void end_session(Context& ctx, const Request& req, Response& res);
// After a change of credentials: a new session for this browser, its cookie
// set on `res`; the old one serves only the twin of the change, 2 minutes.
void replace_session(Context& ctx, const accounts::Session& s, Response& res);
// The request carried a session replaced at a stage change (a form posted
// twice): unless the page set the session cookie itself, `res` gets a fresh
// id for it, which keeps working (accounts::adopt_session).
void adopt_replaced_session(Context& ctx, const accounts::Session& s, Response& res);

// The CSRF token for forms on this page. When the request has neither cookie,
// `new_pre_cookie` receives a fresh "ts_pre" value that the response must set.
std::string csrf_token(const Context& ctx, const Request& req, std::string& new_pre_cookie);
bool csrf_valid(const Context& ctx, const Request& req, const std::string& token);

}  // namespace ts::web
