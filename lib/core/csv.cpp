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

// issue 13 — import: the reader.
namespace ts::csv {
namespace {

struct Reading {
  Table* table;
  Record current;
  size_t line = 1;        // where the record being read starts
  size_t extra_lines = 0;  // line breaks inside its quoted fields
};

void on_field(void* data, size_t len, void* state) {
  auto* r = static_cast<Reading*>(state);
  std::string f(static_cast<const char*>(data), data ? len : 0);
  for (char c : f)
    if (c == '\n') ++r->extra_lines;
  r->current.fields.push_back(std::move(f));
}

void on_record(int /*terminator*/, void* state) {
  auto* r = static_cast<Reading*>(state);
  const bool blank = r->current.fields.empty() || (r->current.fields.size() == 1 && r->current.fields[0].empty());
  if (!blank) {
    r->current.line = r->line;
    r->table->records.push_back(std::move(r->current));
  }
  r->line += 1 + r->extra_lines;
  r->extra_lines = 0;
  r->current = Record{};
}

int only_lf(unsigned char c) { return c == '\n' ? 1 : 0; }

// CRLF and CR become LF, so that each line break is counted once.
std::string unix_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

char detect_separator(const std::string& text) {
  size_t semi = 0, comma = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ';') ++semi;
    else if (!quoted && c == ',') ++comma;
  }
  return comma > semi ? ',' : ';';
}

Table read(const std::string& text, char sep) {
  Table t;
  t.separator = sep ? sep : detect_separator(text);
  const std::string body = unix_lines(text);
  csv_parser p{};
  csv_init(&p, CSV_REPALL_NL | CSV_STRICT_FINI);
  csv_set_delim(&p, static_cast<unsigned char>(t.separator));
  csv_set_term_func(&p, only_lf);
  Reading r{&t, {}, 1, 0};
  csv_parse(&p, body.data(), body.size(), on_field, on_record, &r);
  // libcsv's state 2 (FIELD_BEGUN) in a quoted field: its closing quote never came.
  const bool open_quote = p.quoted && p.pstate == 2;
  // Where that field starts: its record's line, plus the line breaks of the
  // record's fields before it (csv_fini then hands the field over, and the
  // count moves past the end of the file).
  const size_t open_line = r.line + r.extra_lines;
  if (csv_fini(&p, on_field, on_record, &r) != 0 || open_quote)
    t.error = "guillemet non fermé (ligne " + std::to_string(open_line) + ")";
  csv_free(&p);
  return t;
}

}  // namespace ts::csv
