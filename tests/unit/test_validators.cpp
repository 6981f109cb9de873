// Table tests for lib/core/validators.h (kcgi habit: each validator has a list of
// valid and invalid inputs). A failing row names its input in the log.
#define BOOST_TEST_DYN_LINK
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "web/form.h"
#include "core/validators.h"

namespace bdata = boost::unit_test::data;
namespace valid = ts::valid;

namespace {

// One row: `in` is accepted and normalised to `out`, or refused when !ok.
struct Row {
  std::string in;
  bool ok;
  std::string out;
};
Row good(std::string in, std::string out) { return {std::move(in), true, std::move(out)}; }
Row good(const std::string& in) { return {in, true, in}; }
Row bad(std::string in) { return {std::move(in), false, ""}; }

// Control and non-ASCII bytes are shown as \xNN so the failing row is readable.
std::string quoted(const std::string& s) {
  std::string q = "\"";
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      q += static_cast<char>(c);
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      q += buf;
    }
  }
  return q + "\"";
}
std::ostream& operator<<(std::ostream& os, const Row& r) {
  return os << quoted(r.in) << (r.ok ? " expected valid -> " + quoted(r.out) : std::string(" expected invalid"));
}

void check(ts::web::Validator v, const Row& r) {
  std::string out = r.in;
  std::string err = v(r.in, out);
  if (r.ok) {
    BOOST_TEST(err == "");
    BOOST_TEST(out == r.out);
  } else {
    BOOST_TEST(!err.empty());  // the French message shown next to the field
  }
}

// ---- password_rule: 8 to 14 ASCII letters and digits, at least one of each.
const std::vector<Row> kPasswords = {
    good("abcd1234"),
    good("ABCD1234"),
    good("a1b2c3d4"),
    good("Z9999999"),        // one letter is enough
    good("1234567a"),
    good("abcdefghijklm1"),  // 14
    good("Ab3Cd4Ef5Gh6Ij"),  // 14
    bad(""),
    bad("abcdefgh"),         // no digit
    bad("12345678"),         // no letter
    bad("abc123"),           // too short
    bad("abcd123"),          // 7
    bad("abcdefgh1234567"),  // 15
    bad("abcdefghijklmnop1234"),
    bad("abcd 1234"),        // space
    bad(" abcd1234"),
    bad("abcd1234\n"),
    bad("abcd-1234"),
    bad("abcd_1234"),
    bad("abcd!234"),
    bad("abcdé123"),                       // accented letter (9 bytes)
    bad("abcdéé12"),
    bad("\xD0\xB0\xD0\xB1\xD0\xB2\xD0\xB3" "1234"),  // Cyrillic letters
    bad("\xEF\xBD\x81\xEF\xBD\x82" "cd1234"),        // full-width letters
    bad("abcd1234\xE2\x82\xAC"),                     // euro sign
    bad(std::string("abcd\0" "1234", 9)),            // embedded NUL
};

// ---- email
std::string long_local(size_t n) { return std::string(n, 'a'); }
// local@ + a domain of labels; total length 64 + 1 + 63 + 1 + 63 + 1 + d + 3.
std::string long_address(size_t d) {
  return long_local(64) + "@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(d, 'd') + ".fr";
}
const std::vector<Row> kEmails = {
    good("a.b@ex.fr"),
    good("Prenom.Nom+tag@Exemple.FR", "Prenom.Nom+tag@exemple.fr"),  // only the domain is lower-cased
    good("jean-pierre.dupont@ac-versailles.fr"),
    good("x@sub.domaine.education.gouv.fr"),
    good("o'neil_2@example.com"),
    good("a@b.co"),
    good("PARENT@EXAMPLE.ORG", "PARENT@example.org"),
    good(long_local(64) + "@ex.fr"),
    good("a@" + std::string(63, 'b') + ".fr"),
    good("a@xn--lve-6lad.fr"),  // élève.fr, as punycode
    good("a@ab-cd.fr"),
    bad("a@ab--cd.fr"),         // "--" in 3rd-4th position: reserved for IDNA (found by fuzz_mime)
    bad("a@pn--ple.xn--ple.fr"),
    good(long_address(58)),  // 254 characters
    bad(""),
    bad("@"),
    bad("a.b.ex.fr"),        // no @
    bad("a@@ex.fr"),
    bad("a@b@ex.fr"),
    bad("@ex.fr"),
    bad("a@"),
    bad(".a@ex.fr"),         // leading dot
    bad("a.@ex.fr"),         // trailing dot
    bad("a..b@ex.fr"),       // double dot
    bad("a@.ex.fr"),
    bad("a@ex.fr."),
    bad("a@ex..fr"),
    bad("a@b"),
    bad("a@b.c1"),
    bad("a@b.c"),
    bad("a@ex.f"),
    bad("a@ex.123"),
    bad("a@-ex.fr"),
    bad("a@ex-.fr"),
    bad("a@ex_x.fr"),
    bad("a@b.fr\r\nBcc: x@y.fr"),  // header injection
    bad("a@b.fr\nBcc: x@y.fr"),
    bad("a@b.fr\r\n"),
    bad("a\r\n@b.fr"),
    bad("a b@ex.fr"),
    bad(" a@ex.fr"),
    bad("a@ex.fr "),
    bad("a@ex .fr"),
    bad("\"a b\"@ex.fr"),
    bad("a@[127.0.0.1]"),
    bad("<a@ex.fr>"),
    bad("Nom <a@ex.fr>"),
    bad("a@ex.fr,b@ex.fr"),
    bad("a@ex.fr;b@ex.fr"),
    bad("élodie@ex.fr"),
    bad("a@exämple.fr"),
    bad(long_local(65) + "@ex.fr"),                // local part over 64
    bad("a@" + std::string(64, 'b') + ".fr"),      // label over 63
    bad(long_address(59)),                         // 255 characters
    bad(std::string("a\0b@ex.fr", 9)),
};

