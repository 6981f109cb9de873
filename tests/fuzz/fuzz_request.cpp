// libFuzzer target: ts::web::parse_request then ts::web::Form, as dispatch() and a
// handler run them on every request (kcgi habit: the request parser is fuzzed).
//
// Input format (see README.md): CGI variables, one NAME=value per line, then an
// empty line, then the body. Without an empty line the whole input is variables.
//
// What counts as a finding: a sanitizer report, an exception other than
// ts::web::HttpError (dispatch() would let it escape and the process would die), an
// HttpError whose status is not one parse_request documents, or a broken
// invariant checked below (__builtin_trap).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "web/form.h"
#include "web/http.h"
#include "../support/map_source.h"
#include "core/text.h"
#include "core/validators.h"

namespace {

// CGI variables (NAME=value lines), an empty line, then the body.
MapSource source_from(const std::string& input) {
  std::map<std::string, std::string> env;
  size_t sep = input.find("\n\n");
  std::string head = input.substr(0, sep);
  for (size_t start = 0; start <= head.size();) {
    size_t end = head.find('\n', start);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(start, end - start);
    size_t eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
    start = end + 1;
  }
  return MapSource(std::move(env), sep == std::string::npos ? "" : input.substr(sep + 2), SIZE_MAX);
}

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool is_password_field(const std::string& name) {
  return name.find("password") != std::string::npos || name.find("mot_de_passe") != std::string::npos;
}

bool trimmed(const std::string& s) {
  const char* ws = " \t\r\n";
  return s.empty() || (std::strchr(ws, s.front()) == nullptr && std::strchr(ws, s.back()) == nullptr);
}

// The rule parse_request documents: no control characters but tab, CR, LF.
bool no_controls(const std::string& s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return false;
  return true;
}

void run(const std::string& input) {
  MapSource src = source_from(input);
  ts::web::Request req;
  try {
    req = ts::web::parse_request(src, 4096);
  } catch (const ts::web::HttpError& e) {
    check(e.status == 400 || e.status == 405 || e.status == 411 || e.status == 413 || e.status == 414 ||
          e.status == 415);
    check(e.what()[0] != '\0');
    return;
  }
  check(req.method == "GET" || req.method == "POST");
  check(!req.head || req.method == "GET");
  for (const auto& [name, value] : req.params) {
    check(no_controls(name));
    check(no_controls(value));
  }

  try {
    const std::vector<ts::web::FieldSpec> specs = {{"identifiant", 40, ts::valid::identifier},
                                                   {"mot_de_passe", 14, ts::valid::password_rule},
                                                   {"nouveau_mot_de_passe", 14, ts::valid::password_rule},
                                                   {"email", 254, ts::valid::email},
                                                   {"date_naissance", 10, ts::valid::birth_date},
                                                   {"code", 64, ts::valid::token},
                                                   {"csrf", 64, nullptr}};
    ts::web::Form form(req, specs);
    check(form.ok() == form.errors().empty());
    for (const auto& [name, message] : form.errors()) {
      check(form.has_error(name));
      check(!message.empty());
    }
    for (const auto& spec : specs) {
      // A value over abuse_limit bytes is a 400 (caught below); one over
      // max_len characters is kept, cleaned, and told as a field error
      // (422). NFC may lengthen a text, at most threefold (UAX #15).
      const std::string name = spec.name;
      check(form.raw(name).size() <= 3 * ts::web::abuse_limit(spec.max_len));
      if (ts::utf8_length(form.raw(name)) > spec.max_len) check(form.has_error(name));
      if (!is_password_field(name)) check(trimmed(form.value(name)));
      if (!form.has_error(name) && name == "date_naissance" && !form.value(name).empty())
        check(form.value(name).size() == 10 && form.value(name)[4] == '-');
    }
    form.fail("csrf", "Jeton non valide.");
    check(!form.ok());
  } catch (const ts::web::HttpError& e) {
    check(e.status == 400);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
