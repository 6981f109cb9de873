// lib/core/totp.h against RFC 6238 Appendix B (SHA-1 rows), RFC 4648 section
// 10 (base32), and oathtool (oath-toolkit's command line, a second reader of
// the same codes, as an authenticator app would compute them).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <string>

#include "../support/output_of.h"
#include "core/crypto.h"
#include "core/totp.h"

namespace totp = ts::totp;

namespace {
const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 Appendix B, SHA-1 seed
}

BOOST_AUTO_TEST_SUITE(totp_test)

BOOST_AUTO_TEST_CASE(rfc6238_appendix_b_sha1) {
  struct { long long time; std::string code8; } rows[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000LL, "65353130"},
  };
  for (const auto& r : rows)
    BOOST_TEST_CONTEXT("T = " << r.time) {
      const long long step = totp::step_of(r.time);
      BOOST_TEST(totp::code_at(kRfcSecret, step, 8) == r.code8);
      // 6 digits: the same truncated value modulo 10^6, i.e. its last 6 digits.
      BOOST_TEST(totp::code_at(kRfcSecret, step) == r.code8.substr(2));
      BOOST_TEST(totp::code_at(kRfcSecret, step, 7) == r.code8.substr(1));
    }
}

BOOST_AUTO_TEST_CASE(step_of_is_floor_of_time_over_period) {
  BOOST_TEST(totp::step_of(0) == 0);
  BOOST_TEST(totp::step_of(29) == 0);
  BOOST_TEST(totp::step_of(30) == 1);
  BOOST_TEST(totp::step_of(59) == 1);
  BOOST_TEST(totp::step_of(1111111109) == 0x23523EC);  // RFC 6238 table: T = 00000000023523EC
  BOOST_TEST(totp::step_of(20000000000LL) == 0x27BC86AA);
  BOOST_TEST(totp::step_of(119, 60) == 1);
  BOOST_TEST(totp::step_of(-1) == -1);
}