// ---- birth_date: JJ/MM/AAAA or AAAA-MM-JJ -> AAAA-MM-JJ, 1900..2100.
const std::vector<Row> kBirthDates = {
    good("01/01/2010", "2010-01-01"),
    good("15/07/2008", "2008-07-15"),
    good("29/02/2012", "2012-02-29"),  // leap year
    good("29/02/2000", "2000-02-29"),  // divisible by 400
    good("2012-02-29"),
    good("2008-07-15"),
    good("31/01/2010", "2010-01-31"),
    good("30/04/2010", "2010-04-30"),
    good("31/12/2099", "2099-12-31"),
    good("01/01/1900", "1900-01-01"),
    good("2100-12-31"),
    bad("29/02/2013"),  // not a leap year
    bad("2013-02-29"),
    bad("29/02/1900"),  // divisible by 100, not 400
    bad("29/02/2100"),
    bad("30/02/2012"),
    bad("31/04/2010"),
    bad("31/06/2010"),
    bad("31/09/2010"),
    bad("31/11/2010"),
    bad("00/01/2010"),
    bad("01/00/2010"),
    bad("01/13/2010"),
    bad("32/01/2010"),
    bad("31/12/1899"),
    bad("1899-12-31"),
    bad("01/01/2101"),
    bad("0000-00-00"),
    bad(""),
    bad("abc"),
    bad("aa/bb/cccc"),
    bad("1/1/2010"),
    bad("01-01-2010"),
    bad("2010/01/01"),
    bad("01.01.2010"),
    bad("01/01/10"),
    bad("20100101"),
    bad("2010-1-01"),
    bad(" 01/01/2010"),
    bad("01/01/2010 "),
    bad("01/01/201a"),
    bad("+1/01/2010"),
    bad("-1/01/2010"),
    bad("01/01/-010"),
    bad("2010-01-1\n"),
};

// ---- identifier: letters, digits, '.', '-', '_', 1..40 characters, lower-cased.
const std::vector<Row> kIdentifiers = {
    good("cri"),
    good("CRI", "cri"),
    good("jdupont1"),
    good("Jean.Dupont-2_x", "jean.dupont-2_x"),
    good(std::string(40, 'a')),
    good("7"),
    bad(""),
    bad(std::string(41, 'a')),
    bad("a b"),
    bad(" cri"),
    bad("cri\n"),
    bad("élodie"),
    bad("a@b"),
    bad("cri;"),
    bad("cri'--"),
    bad("cri/../x"),
    bad(std::string("cri\0", 4)),
};

// ---- token: base64url, 22..64 characters.
const std::vector<Row> kTokens = {
    good("ABCDEFGHIJKLMNOPQRSTUV"),      // 22
    good("abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE"),  // 43, what new_token() makes
    good(std::string(64, '_')),
    good(std::string(30, '-')),
    bad(""),
    bad("ABCDEFGHIJKLMNOPQRSTU"),       // 21
    bad(std::string(65, 'a')),
    bad("ABCDEFGHIJKLMNOPQRSTUV+/"),     // standard base64 alphabet
    bad("ABCDEFGHIJKLMNOPQRSTUV=="),     // padding
    bad("ABCDEFGHIJK MNOPQRSTUVW"),
    bad("ABCDEFGHIJKLMNOPQRSTUV\n"),
    bad("ABCDEFGHIJKLMNOPQRSTUé"),
};

// ---- phone: digits, separators (space, no-break spaces, '.', '-') as one
// space between groups and none at the ends, a leading '+'; 10+ digits, 20
// characters at most.
const std::vector<Row> kPhones = {
    good("0549000001"),
    good("05 49 00 00 01"),
    good("05.49.00.00.01", "05 49 00 00 01"),
    good("06-12-34-56-78", "06 12 34 56 78"),
    good("06\xC2\xA0" "12\xC2\xA0" "34\xC2\xA0" "56\xC2\xA0" "78", "06 12 34 56 78"),  // no-break spaces
    good("06\xE2\x80\xAF" "12 34 56 78", "06 12 34 56 78"),                              // narrow no-break
    good("+33 6 12 34 56 78"),
    // Found by tests/fuzz/fuzz_validators (corpus/validators/phone-separator-runs):
    // runs of separators kept as several spaces, a leading one as a space.
    good("+16 .332.34-56\xE2\x80\xAF" "78", "+16 332 34 56 78"),
    good("06..12--34  56. 78", "06 12 34 56 78"),
    good("-0612345678", "0612345678"),
    good(".06 12 34 56 78-", "06 12 34 56 78"),
    good("- +33612345678", "+33612345678"),
    bad("12ab"),
    bad("061234567"),                 // 9 digits
    bad("06 12 34 56 78 90 12 34 5"), // 21 characters
    bad("06+12345678"),               // + inside
    bad("++33612345678"),
    bad("06/12/34/56/78"),
    bad("0612345678\n"),
    bad("06\xC2" "12345678"),         // a lone lead byte
};

}  // namespace

