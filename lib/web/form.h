// Forms, kcgi-style: each handler declares its fields up front (name, maximum
// length, format validator); a repeated or absurdly long field, or an
// unknown field in a POST, is a 400 before any database work. Values are
// cleaned up before they are checked. Handlers read only validated values.
#pragma once
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "http.h"

namespace ts::web {

// A format validator: returns "" when `in` is acceptable (and may normalise it
// into `out`), else the French message shown next to the field. Only called on
// non-empty values: whether a field is required is the handler's rule.
using Validator = std::string (*)(const std::string& in, std::string& out);

struct FieldSpec {
  const char* name;
  size_t max_len;
  Validator validate;  // nullptr: any text within max_len
};

// The CSRF token's field: every POST carries it; the dispatcher
// (routes.h) checks it once, so a Form never declares it (in a GET it is
// an unknown field like any other).
constexpr const char* kCsrfField = "csrf_token";

// The raw size (bytes) above which a value is refused outright (400): only
// against abuse; a value a little too long is cleaned up, then told (422).
constexpr size_t abuse_limit(size_t max_len) { return 4 * max_len + 64; }

class Form {
 public:
  // Each value is cleaned up (core/text.h clean_input: surrounding white
  // space, NFC) before its length (max_len characters: else a field error)
  // and its validator are checked; raw() then returns the cleaned value.
  // Throws HttpError(400) on a repeated field, a raw value over
  // abuse_limit(max_len), or, in a POST, an unknown field; a GET ignores
  // unknown fields (links gain tracking parameters on their way).
  Form(const Request& req, const std::vector<FieldSpec>& fields);

  const std::string& raw(const std::string& name) const;  // as typed, cleaned up ("" when absent)
  const std::string& value(const std::string& name) const;  // normalised when valid
  bool has_error(const std::string& name) const { return errors_.count(name) > 0; }
  // The id a valid::record_id field holds; 0 when it is absent, empty or
  // refused (the page then answers as for an unknown record: 404).
  unsigned record_id(const std::string& name) const;
  // Records an error (the first one per field wins) ; returns false.
  bool fail(const std::string& name, const std::string& message);
  bool ok() const { return order_.empty(); }
  // Errors in field declaration order: what the summary lists.
  std::vector<std::pair<std::string, std::string>> errors() const;
  const std::vector<std::string>& fields() const { return declared_; }

 private:
  std::vector<std::string> declared_;
  std::map<std::string, std::string> raw_, value_, errors_;
  std::vector<std::string> order_;
};

}  // namespace ts::web
