// libFuzzer target: the Cookie header, as every handler reads it.
//
// Input: the raw value of the Cookie header (HTTP_COOKIE), any bytes.
//
// What counts as a finding (besides a sanitizer report):
// - ts::web::parse_request (a GET carrying that header) throws anything but an
//   HttpError, or ts::web::refused_request throws at all;
// - the error page of a refused request would not see the cookies the
//   request came with: refused_request reads the same cookies as
//   parse_request (issue 11, fault 2);
// - the CSRF token of lib/web/session.h: the token handed out for a request is
//   not accepted back with the same cookies; a token tied to the pre-session
//   cookie is accepted once a session cookie is there; an empty or altered
//   token is accepted;
// - a Set-Cookie line of ts::web::serialize carries a line break or another
//   header: one Set-Cookie line per cookie, whatever the value.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "../support/map_source.h"
#include "core/config.h"
#include "web/app.h"
#include "web/http.h"
#include "web/session.h"

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

ts::web::Context& context() {
  static ts::Config cfg = [] {
    ts::Config c;
    c.secret = "fuzz-secret-0123456789abcdef0123456789abcdef";
    return c;
  }();
  static ts::web::Context ctx(cfg);  // the database is only reached on first use: never here
  return ctx;
}

std::map<std::string, std::string> get_env(const std::string& cookie) {
  return {{"REQUEST_METHOD", "GET"}, {"DOCUMENT_URI", "/connexion"}, {"REMOTE_ADDR", "192.0.2.1"},
          {"HTTP_COOKIE", cookie}};
}

void run(const std::string& header) {
  MapSource refused_src(get_env(header));
  ts::web::Request refused = ts::web::refused_request(refused_src);  // must not throw
  check(refused.method == "GET" && refused.params.empty());

  MapSource src(get_env(header));
  ts::web::Request req;
  try {
    req = ts::web::parse_request(src);
  } catch (const ts::web::HttpError& e) {
    check(e.status == 400);
    return;
  }
  check(req.cookies == refused.cookies);

  // CSRF: the token a page hands out is accepted back with the same cookies.
  const ts::web::Context& ctx = context();
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx, req, new_pre);
  check(!token.empty());
  ts::web::Request back = req;
  if (!new_pre.empty()) {
    check(req.cookie(ts::web::kSessionCookie).empty() && req.cookie(ts::web::kPreCookie).empty());
    back.cookies[ts::web::kPreCookie] = new_pre;
  }
  check(ts::web::csrf_valid(ctx, back, token));
  check(!ts::web::csrf_valid(ctx, back, ""));
  check(!ts::web::csrf_valid(ctx, back, token + "A"));
  check(!ts::web::csrf_valid(ctx, back, token.substr(1)));

  // Signed in, a token bound to the pre-session cookie posts nothing.
  const std::string pre = back.cookie(ts::web::kPreCookie), session = back.cookie(ts::web::kSessionCookie);
  if (!pre.empty() && !session.empty() && pre != session) {
    ts::web::Request anonymous = back;
    anonymous.cookies.erase(ts::web::kSessionCookie);
    std::string ignored;
    check(!ts::web::csrf_valid(ctx, back, ts::web::csrf_token(ctx, anonymous, ignored)));
  }

  // Whatever a cookie value holds, serialize() writes one Set-Cookie line for it.
  ts::web::Response res;
  for (const auto& [name, value] : req.cookies) res.set_cookie(ts::web::kPreCookie, value);
  res.set_cookie(ts::web::kSessionCookie, header);
  std::string out = ts::web::serialize(res, true);
  size_t end = out.find("\r\n\r\n");
  check(end != std::string::npos && end + 4 == out.size());
  size_t set_cookies = 0;
  for (size_t pos = 0; pos < end;) {
    size_t eol = out.find("\r\n", pos);
    std::string line = out.substr(pos, eol - pos);
    check(line.find('\r') == std::string::npos && line.find('\n') == std::string::npos);
    if (line.rfind("Set-Cookie: ", 0) == 0) ++set_cookies;
    pos = eol + 2;
  }
  check(set_cookies == res.cookies.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
