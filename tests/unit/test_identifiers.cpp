// lib/accounts/identifiers.h: identifiers made from French names, and letter passwords.
#define BOOST_TEST_DYN_LINK
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstring>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "accounts/identifiers.h"
#include "core/validators.h"

namespace bdata = boost::unit_test::data;

namespace {

struct Name {
  const char* first;
  const char* last;
  const char* expected;
};
std::ostream& operator<<(std::ostream& os, const Name& n) {
  return os << "(\"" << n.first << "\", \"" << n.last << "\") -> \"" << n.expected << "\"";
}

const std::vector<Name> kNames = {
    {"Élodie", "Le Bihan-Côté", "elebihancote"},  // the example in identifiers.h
    {"Jean", "Dupont", "jdupont"},
    {"ÉLODIE", "LE BIHAN", "elebihan"},
    {"François", "Lefèvre", "flefevre"},
    {"Chloé", "Çelik", "ccelik"},                   // cedilla
    {"Zoë", "Lœuvre", "zloeuvre"},                  // œ
    {"Œdipe", "Roi", "oroi"},                       // Œ as the first letter
    {"Jürgen", "Strauß", "jstrauss"},
    {"Éric", "Ñúñez", "enunez"},
    {"Ÿves", "Haÿ", "yhay"},
    {"Anaïs", "Gaëtan-Noël", "agaetannoel"},
    {"Jean-Pierre", "D'Artagnan", "jdartagnan"},     // hyphen, ASCII apostrophe
    {"Jean", "D\xE2\x80\x99" "Artagnan", "jdartagnan"},  // typographic apostrophe U+2019
    {"Marie Claire", "Saint Exupéry", "msaintexupery"},
    {"  Éric", " Dupont ", "edupont"},             // stray spaces
    {"", "Dupont", "dupont"},                      // no first name
    {"Дмитрий", "Dupont", "dupont"},               // first name without Latin letters
    {"Дмитрий", "Иванов", "x"},                    // nothing Latin left
    {"王", "小明", "x"},
    {"", "", "x"},
    {"Léa \xF0\x9F\x98\x80", "Martin", "lmartin"},  // emoji dropped
    {"Louis", "XIV 14", "lxiv"},                   // digits are kept for the suffix only
    {"Anne", "Dupont-Montgomery-Laferrière", "adupontmontgomerylaf"},  // cut at 20
    {"Anne", "Abcdefghijklmnopqrstuvwxyz", "aabcdefghijklmnopqrs"},
    {"\xC3", "Dupont\xE2\x82", "dupont"},          // truncated UTF-8 is skipped, not read past the end
};

}  // namespace

BOOST_AUTO_TEST_SUITE(identifiers)

BOOST_DATA_TEST_CASE(identifier_base_from_french_names, bdata::make(kNames), name) {
  std::string id = ts::accounts::identifier_base(name.first, name.last);
  BOOST_TEST(id == name.expected);
  BOOST_TEST(!id.empty());
  BOOST_TEST(id.size() <= 20u);
  BOOST_TEST(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos);
  // What the letter prints is what the login form accepts, unchanged.
  std::string normalised;
  BOOST_TEST(ts::valid::identifier(ts::accounts::with_suffix(id, 12), normalised) == "");
  BOOST_TEST(normalised == id + "12");
}

BOOST_AUTO_TEST_CASE(with_suffix_appends_the_number) {
  BOOST_TEST(ts::accounts::with_suffix("cri", 0) == "cri");
  BOOST_TEST(ts::accounts::with_suffix("cri", 1) == "cri1");
  BOOST_TEST(ts::accounts::with_suffix("cri", 2) == "cri2");
  BOOST_TEST(ts::accounts::with_suffix("cri", 10) == "cri10");
  BOOST_TEST(ts::accounts::with_suffix("x", 123) == "x123");
}

BOOST_AUTO_TEST_CASE(letter_password_shape) {
  const std::string alphabet = ts::accounts::kLetterAlphabet;
  BOOST_TEST(alphabet.size() == 32u);
  BOOST_TEST(std::set<char>(alphabet.begin(), alphabet.end()).size() == 32u);
  for (char lookalike : {'0', 'O', '1', 'I'}) BOOST_TEST(alphabet.find(lookalike) == std::string::npos);
  for (int i = 0; i < 100; ++i) {
    std::string pw = ts::accounts::new_letter_password();
    BOOST_TEST_CONTEXT("password " << pw) {
      BOOST_TEST(pw.size() == 8u);
      BOOST_TEST(pw.find_first_not_of(alphabet) == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(letter_passwords_differ) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(ts::accounts::new_letter_password());
  BOOST_TEST(seen.size() == 1000u);  // 40 bits each: a collision here is ~5e-7
  BOOST_TEST(ts::accounts::new_letter_password() != ts::accounts::new_letter_password());
}

BOOST_AUTO_TEST_CASE(letter_password_symbols_roughly_uniform) {
  // 4,000 passwords = 32,000 symbols: 1,000 expected per symbol, standard
  // deviation ~31. The 500..1500 band is 16 standard deviations wide on each
  // side, so only a real bias (modulo, a missing symbol) can make it fail.
  std::map<char, int> count;
  for (int i = 0; i < 4000; ++i)
    for (char c : ts::accounts::new_letter_password()) ++count[c];
  BOOST_TEST(count.size() == 32u);
  for (const char* p = ts::accounts::kLetterAlphabet; *p; ++p)
    BOOST_TEST_CONTEXT("symbol " << *p << " seen " << count[*p] << " times") {
      BOOST_TEST(count[*p] >= 500);
      BOOST_TEST(count[*p] <= 1500);
    }
}

BOOST_AUTO_TEST_SUITE_END()
