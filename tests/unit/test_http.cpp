// lib/web/http.h: parse_request through a test RequestSource (CGI variables +
// body), and the CGI output written by serialize().
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "web/http.h"
#include "../support/map_source.h"

namespace {

const char* kUrlencoded = "application/x-www-form-urlencoded";

MapSource get(const std::string& query, std::map<std::string, std::string> extra = {}) {
  extra["REQUEST_METHOD"] = "GET";
  extra["QUERY_STRING"] = query;
  return MapSource(std::move(extra));
}

MapSource post(const std::string& body, std::map<std::string, std::string> extra = {}) {
  extra.emplace("REQUEST_METHOD", "POST");
  extra.emplace("CONTENT_LENGTH", std::to_string(body.size()));
  extra.emplace("CONTENT_TYPE", kUrlencoded);
  return MapSource(std::move(extra), body);
}

// The status of the HttpError parse_request throws, or 0 when it succeeds.
int status_of(MapSource src, size_t max_body = ts::web::kMaxBody) {
  try {
    ts::web::parse_request(src, max_body);
    return 0;
  } catch (const ts::web::HttpError& e) {
    BOOST_TEST(std::string(e.what()) != "");  // a French message for the error page
    return e.status;
  }
}

using Params = std::vector<std::pair<std::string, std::string>>;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http)

// ---- parse_request

BOOST_AUTO_TEST_CASE(get_with_query_parameters) {
  MapSource src = get("identifiant=CRI&page=2&vide=&q=a+b%26c%3Dd",
                      {{"DOCUMENT_URI", "/connexion"}, {"REMOTE_ADDR", "192.0.2.7"}, {"HTTPS", "on"}});
  ts::web::Request r = ts::web::parse_request(src);
  BOOST_TEST(r.method == "GET");
  BOOST_TEST(!r.head);
  BOOST_TEST(r.path == "/connexion");
  BOOST_TEST(r.remote_addr == "192.0.2.7");
  BOOST_TEST(r.https);
  BOOST_TEST((r.params == Params{{"identifiant", "CRI"}, {"page", "2"}, {"vide", ""}, {"q", "a b&c=d"}}));
  BOOST_REQUIRE(r.param("page"));
  BOOST_TEST(*r.param("page") == "2");
  BOOST_TEST(!r.param("absent"));
}

BOOST_AUTO_TEST_CASE(path_falls_back_to_script_name) {
  MapSource src = get("", {{"SCRIPT_NAME", "/portail"}});
  ts::web::Request r = ts::web::parse_request(src);
  BOOST_TEST(r.path == "/portail");
  BOOST_TEST(!r.https);
  BOOST_TEST(r.params.empty());
}

BOOST_AUTO_TEST_CASE(param_returns_the_first_of_repeated_values) {
  MapSource src = get("a=1&a=2");
  ts::web::Request r = ts::web::parse_request(src);
  BOOST_TEST(r.params.size() == 2u);  // Form refuses the repetition; the parser keeps both
  BOOST_TEST(*r.param("a") == "1");
}

BOOST_AUTO_TEST_CASE(post_urlencoded_with_percent_encoding_and_plus) {
  MapSource src = post("identifiant=jean.dupont&mot_de_passe=abc%2Bd+e%26f%3D%25&nom=%C3%89lodie+Le%20Bihan",
                       {{"DOCUMENT_URI", "/premiere-connexion"}});
  ts::web::Request r = ts::web::parse_request(src);
  BOOST_TEST(r.method == "POST");
  BOOST_TEST(r.path == "/premiere-connexion");
  BOOST_TEST((r.params ==
              Params{{"identifiant", "jean.dupont"}, {"mot_de_passe", "abc+d e&f=%"}, {"nom", "Élodie Le Bihan"}}));
}

BOOST_AUTO_TEST_CASE(post_with_charset_parameter) {
  MapSource src = post("a=b", {{"CONTENT_TYPE", "application/x-www-form-urlencoded; charset=UTF-8"}});
  BOOST_TEST((ts::web::parse_request(src).params == Params{{"a", "b"}}));
}

BOOST_AUTO_TEST_CASE(post_reads_only_content_length_bytes) {
  MapSource src = post("a=1&b=2", {{"CONTENT_LENGTH", "3"}});
  BOOST_TEST((ts::web::parse_request(src).params == Params{{"a", "1"}}));
}

