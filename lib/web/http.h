// Requests and responses: what every handler reads and returns.
// Form and cookie parsing is GNU cgicc's; this file only feeds it and caps sizes.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace ts::web {

// Where a request comes from: FastCGI, plain CGI, or a test.
class RequestSource {
 public:
  virtual ~RequestSource() = default;
  virtual std::string env(const char* name) = 0;  // "" when unset
  virtual size_t read(char* buf, size_t len) = 0;
};

// A request refused with a 4xx status and a French message: malformed input
// (parse_request, Form: 400, 405, 413, 415), or a page's refusal of a request
// no honest form sends (403, 409). The dispatcher's one error boundary
// (app.cpp) renders it with a title for its status.
struct HttpError : std::runtime_error {
  int status;
  HttpError(int s, const std::string& french_message) : std::runtime_error(french_message), status(s) {}
};

struct Request {
  std::string method;        // GET, POST (HEAD is served as GET without a body)
  std::string path;          // without the query string
  std::string remote_addr;
  bool https = false;
  bool head = false;
  // Set by dispatch: the configuration's secure_cookies, or https. Our cookies
  // are then named with the "__Host-" prefix (RFC 6265bis 4.1.3.2: a browser
  // keeps such a cookie only when it is Secure, Path=/ and has no Domain, so
  // neither plain http nor a sibling subdomain can plant one), and cookie()
  // reads only the prefixed name.
  bool secure_cookies = false;
  std::vector<std::pair<std::string, std::string>> params;  // query (GET) or urlencoded body (POST)
  std::map<std::string, std::string> cookies;               // as sent, prefixes included
  // issue 13 — import: the files of a multipart/form-data POST (a route that
  // takes uploads, Route::max_body), as cgicc parsed them: field name, the
  // file name the browser sent, and the bytes as they are.
  struct File {
    std::string field, filename, data;
  };
  std::vector<File> files;

  const std::string* param(const std::string& name) const;  // first value or nullptr
  // One of our cookies by its name without prefix ("ts_session"); "" when absent.
  std::string cookie(const std::string& name) const;
};

constexpr size_t kMaxBody = size_t{16} * 1024;  // our forms are small; anything larger is refused (413)

// Throws HttpError for malformed input: 411 without a length, 413 over
// `max_body` bytes, 415 for a body that is not urlencoded (nor
// multipart/form-data when `multipart` is true: a route that takes files).
Request parse_request(RequestSource& src, size_t max_body = kMaxBody, bool multipart = false);
// For the answer to a request parse_request refused: its path, client and
// cookies only (no field), so that the error page keeps the visitor's
// cookies — no new "ts_pre" that would expire the forms open elsewhere.
Request refused_request(RequestSource& src);

struct Cookie {
  std::string name, value;
  int max_age = -1;  // -1: session cookie; 0: delete
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<Cookie> cookies;
  std::string body;
  bool secure_cookies = false;  // set by dispatch: configuration or https (Secure, and the "__Host-" prefix)

  static Response redirect(const std::string& location);  // 303 See Other
  void set_cookie(const std::string& name, const std::string& value, int max_age = -1) {
    cookies.push_back({name, value, max_age});
  }
};

const char* reason_phrase(int status);
// The prefix of our cookies' names when they are secure (see Request).
constexpr const char* kSecureCookiePrefix = "__Host-";

// The CGI/FastCGI output: "Status: 200 OK", headers (with the security headers
// every page carries), blank line, body (omitted for HEAD).
std::string serialize(const Response& res, bool head);

}  // namespace ts::web
