// libFuzzer target: every kind of field the forms declare, through the path a
// real value takes: a urlencoded POST body (ts::web::parse_request: UTF-8 and
// control characters), ts::web::Form (core/text.h clean_input, length, the
// field's validator from core/validators.h).
//
// Input: the first byte picks the field (kFields below, modulo its size);
// the rest is the value, sent percent-encoded byte for byte.
//
// kFields lists each (validator, maximum length) pair the handlers declare
// (handlers/*/ `Form form(c.req, {...})` and the route tables' .query()):
// when a form gains a field of a new kind, add its line here.
//
// What counts as a finding (besides a sanitizer report): an exception other
// than HttpError(400), or a broken property:
// - the cleaned value (Form::raw) is trimmed, and cleaning it again changes
//   nothing;
// - an accepted value is normalised once and for all: the validator accepts
//   its own output unchanged;
// - an accepted value has the shape its kind promises (below), e.g. an
//   address the form accepts is one the mailer accepts (mail/mime.h), a date
//   is AAAA-MM-JJ, a record id reads back as the same number;
// - a value refused by the validator is refused whenever it is asked again.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include "../support/map_source.h"
#include "core/text.h"
#include "core/validators.h"
#include "mail/mime.h"
#include "web/form.h"
#include "web/http.h"

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool only(const std::string& s, const char* allowed) { return s.find_first_not_of(allowed) == std::string::npos; }
const char* const kDigits = "0123456789";
const char* const kAlnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

using Shape = bool (*)(const std::string& value);

struct Field {
  ts::web::FieldSpec spec;
  Shape shape;  // what an accepted value looks like
};

bool any_text(const std::string&) { return true; }
bool identifier_shape(const std::string& v) {
  return v.size() <= 40 && only(v, "abcdefghijklmnopqrstuvwxyz0123456789._-");
}
bool password_shape(const std::string& v) {
  return v.size() >= 8 && v.size() <= 14 && only(v, kAlnum) && v.find_first_of(kDigits) != std::string::npos &&
         v.find_first_not_of(kDigits) != std::string::npos;
}
bool email_shape(const std::string& v) {
  std::string normalised;
  return ts::mail::check_address(v, normalised).empty() && normalised == v;
}
bool date_shape(const std::string& v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  if (!only(v.substr(0, 4) + v.substr(5, 2) + v.substr(8, 2), kDigits)) return false;
  int y = std::stoi(v.substr(0, 4));
  return y >= 1900 && y <= 2100;
}
bool record_id_shape(const std::string& v) {
  unsigned id = ts::valid::record_id_of(v);
  return only(v, kDigits) && std::to_string(id) == v;
}
bool token_shape(const std::string& v) {
  return v.size() >= 22 && v.size() <= 64 && only(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
}
bool phone_shape(const std::string& v) {
  size_t digits = 0;
  for (char c : v) digits += (c >= '0' && c <= '9') ? 1 : 0;
  return digits >= 10 && v.size() <= 20 && only(v, "+0123456789 ") && v.find('+', 1) == std::string::npos && v.front() != ' ' &&
         v.back() != ' ' && v.find("  ") == std::string::npos;
}

// Every (validator, maximum length) pair the forms declare.
const Field kFields[] = {
    {{"identifiant", 40, ts::valid::identifier}, identifier_shape},       // connexion, regroupement, recuperation
    {{"mot_de_passe", 128, nullptr}, any_text},                           // connexion, activation, compte
    {{"mot_de_passe_nouveau", 64, ts::valid::password_rule}, password_shape},  // premiere_connexion, compte, reset
    {{"email", 254, ts::valid::email}, email_shape},                      // every address field
    {{"date_naissance", 10, ts::valid::birth_date}, date_shape},          // premiere_connexion, enfant
    {{"eleve", 10, ts::valid::record_id}, record_id_shape},               // enfant, fiche (responsable)
    {{"code", 64, ts::valid::token}, token_shape},                        // activation, compte, reset
    {{"telephone", 20, ts::valid::phone}, phone_shape},                   // fiche: telephone, portable
    {{"adresse", 255, nullptr}, any_text},                                // fiche
    {{"profession", 120, nullptr}, any_text},                             // fiche
    {{"decision", 10, nullptr}, any_text},                                // regroupement VALIDER
    {{"modifie", 20, nullptr}, any_text},                                 // compte (query)
};
constexpr size_t kFieldCount = sizeof kFields / sizeof kFields[0];

bool trimmed(const std::string& s) {
  if (s.empty()) return true;
  const char* ascii_ws = " \t\r\n\v\f";
  if (std::strchr(ascii_ws, s.front()) || std::strchr(ascii_ws, s.back())) return false;
  // U+00A0 no-break space, U+202F narrow no-break space, U+200B zero width space.
  for (const char* ws : {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x8B"}) {
    size_t n = std::strlen(ws);
    if (s.compare(0, n, ws) == 0) return false;
    if (s.size() >= n && s.compare(s.size() - n, n, ws) == 0) return false;
  }
  return true;
}

void run(const uint8_t* data, size_t size) {
  if (size == 0) return;
  const Field& field = kFields[data[0] % kFieldCount];
  const std::string name = field.spec.name, value(reinterpret_cast<const char*>(data + 1), size - 1);

  std::string body = name + "=";
  for (unsigned char c : value) {
    char hex[4];
    std::snprintf(hex, sizeof hex, "%%%02X", c);
    body += hex;
  }
  MapSource src({{"REQUEST_METHOD", "POST"},
                 {"CONTENT_TYPE", "application/x-www-form-urlencoded"},
                 {"CONTENT_LENGTH", std::to_string(body.size())}},
                body, 4096);
  ts::web::Request req;
  try {
    req = ts::web::parse_request(src, 64 * 1024);
  } catch (const ts::web::HttpError& e) {
    check(e.status == 400);  // invalid UTF-8 or a control character
    return;
  }
  try {
    ts::web::Form form(req, {field.spec});
    check(form.ok() == !form.has_error(name));
    const std::string& raw = form.raw(name);
    check(trimmed(raw));
    check(ts::clean_input(raw) == raw);
    check(ts::utf8_length(raw) <= raw.size());
    if (form.has_error(name)) {
      // Refused for its length, for a bidirectional control (issue 12: names
      // read backwards), or by the validator, every time.
      if (ts::utf8_length(raw) <= field.spec.max_len) {
        std::string out;
        check(ts::has_bidi_controls(raw) || (field.spec.validate && !field.spec.validate(raw, out).empty()));
      }
      return;
    }
    const std::string& v = form.value(name);
    if (raw.empty()) {
      check(v.empty());
      return;
    }
    check(field.shape(v));
    if (field.spec.validate) {
      std::string again = "sentinel";
      check(field.spec.validate(v, again).empty());
      check(again == v);
    } else {
      check(v == raw);
    }
  } catch (const ts::web::HttpError& e) {
    check(e.status == 400);  // over abuse_limit
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  run(data, size);
  return 0;
}
