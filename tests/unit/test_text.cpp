// lib/core/text.h: percent_encode against RFC 3986's unreserved set.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_SUITE_END()
