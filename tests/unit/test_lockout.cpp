// lib/security/lockout.h: the lock arithmetic (base delay, doubling, one-day cap).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "security/lockout.h"

BOOST_AUTO_TEST_SUITE(lockout)

BOOST_AUTO_TEST_CASE(lock_doubles_from_the_base) {
  BOOST_TEST(ts::security::lock_duration_seconds(900, 0) == 900);   // 15 minutes
  BOOST_TEST(ts::security::lock_duration_seconds(900, 1) == 1800);  // 30 minutes
  BOOST_TEST(ts::security::lock_duration_seconds(900, 2) == 3600);
  BOOST_TEST(ts::security::lock_duration_seconds(2, 3) == 16);
}

BOOST_AUTO_TEST_CASE(lock_is_capped_at_a_day) {
  BOOST_TEST(ts::security::lock_duration_seconds(900, 7) == 86400);  // 900 · 128 would be 32 hours
  BOOST_TEST(ts::security::lock_duration_seconds(900, 1000) == 86400);  // no overflow however many locks
  BOOST_TEST(ts::security::lock_duration_seconds(100000, 0) == 86400);
}

BOOST_AUTO_TEST_SUITE_END()
