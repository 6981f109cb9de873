#include "http.h"

#include <algorithm>

#include <cgicc/CgiEnvironment.h>
#include <cgicc/CgiInput.h>
#include <cgicc/Cgicc.h>
#include <cgicc/HTTPCookie.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <strings.h>
#include <memory>
#include <utility>

namespace ts::web {
namespace {

class SourceInput : public cgicc::CgiInput {
 public:
  SourceInput(RequestSource& s, bool post) : src_(s), post_(post) {}
  size_t read(char* data, size_t length) override {
    size_t got = 0;
    while (got < length) {
      size_t n = src_.read(data + got, length - got);
      if (n == 0) break;
      got += n;
    }
    return got;
  }
  std::string getenv(const char* name) override {
    // A POST's fields come from its body only, never from the address.
    if (post_ && std::strcmp(name, "QUERY_STRING") == 0) return "";
    return src_.env(name);
  }

 private:
  RequestSource& src_;
  bool post_;
};

// The request's cookies alone, as cgicc reads them: for the answer to a
// request refused before its fields are read (no body, no query string).
class CookiesOnly : public cgicc::CgiInput {
 public:
  explicit CookiesOnly(RequestSource& s) : src_(s) {}
  size_t read(char*, size_t) override { return 0; }
  std::string getenv(const char* name) override {
    if (std::strcmp(name, "REQUEST_METHOD") == 0) return "GET";
    if (std::strcmp(name, "QUERY_STRING") == 0 || std::strcmp(name, "CONTENT_LENGTH") == 0) return "";
    return src_.env(name);
  }

 private:
  RequestSource& src_;
};

// Form values must be well-formed UTF-8 (no overlong forms, surrogates or
// code points above U+10FFFF: MariaDB's utf8mb4 would refuse them later) and
// hold no control characters but tab and newlines.
bool valid_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return false;
      ++i;
      continue;
    }
    size_t n;
    unsigned cp, min;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp >= 0x80 && cp < 0xA0) return false;  // C1 controls
    i += n + 1;
  }
  return true;
}

bool is_urlencoded(std::string ct) {
  for (auto& ch : ct) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const std::string type = "application/x-www-form-urlencoded";
  if (ct.compare(0, type.size(), type) != 0) return false;
  size_t rest = ct.find_first_not_of(" \t", type.size());
  return rest == std::string::npos || ct[rest] == ';';  // parameters (charset) may follow
}

// issue 13 — import
bool is_multipart(std::string ct) {
  for (auto& ch : ct) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const std::string type = "multipart/form-data";
  return ct.compare(0, type.size(), type) == 0 && ct.find("boundary=") != std::string::npos;
}

}  // namespace

const std::string* Request::param(const std::string& name) const {
  for (const auto& p : params)
    if (p.first == name) return &p.second;
  return nullptr;
}

std::string Request::cookie(const std::string& name) const {
  auto it = cookies.find(secure_cookies ? kSecureCookiePrefix + name : name);
  return it == cookies.end() ? std::string() : it->second;
}

