// lib/core/csv.h: RFC 4180 quoting with ';', CRLF, the OWASP CSV-injection
// guard; each row is also read back with libcsv's parser (a reader other than
// the writer's own logic), which must give the fields back.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <csv.h>

#include <string>
#include <vector>

#include "core/csv.h"

namespace {

using Fields = std::vector<std::string>;

// The records libcsv's parser reads from `text` (strict mode, `sep`).
std::vector<Fields> parse(const std::string& text, char sep = ';') {
  struct Acc {
    std::vector<Fields> rows;
    Fields current;
  } acc;
  csv_parser p{};
  BOOST_REQUIRE(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) == 0);
  csv_set_delim(&p, static_cast<unsigned char>(sep));
  auto on_field = [](void* s, size_t n, void* a) {
    static_cast<Acc*>(a)->current.emplace_back(s ? static_cast<const char*>(s) : "", n);
  };
  auto on_row = [](int, void* a) {
    auto* acc = static_cast<Acc*>(a);
    acc->rows.push_back(acc->current);
    acc->current.clear();
  };
  const size_t n = csv_parse(&p, text.data(), text.size(), on_field, on_row, &acc);
  BOOST_TEST(n == text.size(), "libcsv: " << csv_strerror(csv_error(&p)));
  BOOST_TEST(csv_fini(&p, on_field, on_row, &acc) == 0);
  csv_free(&p);
  return acc.rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_test)

BOOST_AUTO_TEST_CASE(plain_fields_stay_as_they_are) {
  BOOST_TEST(ts::csv::row({"Date", "Identifiant", "Événement", "Détail", "Adresse IP"}) ==
             "Date;Identifiant;Événement;Détail;Adresse IP\r\n");
  BOOST_TEST(ts::csv::row({}) == "\r\n");
  BOOST_TEST(ts::csv::row({"", "a", ""}) == ";a;\r\n");
  BOOST_TEST(ts::csv::row({"a", "b"}, ',') == "a,b\r\n");
  BOOST_TEST(ts::csv::row({"1,5", "x"}) == "1,5;x\r\n");  // ',' is no separator here
}

BOOST_AUTO_TEST_CASE(quoting_of_separators_quotes_and_line_breaks) {
  BOOST_TEST(ts::csv::row({"a;b", "c"}) == "\"a;b\";c\r\n");
  BOOST_TEST(ts::csv::row({"dit \"bonjour\""}) == "\"dit \"\"bonjour\"\"\"\r\n");
  BOOST_TEST(ts::csv::row({"ligne 1\nligne 2", "x\r\ny"}) == "\"ligne 1\nligne 2\";\"x\r\ny\"\r\n");
  BOOST_TEST(ts::csv::row({"1,5"}, ',') == "\"1,5\"\r\n");
  BOOST_TEST(ts::csv::row({"\""}) == "\"\"\"\"\r\n");
}

BOOST_AUTO_TEST_CASE(formula_starts_get_an_apostrophe) {
  BOOST_TEST(ts::csv::row({"=1+1", "+33 6", "-2", "@SUM(A1)"}) == "'=1+1;'+33 6;'-2;'@SUM(A1)\r\n");
  BOOST_TEST(ts::csv::row({"\tx"}) == "'\tx\r\n");
  BOOST_TEST(ts::csv::row({"\rx"}) == "\"'\rx\"\r\n");  // guarded, then quoted for the CR
  BOOST_TEST(ts::csv::row({"=HYPERLINK(\"http://x\";\"y\")"}) == "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"\r\n");
  // Only the first character counts.
  BOOST_TEST(ts::csv::row({"a=b", "x-y", " =1"}) == "a=b;x-y; =1\r\n");
}

BOOST_AUTO_TEST_CASE(rows_read_back_with_libcsv) {
  const std::vector<Fields> rows = {
      {"2026-12-01 08:00", "m.dupont", "connexion", "code \"TOTP\"; accepté", "192.0.2.1"},
      {"a\r\nb", "", "ligne\nsuivante", "=cmd|' /C calc'!A0", "-"},
      {"é", "x;y;z", "\"\"", "@", "+"},
  };
  std::string text = ts::csv::kUtf8Bom;
  for (const auto& r : rows) text += ts::csv::row(r);
  BOOST_TEST(text.compare(0, 3, "\xEF\xBB\xBF") == 0);
  const auto back = parse(text.substr(3));
  BOOST_TEST_REQUIRE(back.size() == rows.size());
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows[i].size(); ++j)
      BOOST_TEST_CONTEXT("row " << i << ", field " << j) {
        BOOST_TEST_REQUIRE(back[i].size() == rows[i].size());
        const std::string& f = rows[i][j];
        const bool guarded = !f.empty() && std::string("=+-@\t\r").find(f[0]) != std::string::npos;
        BOOST_TEST(back[i][j] == (guarded ? "'" + f : f));
      }
}

// The unclosed quote is reported on the line where its field starts, not past the end.
BOOST_AUTO_TEST_CASE(unclosed_quote_names_the_line_where_it_opens) {
  const std::string text = "A;B\n\"ouvert;b\nc;d\ne;f\ng;h\ni;j\n";  // 6 lines, the quote opened on line 2
  BOOST_TEST(ts::csv::read(text).error == "guillemet non fermé (ligne 2)");
  BOOST_TEST(ts::csv::read("A;B\r\n1;2\r\n3;\"x\r\ny\r\n").error == "guillemet non fermé (ligne 3)");
  // A quoted field with line breaks, closed, then one left open further down.
  BOOST_TEST(ts::csv::read("A;B\n\"1\n2\";x\n3;4\n5;\"open\n6\n").error == "guillemet non fermé (ligne 5)");
}

BOOST_AUTO_TEST_SUITE_END()
