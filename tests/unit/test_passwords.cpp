// lib/accounts/passwords.h: the rule of a new password holds by itself, even
// on a form whose field does not declare valid::password_rule (issue 12: the
// staff enrolment link accepted "court").
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "accounts/passwords.h"

namespace {

ts::valid::CommonPasswords common_list() {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/ts-common-" + std::to_string(getpid()) + ".txt";
  {
    std::ofstream(path) << "azerty123\nsoleil2024\n";
  }
  ts::valid::CommonPasswords c;
  c.load(path);
  std::remove(path.c_str());
  return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(new_password_rule)

BOOST_AUTO_TEST_CASE(the_rule_is_checked_without_the_fields_validator) {
  const auto common = common_list();
  for (const char* bad : {"court", "court1", "sansChiffre", "12345678", "beaucoupbeaucoup1234", "avec espace1"}) {
    BOOST_TEST_CONTEXT(bad) {
      auto p = ts::accounts::new_password_problems(common, bad, bad, false);
      BOOST_TEST(!p.password.empty());
      BOOST_TEST(p.confirmation.empty());
    }
  }
  BOOST_TEST(ts::accounts::new_password_problems(common, "Tilleul2024x", "Tilleul2024x", false).password.empty());
}

BOOST_AUTO_TEST_CASE(a_common_password_and_a_different_confirmation_are_told) {
  const auto common = common_list();
  BOOST_TEST(ts::accounts::new_password_problems(common, "soleil2024", "soleil2024", false).password.find("courant") !=
             std::string::npos);
  auto p = ts::accounts::new_password_problems(common, "Tilleul2024x", "Tilleul2024y", false);
  BOOST_TEST(p.password.empty());
  BOOST_TEST(!p.confirmation.empty());
  BOOST_TEST(ts::accounts::new_password_problems(common, "", "", false).password == "Choisissez un nouveau mot de passe.");
}

BOOST_AUTO_TEST_CASE(a_format_the_field_refused_is_not_told_twice) {
  const auto common = common_list();
  BOOST_TEST(ts::accounts::new_password_problems(common, "court", "court", true).password.empty());
}

BOOST_AUTO_TEST_SUITE_END()