BOOST_AUTO_TEST_CASE(empty_post) {
  MapSource src = post("");
  ts::web::Request r = ts::web::parse_request(src);
  BOOST_TEST(r.method == "POST");
  BOOST_TEST(r.params.empty());
}

BOOST_AUTO_TEST_CASE(cookies_parsed) {
  MapSource src = get("", {{"HTTP_COOKIE", "ts_pre=abc123; ts_session=Xy-_z;autre=1"}});
  ts::web::Request r = ts::web::parse_request(src);
  BOOST_TEST(r.cookie("ts_pre") == "abc123");
  BOOST_TEST(r.cookie("ts_session") == "Xy-_z");
  BOOST_TEST(r.cookie("autre") == "1");
  BOOST_TEST(r.cookie("absent") == "");
  BOOST_TEST(r.cookies.size() == 3u);
}

BOOST_AUTO_TEST_CASE(cookies_on_post) {
  MapSource src = post("csrf=t", {{"HTTP_COOKIE", "ts_session=S1"}});
  ts::web::Request r = ts::web::parse_request(src);
  BOOST_TEST(r.cookie("ts_session") == "S1");
  BOOST_TEST(*r.param("csrf") == "t");
}

BOOST_AUTO_TEST_CASE(no_cookie_header) {
  MapSource src = get("");
  BOOST_TEST(ts::web::parse_request(src).cookies.empty());
}

BOOST_AUTO_TEST_CASE(head_is_served_as_get) {
  MapSource src({{"REQUEST_METHOD", "HEAD"}, {"QUERY_STRING", "a=1"}, {"DOCUMENT_URI", "/"}});
  ts::web::Request r = ts::web::parse_request(src);
  BOOST_TEST(r.method == "GET");
  BOOST_TEST(r.head);
  BOOST_TEST((r.params == Params{{"a", "1"}}));
}