BOOST_AUTO_TEST_SUITE(validators)

BOOST_DATA_TEST_CASE(password_rule, bdata::make(kPasswords), row) { check(valid::password_rule, row); }
BOOST_DATA_TEST_CASE(email, bdata::make(kEmails), row) { check(valid::email, row); }
BOOST_DATA_TEST_CASE(birth_date, bdata::make(kBirthDates), row) { check(valid::birth_date, row); }
BOOST_DATA_TEST_CASE(identifier, bdata::make(kIdentifiers), row) { check(valid::identifier, row); }
BOOST_DATA_TEST_CASE(token, bdata::make(kTokens), row) { check(valid::token, row); }
BOOST_DATA_TEST_CASE(phone, bdata::make(kPhones), row) { check(valid::phone, row); }

BOOST_AUTO_TEST_CASE(messages_are_french_and_distinct) {
  std::string out;
  std::vector<std::string> msgs = {valid::password_rule("x", out), valid::email("x", out),
                                   valid::birth_date("x", out), valid::identifier("!", out), valid::token("x", out)};
  for (size_t i = 0; i < msgs.size(); ++i) {
    BOOST_TEST_CONTEXT("message " << i) {
      BOOST_TEST(!msgs[i].empty());
      for (size_t j = i + 1; j < msgs.size(); ++j) BOOST_TEST(msgs[i] != msgs[j]);
    }
  }
}

// ---- CommonPasswords

namespace {
// A temporary file removed at scope exit.
struct ListFile {
  std::string path;
  explicit ListFile(const std::string& content) {
    char tmpl[] = "/tmp/ts-unit-passwords-XXXXXX";
    int fd = ::mkstemp(tmpl);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    ::close(fd);
    path = tmpl;
    std::ofstream(path, std::ios::binary) << content;
  }
  ~ListFile() { std::remove(path.c_str()); }
};
}  // namespace

BOOST_AUTO_TEST_CASE(common_passwords_load_and_lookup) {
  ListFile f("# Mots de passe courants\n\nAzerty123\r\nmotdepasse1\n\n# soleil2024\nSoleil2024\n");
  valid::CommonPasswords list;
  list.load(f.path);
  BOOST_TEST(list.size() == 3u);  // comments and blank lines are not entries
  for (const char* pw : {"azerty123", "AZERTY123", "AzErTy123", "motdepasse1", "MotDePasse1", "soleil2024"})
    BOOST_TEST_CONTEXT("password " << pw) { BOOST_TEST(list.contains(pw)); }
  for (const char* pw : {"", "azerty12", "azerty1234", "# soleil2024", "# Mots de passe courants", "Azerty123\r"})
    BOOST_TEST_CONTEXT("password " << pw) { BOOST_TEST(!list.contains(pw)); }
}

BOOST_AUTO_TEST_CASE(common_passwords_lines_are_trimmed) {
  ListFile f("  azerty123 \n   \n\tsoleil2024\t\n");
  valid::CommonPasswords list;
  list.load(f.path);
  BOOST_TEST(list.size() == 2u);  // a line of spaces is not an entry
  BOOST_TEST(list.contains("azerty123"));
  BOOST_TEST(list.contains("soleil2024"));
}

BOOST_AUTO_TEST_CASE(common_passwords_empty_list_contains_nothing) {
  valid::CommonPasswords list;
  BOOST_TEST(list.size() == 0u);
  BOOST_TEST(!list.contains("azerty123"));
}

BOOST_AUTO_TEST_CASE(common_passwords_missing_file_throws) {
  valid::CommonPasswords list;
  BOOST_CHECK_THROW(list.load("/nonexistent/ts-unit/common-passwords.txt"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(record_ids_sent_back_by_forms) {
  std::string out;
  BOOST_TEST(ts::valid::record_id("12", out) == "");
  BOOST_TEST(out == "12");
  BOOST_TEST(ts::valid::record_id("0012", out) == "");
  BOOST_TEST(out == "12");
  for (const char* bad : {"-1", "1a", "12 ", "1234567890", "1e3", "0x1f"}) {
    BOOST_TEST_CONTEXT(bad) { BOOST_TEST(ts::valid::record_id(bad, out) != ""); }
  }
  BOOST_TEST(ts::valid::record_id_of("42") == 42u);
  BOOST_TEST(ts::valid::record_id_of("") == 0u);
  BOOST_TEST(ts::valid::record_id_of("4x") == 0u);
}
