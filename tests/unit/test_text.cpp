// lib/core/text.h: percent_encode against RFC 3986's unreserved set.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <ctime>
#include <string>

#include "core/text.h"

BOOST_AUTO_TEST_SUITE(text_test)

BOOST_AUTO_TEST_CASE(percent_encode_rfc3986) {
  BOOST_TEST(ts::percent_encode("") == "");
  BOOST_TEST(ts::percent_encode("AZaz09-._~") == "AZaz09-._~");  // unreserved
  BOOST_TEST(ts::percent_encode("a b+c&d=e/f?g#h:i@j%") == "a%20b%2Bc%26d%3De%2Ff%3Fg%23h%3Ai%40j%25");
  BOOST_TEST(ts::percent_encode("Téléservices") == "T%C3%A9l%C3%A9services");
  BOOST_TEST(ts::percent_encode(std::string("\x00\xff\n", 3)) == "%00%FF%0A");
}

BOOST_AUTO_TEST_CASE(iso_day_in_utc_and_in_the_process_zone) {
  // 2026-03-28 23:30 UTC is already the 29th in Paris (UTC+1 in March before the change).
  const std::time_t t = 1774740600;
  BOOST_TEST(ts::iso_day(t, false) == "2026-03-28");
  const char* saved = std::getenv("TZ");
  const std::string before = saved ? saved : "";
  setenv("TZ", "Europe/Paris", 1);
  tzset();
  BOOST_TEST(ts::iso_day(t, true) == "2026-03-29");
  if (saved) setenv("TZ", before.c_str(), 1);
  else unsetenv("TZ");
  tzset();
}

BOOST_AUTO_TEST_SUITE_END()
