// lib/staff/second_factor.h against MariaDB (issue 12): the enrolment secret
// sealed under [staff] totp_key, TOTP checked with ±1 step and never twice,
// recovery codes single use, and a reset that forgets everything. Codes are
// computed with lib/core/totp.h (itself checked against RFC 6238's vectors in
// tests/unit/), at chosen times: no waiting.
#include "fixture.h"

#include "core/crypto.h"
#include "core/totp.h"
#include "staff/second_factor.h"
#include "staff/staff.h"

namespace sf = ts::staff;
using tst::sql_long;
using tst::sql_value;

namespace {

constexpr long long kNow = 1'900'000'000;  // a fixed instant: step 63 333 333

struct StaffFixture : tst::RolledBack {
  tst::SchoolData school{db};
  ts::Config cfg = tst::config();
  unsigned id = 0;
  StaffFixture() {
    sf::NewStaff s{"Anne", "Test" + school.tag, "anne." + school.tag + "@example.org", school.school,
                   sf::bit(sf::Role::direction), {}, 0};
    id = sf::create_staff(db, s).account_id;
  }
  std::string code(const std::string& secret, long long at) {
    return ts::totp::code_at(secret, ts::totp::step_of(at));
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(staff_second_factor, StaffFixture)

BOOST_AUTO_TEST_CASE(the_secret_is_stored_sealed_and_stays_the_same_until_enrolment) {
  std::string secret = sf::enrolment_secret(db, cfg, id);
  BOOST_TEST(secret.size() == 20u);
  BOOST_TEST(sf::enrolment_secret(db, cfg, id) == secret);  // a reload shows the same QR code
  auto stored = sql_value(db, "SELECT totp_sealed FROM staff WHERE account_id = ?", id);
  BOOST_REQUIRE(stored);
  BOOST_TEST(stored->find(secret) == std::string::npos);  // not in clear
  BOOST_TEST(ts::crypto::open_sealed(ts::crypto::from_hex(cfg.staff_totp_key), *stored).value_or("") == secret);
  ts::Config other = cfg;
  other.staff_totp_key = std::string(64, 'a');
  BOOST_CHECK_THROW(sf::enrolment_secret(db, other, id), std::runtime_error);  // another key opens nothing
}

BOOST_AUTO_TEST_CASE(a_right_first_code_confirms_the_enrolment) {
  std::string secret = sf::enrolment_secret(db, cfg, id);
  BOOST_TEST(!sf::enrolled(db, id));
  BOOST_TEST((sf::check_code(db, cfg, id, "000000" == code(secret, kNow) ? "111111" : "000000", kNow, false) ==
              sf::CodeMatch::none));
  BOOST_TEST(!sf::enrolled(db, id));
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow), kNow, false) == sf::CodeMatch::totp));
  BOOST_TEST(sf::enrolled(db, id));
  BOOST_CHECK_THROW(sf::enrolment_secret(db, cfg, id), std::logic_error);
}

BOOST_AUTO_TEST_CASE(one_step_either_side_is_accepted_two_are_not) {
  std::string secret = sf::enrolment_secret(db, cfg, id);
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow - 60), kNow, false) == sf::CodeMatch::none));
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow + 60), kNow, false) == sf::CodeMatch::none));
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow - 30), kNow, false) == sf::CodeMatch::totp));
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow + 30), kNow, false) == sf::CodeMatch::totp));
}

BOOST_AUTO_TEST_CASE(a_code_once_accepted_is_refused_and_so_is_an_older_one) {
  std::string secret = sf::enrolment_secret(db, cfg, id);
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow), kNow, false) == sf::CodeMatch::totp));
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow), kNow, true) == sf::CodeMatch::none));
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow - 30), kNow, true) == sf::CodeMatch::none));
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow + 30), kNow + 30, true) == sf::CodeMatch::totp));
}

BOOST_AUTO_TEST_CASE(recovery_codes_serve_once_in_any_case_with_or_without_dashes) {
  std::string secret = sf::enrolment_secret(db, cfg, id);
  BOOST_REQUIRE((sf::check_code(db, cfg, id, code(secret, kNow), kNow, false) == sf::CodeMatch::totp));
  auto codes = sf::new_recovery_codes(db, cfg, id);
  BOOST_TEST(codes.size() == 10u);
  BOOST_TEST(sf::recovery_codes_left(db, id) == 10);
  BOOST_TEST(codes[0].size() == 12u);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM staff_recovery_code WHERE account_id = ? AND code_hash = ?", id,
                      codes[0]) == 0);  // digests only
  // Not accepted where recovery codes are not (enrolment).
  BOOST_TEST((sf::check_code(db, cfg, id, codes[0], kNow, false) == sf::CodeMatch::none));
  std::string upper = codes[0];
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  BOOST_TEST((sf::check_code(db, cfg, id, upper, kNow, true) == sf::CodeMatch::recovery));
  BOOST_TEST((sf::check_code(db, cfg, id, codes[0], kNow, true) == sf::CodeMatch::none));
  std::string bare;
  for (char ch : codes[1])
    if (ch != '-') bare += ch;
  BOOST_TEST((sf::check_code(db, cfg, id, bare, kNow, true) == sf::CodeMatch::recovery));
  BOOST_TEST(sf::recovery_codes_left(db, id) == 8);
  // New codes: the old ones stop serving.
  auto fresh = sf::new_recovery_codes(db, cfg, id);
  BOOST_TEST((sf::check_code(db, cfg, id, codes[2], kNow, true) == sf::CodeMatch::none));
  BOOST_TEST((sf::check_code(db, cfg, id, fresh[0], kNow, true) == sf::CodeMatch::recovery));
}

BOOST_AUTO_TEST_CASE(a_reset_forgets_the_secret_and_the_recovery_codes) {
  std::string secret = sf::enrolment_secret(db, cfg, id);
  BOOST_REQUIRE((sf::check_code(db, cfg, id, code(secret, kNow), kNow, false) == sf::CodeMatch::totp));
  auto codes = sf::new_recovery_codes(db, cfg, id);
  BOOST_TEST(sf::reset_second_factor(db, school.school, id));
  BOOST_TEST(!sf::enrolled(db, id));
  BOOST_TEST(sf::recovery_codes_left(db, id) == 0);
  BOOST_TEST(!sf::current_code(db, cfg, id, kNow).has_value());
  std::string again = sf::enrolment_secret(db, cfg, id);
  BOOST_TEST(again != secret);
  BOOST_TEST((sf::check_code(db, cfg, id, code(secret, kNow + 90), kNow + 90, false) == sf::CodeMatch::none));
}

BOOST_AUTO_TEST_CASE(another_schools_scope_resets_nothing) {
  std::string secret = sf::enrolment_secret(db, cfg, id);
  BOOST_REQUIRE((sf::check_code(db, cfg, id, code(secret, kNow), kNow, false) == sf::CodeMatch::totp));
  tst::SchoolData other{db};
  BOOST_TEST(!sf::reset_second_factor(db, other.school, id));
  BOOST_TEST(sf::enrolled(db, id));
}

BOOST_AUTO_TEST_SUITE_END()