Request parse_request(RequestSource& src, size_t max_body, bool multipart) {
  Request r;
  r.method = src.env("REQUEST_METHOD");
  if (r.method == "HEAD") {
    r.head = true;
    r.method = "GET";
  }
  if (r.method != "GET" && r.method != "POST")
    throw HttpError(405, "Cette méthode n'est pas acceptée pour cette adresse.");
  r.path = src.env("DOCUMENT_URI");
  if (r.path.empty()) r.path = src.env("SCRIPT_NAME");
  r.remote_addr = src.env("REMOTE_ADDR");
  r.https = src.env("HTTPS") == "on";

  if (src.env("QUERY_STRING").size() > 4096) throw HttpError(414, "L'adresse demandée est trop longue.");
  if (r.method == "POST") {
    std::string len = src.env("CONTENT_LENGTH");
    if (len.empty()) throw HttpError(411, "La longueur du formulaire n'est pas indiquée.");
    char* end = nullptr;
    unsigned long n = std::strtoul(len.c_str(), &end, 10);
    if (*end != '\0') throw HttpError(411, "La longueur du formulaire n'est pas indiquée.");
    if (n > max_body) {
      std::string message = "Le formulaire envoyé est trop volumineux.";
      if (max_body > kMaxBody) {
        message = "Les fichiers envoyés sont trop volumineux : ";
        message += std::to_string(max_body / (size_t{1024} * 1024));
        message += " Mio au plus.";
      }
      throw HttpError(413, message);
    }
    if (!is_urlencoded(src.env("CONTENT_TYPE")) && !(multipart && is_multipart(src.env("CONTENT_TYPE"))))
      throw HttpError(415, "Ce type de formulaire n'est pas accepté.");
  }

  SourceInput input(src, r.method == "POST");
  std::unique_ptr<cgicc::Cgicc> parsed;
  try {
    parsed = std::make_unique<cgicc::Cgicc>(&input);  // reads CONTENT_LENGTH bytes, parses fields and cookies
  } catch (const std::exception&) {
    throw HttpError(400, "Le formulaire est arrivé incomplet. Veuillez l'envoyer à nouveau.");
  }
  const cgicc::Cgicc& cgi = *parsed;
  for (const auto& e : cgi.getElements()) {
    if (!valid_utf8(e.getName()) || !valid_utf8(e.getValue()))
      throw HttpError(400, "Le formulaire contient des caractères non valides.");
    r.params.emplace_back(e.getName(), e.getValue());
  }
  for (const auto& f : cgi.getFiles()) {  // only when multipart was accepted above
    if (!valid_utf8(f.getName()) || !valid_utf8(f.getFilename()))
      throw HttpError(400, "Le formulaire contient des caractères non valides.");
    r.files.push_back({f.getName(), f.getFilename(), f.getData()});
  }
  for (const auto& c : cgi.getEnvironment().getCookieList()) r.cookies.emplace(c.getName(), c.getValue());
  return r;
}

Request refused_request(RequestSource& src) {
  Request r;
  r.method = "GET";
  r.path = src.env("DOCUMENT_URI");
  if (r.path.empty()) r.path = src.env("SCRIPT_NAME");
  r.remote_addr = src.env("REMOTE_ADDR");
  r.https = src.env("HTTPS") == "on";
  try {
    CookiesOnly input(src);
    cgicc::CgiEnvironment env(&input);
    for (const auto& c : env.getCookieList()) r.cookies.emplace(c.getName(), c.getValue());
  } catch (const std::exception&) {
    // No readable cookie: the answer goes without.
  }
  return r;
}

const char* reason_phrase(int s) {
  switch (s) {
    case 200: return "OK";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

Response Response::redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.headers.emplace_back("Location", location);
  return r;
}

// The security headers of every answer (OWASP Secure Headers), in the order written.
constexpr std::pair<const char*, const char*> kDefaultHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "same-origin"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"},
    {"Cache-Control", "no-store"},
};

std::string serialize(const Response& res, bool head) {
  std::string out = "Status: " + std::to_string(res.status) + " " + reason_phrase(res.status) + "\r\n";
  out += "Content-Type: " + res.content_type + "\r\n";
  // The headers every answer carries; a handler that sets one of them itself
  // replaces the default rather than sending it twice (a PDF's Cache-Control
  // was doubled: the attack suite's header checks).
  auto set_by_handler = [&res](const char* name) {
    return std::any_of(res.headers.begin(), res.headers.end(), [name](const auto& h) { return strcasecmp(h.first.c_str(), name) == 0; });
  };
  for (const auto& [name, value] : kDefaultHeaders)
    if (!set_by_handler(name)) out += std::string(name) + ": " + value + "\r\n";
  // Header values never carry line breaks (no response splitting).
  auto clean = [](std::string v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](char c) { return c == '\r' || c == '\n'; }), v.end());
    return v;
  };
  for (const auto& h : res.headers) out += h.first + ": " + clean(h.second) + "\r\n";
  for (const auto& c : res.cookies) {
    out += "Set-Cookie: " + (res.secure_cookies ? kSecureCookiePrefix + c.name : c.name) + "=" + clean(c.value) +
           "; Path=/; HttpOnly; SameSite=Lax";
    if (res.secure_cookies) out += "; Secure";
    if (c.max_age >= 0) out += "; Max-Age=" + std::to_string(c.max_age);
    out += "\r\n";
  }
  out += "Content-Length: " + std::to_string(res.body.size()) + "\r\n\r\n";  // a HEAD says what a GET would send
  if (!head) out += res.body;
  return out;
}

}  // namespace ts::web
