// lib/core/charset.h: automatic detection between Windows-1252 and
// ISO-8859-15, which share most bytes: "Cœur" written in ISO-8859-15 must not
// come out as "C½ur".
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <string>

#include "core/charset.h"

namespace cs = ts::charset;
using cs::Encoding;

BOOST_AUTO_TEST_SUITE(charset_detection)

BOOST_AUTO_TEST_CASE(latin9_oe_is_kept_by_the_automatic_detection) {
  const auto d = cs::to_utf8("NOM\nC\xBDur;\xE9l\xE8ve\n\xBC" "uvre\n", Encoding::automatic);
  BOOST_REQUIRE(d.ok);
  BOOST_TEST((d.used == Encoding::iso885915));
  BOOST_TEST(d.text == "NOM\nCœur;élève\nŒuvre\n");
}

BOOST_AUTO_TEST_CASE(windows_1252_stays_windows_1252) {
  // œ at 0x9C: Windows-1252 (ISO-8859-15 has a control character there).
  auto d = cs::to_utf8("C\x9Cur ; \xBD litre\n", Encoding::automatic);
  BOOST_REQUIRE(d.ok);
  BOOST_TEST((d.used == Encoding::windows1252));
  BOOST_TEST(d.text == "Cœur ; ½ litre\n");
  // ½ alone, not within a word: Windows-1252.
  d = cs::to_utf8("\xE9t\xE9 ; \xBD\n", Encoding::automatic);
  BOOST_TEST((d.used == Encoding::windows1252));
  BOOST_TEST(d.text == "été ; ½\n");
}

BOOST_AUTO_TEST_SUITE_END()