BOOST_AUTO_TEST_CASE(code_at_refuses_unsupported_lengths) {
  BOOST_CHECK_THROW(totp::code_at(kRfcSecret, 1, 5), std::runtime_error);
  BOOST_CHECK_THROW(totp::code_at(kRfcSecret, 1, 9), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(match_accepts_the_window_and_nothing_else) {
  const long long now = 1111111111;  // step 37037037, code 050471
  const long long step = totp::step_of(now);
  BOOST_TEST(totp::match(kRfcSecret, "050471", now).value_or(-1) == step);
  // One step before and after now's step: accepted, and the step returned is theirs.
  const std::string before = totp::code_at(kRfcSecret, step - 1), after = totp::code_at(kRfcSecret, step + 1);
  BOOST_TEST(totp::match(kRfcSecret, before, now).value_or(-1) == step - 1);
  BOOST_TEST(totp::match(kRfcSecret, after, now).value_or(-1) == step + 1);
  // Two steps away: refused with the default window, accepted with window 2.
  const std::string two_before = totp::code_at(kRfcSecret, step - 2), two_after = totp::code_at(kRfcSecret, step + 2);
  BOOST_TEST(!totp::match(kRfcSecret, two_before, now).has_value());
  BOOST_TEST(!totp::match(kRfcSecret, two_after, now).has_value());
  BOOST_TEST(totp::match(kRfcSecret, two_before, now, 2).value_or(-1) == step - 2);
  // Window 0: now's step only.
  BOOST_TEST(!totp::match(kRfcSecret, before, now, 0).has_value());
  BOOST_TEST(totp::match(kRfcSecret, "050471", now, 0).value_or(-1) == step);
  // Another secret's code, and what is not 6 digits.
  BOOST_TEST(!totp::match("another secret", "050471", now).has_value());
  for (const std::string bad : {"", "05047", "0504711", "05047a", " 050471", "050 471", "14050471"})
    BOOST_TEST_CONTEXT("code '" << bad << "'") { BOOST_TEST(!totp::match(kRfcSecret, bad, now).has_value()); }
}

BOOST_AUTO_TEST_CASE(base32_rfc4648_vectors) {
  struct { std::string in, out; } rows[] = {
      {"", ""},         {"f", "MY"},           {"fo", "MZXQ"},          {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"},
  };
  for (const auto& r : rows)
    BOOST_TEST_CONTEXT("input '" << r.in << "'") {
      BOOST_TEST(totp::base32(r.in) == r.out);
      BOOST_TEST(totp::from_base32(r.out).value_or("?") == r.in);
    }
  // RFC 6238's seed as authenticator apps are given it.
  BOOST_TEST(totp::base32(kRfcSecret) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

BOOST_AUTO_TEST_CASE(base32_round_trip_and_typed_forms) {
  for (int i = 0; i < 50; ++i) {
    const std::string secret = ts::crypto::random_bytes(static_cast<size_t>(i));
    BOOST_TEST(totp::from_base32(totp::base32(secret)).value_or("?") == secret);
  }
  const std::string twenty = ts::crypto::random_bytes(20);
  const std::string b = totp::base32(twenty);
  BOOST_TEST(b.size() == 32u);  // 20 bytes = 160 bits = 32 characters, no padding
  BOOST_TEST(b.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == std::string::npos);
  // Typed back in lower case, with spaces, with padding: the same bytes.
  std::string lower;
  for (char c : b) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  BOOST_TEST(totp::from_base32(lower).value_or("?") == twenty);
  BOOST_TEST(totp::from_base32(b.substr(0, 16) + " " + b.substr(16)).value_or("?") == twenty);
  BOOST_TEST(totp::from_base32("MZXW6YQ=").value_or("?") == "foob");
  // Not base32: digits 0, 1, 8, 9 and punctuation.
  for (const std::string bad : {"MZXW6YQ1", "MZXW0YQ", "MZ8W", "MZ-W6", "MY!"})
    BOOST_TEST_CONTEXT("text '" << bad << "'") { BOOST_TEST(!totp::from_base32(bad).has_value()); }
}

BOOST_AUTO_TEST_CASE(otpauth_uri_key_uri_format) {
  BOOST_TEST(totp::otpauth_uri("Téléservices", "m.dupont@ac-test.fr", "foobar") ==
             "otpauth://totp/T%C3%A9l%C3%A9services:m.dupont%40ac-test.fr?secret=MZXW6YTBOI"
             "&issuer=T%C3%A9l%C3%A9services&algorithm=SHA1&digits=6&period=30");
  // Spaces, colons, ampersands and the like never end the label or a parameter early.
  BOOST_TEST(totp::otpauth_uri("A B", "x:y&z=1?#/", "f") ==
             "otpauth://totp/A%20B:x%3Ay%26z%3D1%3F%23%2F?secret=MY&issuer=A%20B&algorithm=SHA1&digits=6&period=30");
}

BOOST_AUTO_TEST_CASE(codes_agree_with_oathtool) {
  // oathtool takes the secret in hex (or base32 with -b) and a time (--now).
  for (int i = 0; i < 5; ++i) {
    const std::string secret = ts::crypto::random_bytes(20);
    const long long now = 1700000000LL + i * 7919LL;
    int status = 0;
    const std::string out = tst::output_of("oathtool --totp=SHA1 --digits=6 --time-step-size=30s --now='@" +
                                               std::to_string(now) + "' -b " + totp::base32(secret) + " 2>&1",
                                           status);
    BOOST_TEST_REQUIRE(status == 0, "oathtool: " << out);
    BOOST_TEST(out == totp::code_at(secret, totp::step_of(now)) + "\n");
    BOOST_TEST(totp::match(secret, out.substr(0, 6), now).value_or(-1) == totp::step_of(now));
  }
}

BOOST_AUTO_TEST_SUITE_END()
