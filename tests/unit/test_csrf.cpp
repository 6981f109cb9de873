// lib/web/session.h, CSRF part: token = HMAC(secret, "csrf|" + cookie), from the
// session cookie or, before login, the "ts_pre" cookie. No database needed:
// constructing a Context does not connect.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <utility>

#include "web/app.h"
#include "web/session.h"

namespace {

ts::Config config_with_secret(const std::string& secret) {
  ts::Config c;
  c.secret = secret;
  return c;
}

struct CsrfFixture {
  ts::web::Context ctx{config_with_secret("test-secret-0123456789abcdef-0123456789")};
  ts::web::Context other_site{config_with_secret("another-secret-0123456789abcdef-012345")};
};

ts::web::Request with_cookies(std::map<std::string, std::string> cookies) {
  ts::web::Request r;
  r.method = "POST";
  r.cookies = std::move(cookies);
  return r;
}

const std::string kPre = "pre-cookie-value-aaaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string kSession = "session-cookie-value-bbbbbbbbbbbbbbbbbbbbbbb";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(csrf, CsrfFixture)

BOOST_AUTO_TEST_CASE(token_from_pre_cookie_validates) {
  ts::web::Request r = with_cookies({{ts::web::kPreCookie, kPre}});
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx, r, new_pre);
  BOOST_TEST(new_pre == "");  // the request already has a cookie
  BOOST_TEST(token.size() == 43u);  // base64url of 32 bytes
  BOOST_TEST(ts::web::csrf_valid(ctx, r, token));
  // Stable: the same page rendered twice carries the same token.
  BOOST_TEST(ts::web::csrf_token(ctx, r, new_pre) == token);
}

BOOST_AUTO_TEST_CASE(token_from_session_cookie_validates) {
  ts::web::Request r = with_cookies({{ts::web::kSessionCookie, kSession}});
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx, r, new_pre);
  BOOST_TEST(new_pre == "");
  BOOST_TEST(ts::web::csrf_valid(ctx, r, token));
}

BOOST_AUTO_TEST_CASE(session_cookie_is_preferred_over_pre_cookie) {
  ts::web::Request both = with_cookies({{ts::web::kSessionCookie, kSession}, {ts::web::kPreCookie, kPre}});
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx, both, new_pre);
  BOOST_TEST(new_pre == "");
  BOOST_TEST(token == ts::web::csrf_token(ctx, with_cookies({{ts::web::kSessionCookie, kSession}}), new_pre));
  BOOST_TEST(ts::web::csrf_valid(ctx, both, token));
  // Once signed in, a token bound to the pre-session cookie (which a third
  // party may have planted) no longer posts anything.
  std::string pre_token = ts::web::csrf_token(ctx, with_cookies({{ts::web::kPreCookie, kPre}}), new_pre);
  BOOST_TEST(!ts::web::csrf_valid(ctx, both, pre_token));
  BOOST_TEST(ts::web::csrf_valid(ctx, with_cookies({{ts::web::kPreCookie, kPre}}), pre_token));
}

BOOST_AUTO_TEST_CASE(token_for_another_cookie_fails) {
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx, with_cookies({{ts::web::kPreCookie, kPre}}), new_pre);
  BOOST_TEST(!ts::web::csrf_valid(ctx, with_cookies({{ts::web::kPreCookie, kPre + "x"}}), token));
  BOOST_TEST(!ts::web::csrf_valid(ctx, with_cookies({{ts::web::kSessionCookie, kSession}}), token));
  std::string session_token = ts::web::csrf_token(ctx, with_cookies({{ts::web::kSessionCookie, kSession}}), new_pre);
  BOOST_TEST(!ts::web::csrf_valid(ctx, with_cookies({{ts::web::kPreCookie, kPre}}), session_token));
  // A cookie of another name does not count.
  BOOST_TEST(!ts::web::csrf_valid(ctx, with_cookies({{"autre", kPre}}), token));
}

BOOST_AUTO_TEST_CASE(empty_or_altered_token_fails) {
  ts::web::Request r = with_cookies({{ts::web::kPreCookie, kPre}, {ts::web::kSessionCookie, kSession}});
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx, r, new_pre);
  BOOST_TEST(!ts::web::csrf_valid(ctx, r, ""));
  BOOST_TEST(!ts::web::csrf_valid(ctx, r, token.substr(1)));
  BOOST_TEST(!ts::web::csrf_valid(ctx, r, token + "A"));
  std::string flipped = token;
  flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
  BOOST_TEST(!ts::web::csrf_valid(ctx, r, flipped));
  BOOST_TEST(!ts::web::csrf_valid(ctx, r, kPre));       // the cookie itself is not the token
  BOOST_TEST(!ts::web::csrf_valid(ctx, r, kSession));
}

BOOST_AUTO_TEST_CASE(token_depends_on_the_secret) {
  ts::web::Request r = with_cookies({{ts::web::kPreCookie, kPre}});
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx, r, new_pre);
  BOOST_TEST(ts::web::csrf_token(other_site, r, new_pre) != token);
  BOOST_TEST(!ts::web::csrf_valid(other_site, r, token));
}

BOOST_AUTO_TEST_CASE(request_without_cookie_gets_a_new_pre_cookie) {
  ts::web::Request bare = with_cookies({});
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx, bare, new_pre);
  BOOST_TEST(new_pre.size() == 43u);  // 256 random bits, base64url
  BOOST_TEST(!token.empty());
  // Without the cookie nothing validates, not even this token.
  BOOST_TEST(!ts::web::csrf_valid(ctx, bare, token));
  // Once the browser sends the cookie back, the token validates.
  ts::web::Request next = with_cookies({{ts::web::kPreCookie, new_pre}});
  BOOST_TEST(ts::web::csrf_valid(ctx, next, token));
  // Each cookie-less request gets its own cookie.
  std::string another_pre;
  ts::web::csrf_token(ctx, bare, another_pre);
  BOOST_TEST(another_pre != new_pre);
}

BOOST_AUTO_TEST_CASE(empty_cookie_counts_as_absent) {
  ts::web::Request r = with_cookies({{ts::web::kSessionCookie, ""}, {ts::web::kPreCookie, ""}});
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx, r, new_pre);
  BOOST_TEST(new_pre.size() == 43u);
  BOOST_TEST(!ts::web::csrf_valid(ctx, r, token));
}

BOOST_AUTO_TEST_SUITE_END()