BOOST_AUTO_TEST_CASE(other_methods_are_405) {
  for (const char* m : {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get", "post", ""})
    BOOST_TEST_CONTEXT("method \"" << m << "\"") {
      BOOST_TEST(status_of(MapSource({{"REQUEST_METHOD", m}, {"CONTENT_LENGTH", "0"}, {"CONTENT_TYPE", kUrlencoded}})) ==
                 405);
    }
}

BOOST_AUTO_TEST_CASE(post_without_valid_content_length_is_411) {
  BOOST_TEST(status_of(MapSource({{"REQUEST_METHOD", "POST"}, {"CONTENT_TYPE", kUrlencoded}}, "a=b")) == 411);
  for (const char* len : {"", "abc", "3abc", "3 ", "0x3"})
    BOOST_TEST_CONTEXT("CONTENT_LENGTH \"" << len << "\"") {
      BOOST_TEST(status_of(post("a=b", {{"CONTENT_LENGTH", len}})) == 411);
    }
}

BOOST_AUTO_TEST_CASE(body_over_the_cap_is_413) {
  std::string at_cap = "a=" + std::string(ts::web::kMaxBody - 2, 'x');
  BOOST_TEST(status_of(post(at_cap)) == 0);
  BOOST_TEST(status_of(post(at_cap + "x")) == 413);
  // The declared length is checked before anything is read.
  BOOST_TEST(status_of(post("a=b", {{"CONTENT_LENGTH", "1000000000"}})) == 413);
  BOOST_TEST(status_of(post("a=b", {{"CONTENT_LENGTH", "-1"}})) == 413);
  BOOST_TEST(status_of(post("a=b", {{"CONTENT_LENGTH", "99999999999999999999999999"}})) == 413);
  // A smaller cap for a given flow.
  BOOST_TEST(status_of(post("a=12345678"), 10) == 0);
  BOOST_TEST(status_of(post("a=123456789"), 10) == 413);
}

BOOST_AUTO_TEST_CASE(wrong_content_type_is_415) {
  for (const char* ct : {"", "multipart/form-data; boundary=----x", "text/plain", "application/json",
                         "application/x-www-form", "APPLICATION/JSON"})
    BOOST_TEST_CONTEXT("CONTENT_TYPE \"" << ct << "\"") {
      BOOST_TEST(status_of(post("a=b", {{"CONTENT_TYPE", ct}})) == 415);
    }
}

BOOST_AUTO_TEST_CASE(long_query_string_is_414) {
  BOOST_TEST(status_of(get("a=" + std::string(4094, 'x'))) == 0);
  BOOST_TEST(status_of(get("a=" + std::string(4095, 'x'))) == 414);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_or_control_characters_are_400) {
  const char* refused[] = {
      "a=%FF",          // never valid in UTF-8
      "a=%80",          // continuation byte without a lead
      "a=%C3",          // truncated 2-byte sequence
      "a=%C3x",         // lead followed by ASCII
      "a=%C3%28",
      "a=%E2%82",       // truncated 3-byte sequence
      "a=%E2%82%28",
      "a=%F0%9F%98",    // truncated 4-byte sequence
      "a=%F8%88%80%80%80",
      "a=x%00y",        // NUL
      "a=%01",
      "a=%1B%5B2J",     // terminal escape
      "a=%7F",          // DEL
      "a=x%08",
      "%01=x",          // in a name
      "%FF=x",
      "a=ok&b=%00",     // in a later field
  };
  for (const char* q : refused)
    BOOST_TEST_CONTEXT("query " << q) {
      BOOST_TEST(status_of(get(q)) == 400);
      BOOST_TEST(status_of(post(q)) == 400);
    }
}

BOOST_AUTO_TEST_CASE(utf8_text_tabs_and_newlines_are_accepted) {
  struct { const char* query; std::string value; } accepted[] = {
      {"a=%C3%A9", "é"},
      {"a=%E2%82%AC", "€"},
      {"a=%F0%9F%98%80", "\xF0\x9F\x98\x80"},
      {"a=x%09y", "x\ty"},
      {"a=ligne1%0D%0Aligne2", "ligne1\r\nligne2"},
      {"a=%C5%93uvre", "œuvre"},
  };
  for (const auto& c : accepted)
    BOOST_TEST_CONTEXT("query " << c.query) {
      MapSource src = post(c.query);
      ts::web::Request r = ts::web::parse_request(src);
      BOOST_REQUIRE(r.param("a"));
      BOOST_TEST(*r.param("a") == c.value);
    }
}

// ---- serialize

BOOST_AUTO_TEST_CASE(status_line_carries_the_reason_phrase) {
  struct { int status; const char* line; } rows[] = {
      {200, "Status: 200 OK\r\n"},
      {303, "Status: 303 See Other\r\n"},
      {400, "Status: 400 Bad Request\r\n"},
      {403, "Status: 403 Forbidden\r\n"},
      {404, "Status: 404 Not Found\r\n"},
      {405, "Status: 405 Method Not Allowed\r\n"},
      {410, "Status: 410 Gone\r\n"},
      {411, "Status: 411 Length Required\r\n"},
      {413, "Status: 413 Payload Too Large\r\n"},
      {414, "Status: 414 URI Too Long\r\n"},
      {415, "Status: 415 Unsupported Media Type\r\n"},
      {422, "Status: 422 Unprocessable Entity\r\n"},
      {429, "Status: 429 Too Many Requests\r\n"},
      {500, "Status: 500 Internal Server Error\r\n"},
      {503, "Status: 503 Service Unavailable\r\n"},
  };
  for (const auto& row : rows)
    BOOST_TEST_CONTEXT("status " << row.status) {
      ts::web::Response res;
      res.status = row.status;
      std::string out = ts::web::serialize(res, false);
      BOOST_TEST(out.rfind(row.line, 0) == 0u);
    }
  BOOST_TEST(std::string(ts::web::reason_phrase(299)) == "Unknown");
}

BOOST_AUTO_TEST_CASE(security_headers_on_every_response) {
  for (int status : {200, 303, 400, 422, 503}) {
    ts::web::Response res;
    res.status = status;
    std::string out = ts::web::serialize(res, false);
    BOOST_TEST_CONTEXT("status " << status) {
      BOOST_TEST(contains(out, "\r\nContent-Type: text/html; charset=utf-8\r\n"));
      BOOST_TEST(contains(out, "\r\nX-Content-Type-Options: nosniff\r\n"));
      BOOST_TEST(contains(out, "\r\nX-Frame-Options: DENY\r\n"));
      BOOST_TEST(contains(out, "\r\nReferrer-Policy: same-origin\r\n"));
      BOOST_TEST(contains(out, "\r\nCache-Control: no-store\r\n"));
      BOOST_TEST(contains(out, "\r\nContent-Security-Policy: default-src 'self';"));
      BOOST_TEST(contains(out, "frame-ancestors 'none'"));
    }
  }
}

// A handler that sets one of the default headers itself (a PDF, the QR
// code's SVG) replaces it: one Cache-Control, never two (the attack suite
// found "no-store, no-store" on a PDF).
BOOST_AUTO_TEST_CASE(a_default_header_set_by_the_handler_is_sent_once) {
  auto count = [](const std::string& out, const std::string& name) {
    size_t n = 0;
    for (size_t at = out.find("\r\n" + name + ":"); at != std::string::npos; at = out.find("\r\n" + name + ":", at + 1)) ++n;
    return n;
  };
  for (const char* name : {"Cache-Control", "cache-control", "X-Frame-Options", "Referrer-Policy"}) {
    ts::web::Response res;
    res.headers.emplace_back(name, "private");
    std::string out = ts::web::serialize(res, false);
    BOOST_TEST_CONTEXT(name) {
      std::string lower = out;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      std::string key = name;
      std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
      BOOST_TEST(count(lower, key) == 1u);
      BOOST_TEST(contains(out, std::string("\r\n") + name + ": private\r\n"));
    }
  }
  ts::web::Response plain;
  BOOST_TEST(count(ts::web::serialize(plain, false), "Cache-Control") == 1u);
}

BOOST_AUTO_TEST_CASE(body_follows_the_blank_line) {
  ts::web::Response res;
  res.body = "<p>Bonjour Élodie</p>";
  res.headers.emplace_back("X-Test", "1");
  std::string out = ts::web::serialize(res, false);
  auto blank = out.find("\r\n\r\n");
  BOOST_REQUIRE(blank != std::string::npos);
  BOOST_TEST(out.substr(blank + 4) == res.body);
  std::string head = out.substr(0, blank + 2);
  BOOST_TEST(contains(head, "\r\nX-Test: 1\r\n"));
  BOOST_TEST(contains(head, "\r\nContent-Length: " + std::to_string(res.body.size()) + "\r\n"));
}

BOOST_AUTO_TEST_CASE(content_type_can_change) {
  ts::web::Response res;
  res.content_type = "text/plain; charset=utf-8";
  std::string out = ts::web::serialize(res, false);
  BOOST_TEST(contains(out, "\r\nContent-Type: text/plain; charset=utf-8\r\n"));
  BOOST_TEST(!contains(out, "text/html"));
}

BOOST_AUTO_TEST_CASE(redirect_is_303_with_location) {
  ts::web::Response res = ts::web::Response::redirect("/services");
  BOOST_TEST(res.status == 303);
  std::string out = ts::web::serialize(res, false);
  BOOST_TEST(out.rfind("Status: 303 See Other\r\n", 0) == 0u);
  BOOST_TEST(contains(out, "\r\nLocation: /services\r\n"));
}

BOOST_AUTO_TEST_CASE(session_cookie_is_httponly_samesite_lax) {
  ts::web::Response res;
  res.set_cookie("ts_session", "abc");
  std::string out = ts::web::serialize(res, false);
  BOOST_TEST(contains(out, "\r\nSet-Cookie: ts_session=abc; Path=/; HttpOnly; SameSite=Lax\r\n"));
  BOOST_TEST(!contains(out, "Secure"));
  BOOST_TEST(!contains(out, "Max-Age"));
}

// Secure cookies are named with the __Host- prefix (RFC 6265bis): Secure,
// Path=/ and no Domain, which the prefix requires.
BOOST_AUTO_TEST_CASE(secure_and_host_prefixed_only_when_secure_cookies) {
  ts::web::Response res;
  res.secure_cookies = true;
  res.set_cookie("ts_session", "abc");
  res.set_cookie("ts_pre", "def", 3600);
  std::string out = ts::web::serialize(res, false);
  BOOST_TEST(contains(out, "\r\nSet-Cookie: __Host-ts_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure\r\n"));
  BOOST_TEST(contains(out, "\r\nSet-Cookie: __Host-ts_pre=def; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=3600\r\n"));
  BOOST_TEST(!contains(out, "Domain"));
}

BOOST_AUTO_TEST_CASE(secure_requests_read_only_host_prefixed_cookies) {
  ts::web::Request req;
  req.cookies = {{"ts_session", "planted"}, {"__Host-ts_pre", "mine"}};
  BOOST_TEST(req.cookie("ts_session") == "planted");  // plain http: the plain names
  BOOST_TEST(req.cookie("ts_pre").empty());
  req.secure_cookies = true;
  BOOST_TEST(req.cookie("ts_session").empty());
  BOOST_TEST(req.cookie("ts_pre") == "mine");
}

BOOST_AUTO_TEST_CASE(deleting_a_cookie_sets_max_age_zero) {
  ts::web::Response res;
  res.set_cookie("ts_session", "", 0);
  std::string out = ts::web::serialize(res, false);
  BOOST_TEST(contains(out, "\r\nSet-Cookie: ts_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0\r\n"));
}

BOOST_AUTO_TEST_CASE(head_omits_the_body) {
  ts::web::Response res;
  res.body = "<html>corps de la page</html>";
  res.set_cookie("ts_pre", "x");
  std::string out = ts::web::serialize(res, true);
  BOOST_TEST(out.rfind("Status: 200 OK\r\n", 0) == 0u);
  BOOST_TEST(!contains(out, "corps de la page"));
  BOOST_TEST(out.size() >= 4u);
  BOOST_TEST(out.substr(out.size() - 4) == "\r\n\r\n");
  BOOST_TEST(contains(out, "\r\nSet-Cookie: ts_pre=x;"));  // headers are the same as for GET
  BOOST_TEST(contains(out, "\r\nX-Frame-Options: DENY\r\n"));
  // The length a GET would send (RFC 9110 §8.6), not 0.
  BOOST_TEST(contains(out, "\r\nContent-Length: " + std::to_string(res.body.size()) + "\r\n"));
}

BOOST_AUTO_TEST_CASE(short_body_is_400_not_a_crash) {
  MapSource src = post("a=b", {{"CONTENT_LENGTH", "20"}});
  BOOST_TEST(status_of(src) == 400);
}

BOOST_AUTO_TEST_CASE(malformed_utf8_is_400) {
  // Overlong forms, UTF-16 surrogates, beyond U+10FFFF, C1 controls.
  for (const char* body : {"a=%C0%AF", "a=%E0%80%AF", "a=%ED%A0%80", "a=%F4%90%80%80", "a=%F5%80%80%80",
                           "a=%C2%85", "a=%F0%9F%98"}) {
    BOOST_TEST_CONTEXT(body) { BOOST_TEST(status_of(post(body)) == 400); }
  }
  for (const char* body : {"a=%F0%9F%98%80", "a=%E2%82%AC", "a=%C3%A9", "a=%F4%8F%BF%BF"}) {
    BOOST_TEST_CONTEXT(body) { BOOST_TEST(status_of(post(body)) == 0); }
  }
}

BOOST_AUTO_TEST_CASE(post_fields_come_from_the_body_only) {
  MapSource src = post("a=b", {{"QUERY_STRING", "q=1&a=c"}});
  ts::web::Request r = ts::web::parse_request(src);
  BOOST_TEST(r.params.size() == 1u);
  BOOST_TEST(*r.param("a") == "b");
  BOOST_TEST(r.param("q") == nullptr);
}

BOOST_AUTO_TEST_CASE(content_type_must_be_exactly_urlencoded) {
  BOOST_TEST(status_of(post("a=b", {{"CONTENT_TYPE", "application/x-www-form-urlencodedXYZ"}})) == 415);
  BOOST_TEST(status_of(post("a=b", {{"CONTENT_TYPE", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"}})) == 0);
}

BOOST_AUTO_TEST_CASE(header_values_cannot_split_the_response) {
  ts::web::Response res = ts::web::Response::redirect("/x\r\nSet-Cookie: evil=1");
  res.set_cookie("ts_pre", "v\r\nX-Evil: 1");
  std::string out = ts::web::serialize(res, false);
  BOOST_TEST(!contains(out, "\r\nSet-Cookie: evil"));
  BOOST_TEST(!contains(out, "\r\nX-Evil"));
}

BOOST_AUTO_TEST_SUITE_END()
