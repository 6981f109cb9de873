#include "csv.h"

#include <csv.h>

namespace ts::csv {

namespace {

// OWASP's list of the first characters a spreadsheet may read as a formula.
bool looks_like_formula(const std::string& f) {
  if (f.empty()) return false;
  const char c = f[0];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// libcsv's quoting (csv_write2 with '"'): the field between quotes, each
// quote doubled. A first call measures, a second writes.
std::string quoted(const std::string& f) {
  const size_t n = csv_write2(nullptr, 0, f.data(), f.size(), '"');
  std::string out(n, '\0');
  csv_write2(out.data(), out.size(), f.data(), f.size(), '"');
  return out;
}

}  // namespace

std::string row(const std::vector<std::string>& fields, char sep) {
  std::string out;
  bool first = true;
  for (const auto& raw : fields) {
    if (!first) out += sep;
    first = false;
    const std::string f = looks_like_formula(raw) ? "'" + raw : raw;
    const bool needs_quotes = f.find_first_of(std::string{sep, '"', '\r', '\n'}) != std::string::npos;
    out += needs_quotes ? quoted(f) : f;
  }
  out += "\r\n";
  return out;
}

}  // namespace ts::csv
