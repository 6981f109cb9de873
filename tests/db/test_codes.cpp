// lib/accounts/codes.h: mailed single-use codes (activation, new address,
// password reset): issued, found, locked, spent, expired; 3 months or a
// number of minutes; the resend counts.
#include "fixture.h"

#include "accounts/account.h"
#include "accounts/codes.h"
#include "core/crypto.h"

namespace acc = ts::accounts;
using tst::sql_long;

namespace {

// An account at pending_email, and its id.
unsigned pending_account(tst::SchoolData& s, const std::string& first = "Claire") {
  auto l = s.responsable_letter(s.responsable(first), s.pupil("Dylan"));
  tst::first_connection(s.db, l.account_id, "$argon2id$x", "claire@example.org");
  return l.account_id;
}

long validity_minutes(ts::Db& db, unsigned code_id) {
  return sql_long(db, "SELECT TIMESTAMPDIFF(MINUTE, created_at, expires_at) FROM email_token WHERE id = ?", code_id);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(mailed_codes, tst::RolledBack)

BOOST_AUTO_TEST_CASE(an_issued_code_is_found_by_its_text_and_purpose) {
  tst::SchoolData s(db);
  unsigned id = pending_account(s);
  std::string code = acc::issue_code(db, id, acc::purpose::activation, "claire@example.org", acc::kThreeMonths);
  BOOST_TEST(code.size() == 43u);  // 256 bits, base64url
  auto c = acc::find_code(db, acc::purpose::activation, code);
  BOOST_TEST(c.found());
  BOOST_TEST(c.account_id == id);
  BOOST_TEST(c.email == "claire@example.org");
  BOOST_TEST(c.account_state == "pending_email");
  BOOST_TEST(c.identifier == acc::lock_account(db, id)->identifier);
  BOOST_TEST(!c.used);
  BOOST_TEST(!c.expired);
  // Only the digest is stored.
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM email_token WHERE token_hash = ?", ts::crypto::sha256(code)) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM email_token WHERE token_hash = ?", code) == 0);
  // Another purpose, another text, nothing: not found.
  BOOST_TEST(!acc::find_code(db, acc::purpose::password_reset, code).found());
  BOOST_TEST(!acc::find_code(db, acc::purpose::activation, code.substr(1) + "A").found());
  BOOST_TEST(!acc::find_code(db, acc::purpose::activation, "").found());
}

BOOST_AUTO_TEST_CASE(validity_is_3_months_or_a_number_of_minutes) {
  tst::SchoolData s(db);
  unsigned id = pending_account(s);
  std::string three_months_text =
      acc::issue_code(db, id, acc::purpose::activation, "a@example.org", acc::kThreeMonths);
  auto three_months = acc::find_code(db, acc::purpose::activation, three_months_text);
  BOOST_TEST(sql_long(db, "SELECT expires_at = created_at + INTERVAL 3 MONTH FROM email_token WHERE id = ?",
                      three_months.id) == 1);
  auto hour = acc::find_code(db, acc::purpose::password_reset,
                             acc::issue_code(db, id, acc::purpose::password_reset, "a@example.org", acc::Validity{60}));
  BOOST_TEST(validity_minutes(db, hour.id) == 60);
  auto day = acc::find_code(db, acc::purpose::email_change,
                            acc::issue_code(db, id, acc::purpose::email_change, "b@example.org", acc::Validity{1440}));
  BOOST_TEST(validity_minutes(db, day.id) == 1440);
  BOOST_TEST(!hour.expired);
  // A code past its time is found, marked expired.
  std::string now = acc::issue_code(db, id, acc::purpose::password_reset, "a@example.org", acc::Validity{0});
  BOOST_TEST(acc::find_code(db, acc::purpose::password_reset, now).expired);
  db.exec("UPDATE email_token SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ?", three_months.id);
  auto late = acc::find_code(db, acc::purpose::activation, three_months_text);
  BOOST_TEST(late.found());
  BOOST_TEST(late.expired);
}

BOOST_AUTO_TEST_CASE(lock_code_locks_the_account_then_the_code) {
  tst::SchoolData s(db);
  unsigned id = pending_account(s);
  std::string code = acc::issue_code(db, id, acc::purpose::activation, "claire@example.org", acc::kThreeMonths);
  auto locked = acc::lock_code(db, acc::purpose::activation, code);
  BOOST_TEST(locked.code.found());
  BOOST_REQUIRE(locked.account.has_value());
  BOOST_TEST(locked.account->id == id);
  BOOST_TEST(locked.account->state == "pending_email");
  BOOST_TEST(locked.code.email == "claire@example.org");
  auto unknown = acc::lock_code(db, acc::purpose::activation, "no-such-code");
  BOOST_TEST(!unknown.code.found());
  BOOST_TEST(!unknown.account.has_value());
  BOOST_TEST(!acc::lock_code(db, acc::purpose::email_change, code).code.found());
}

BOOST_AUTO_TEST_CASE(a_spent_code_is_used_and_siblings_follow_spend_codes) {
  tst::SchoolData s(db);
  unsigned id = pending_account(s);
  std::string r1 = acc::issue_code(db, id, acc::purpose::password_reset, "c@example.org", acc::Validity{60});
  std::string r2 = acc::issue_code(db, id, acc::purpose::password_reset, "c@example.org", acc::Validity{60});
  std::string act = acc::issue_code(db, id, acc::purpose::activation, "c@example.org", acc::kThreeMonths);
  acc::spend_code(db, acc::find_code(db, acc::purpose::password_reset, r1).id);
  BOOST_TEST(acc::find_code(db, acc::purpose::password_reset, r1).used);
  BOOST_TEST(!acc::find_code(db, acc::purpose::password_reset, r2).used);
  acc::spend_codes(db, id, acc::purpose::password_reset);
  BOOST_TEST(acc::find_code(db, acc::purpose::password_reset, r2).used);
  BOOST_TEST(!acc::find_code(db, acc::purpose::activation, act).used);  // another purpose: untouched
}

BOOST_AUTO_TEST_CASE(expire_codes_ends_one_purpose_and_cancel_codes_every_one) {
  tst::SchoolData s(db);
  unsigned id = pending_account(s);
  unsigned other = pending_account(s, "Julien");
  std::string change1 = acc::issue_code(db, id, acc::purpose::email_change, "new1@example.org", acc::Validity{1440});
  std::string change2 = acc::issue_code(db, id, acc::purpose::email_change, "new2@example.org", acc::Validity{1440});
  std::string act = acc::issue_code(db, id, acc::purpose::activation, "claire@example.org", acc::kThreeMonths);
  std::string theirs = acc::issue_code(db, other, acc::purpose::email_change, "x@example.org", acc::Validity{1440});
  BOOST_TEST(acc::pending_email_change(db, id) == std::optional<std::string>("new2@example.org"));  // the latest

  acc::expire_codes(db, id, acc::purpose::email_change);
  BOOST_TEST(acc::find_code(db, acc::purpose::email_change, change1).expired);
  BOOST_TEST(acc::find_code(db, acc::purpose::email_change, change2).expired);
  BOOST_TEST(!acc::find_code(db, acc::purpose::activation, act).expired);
  BOOST_TEST(!acc::pending_email_change(db, id).has_value());
  BOOST_TEST(acc::pending_email_change(db, other).has_value());

  acc::cancel_codes(db, id);
  BOOST_TEST(acc::find_code(db, acc::purpose::activation, act).expired);
  BOOST_TEST(!acc::find_code(db, acc::purpose::email_change, theirs).expired);
  // A code issued after the change serves.
  std::string fresh = acc::issue_code(db, id, acc::purpose::activation, "claire@example.org", acc::kThreeMonths);
  BOOST_TEST(!acc::find_code(db, acc::purpose::activation, fresh).expired);
}

BOOST_AUTO_TEST_CASE(a_code_stops_serving_after_the_account_changes_that_cancel_codes) {
  tst::SchoolData s(db);
  unsigned id = pending_account(s);
  auto reset = [&] { return acc::issue_code(db, id, acc::purpose::password_reset, "c@example.org", acc::Validity{60}); };
  auto serves = [&](const std::string& code) { return !acc::find_code(db, acc::purpose::password_reset, code).expired; };
  std::string before_password = reset();
  BOOST_TEST(serves(before_password));
  acc::set_password(db, id, "$argon2id$other");  // Mon compte, or another reset
  BOOST_TEST(!serves(before_password));
  std::string before_address = reset();
  acc::confirm_address(db, id, "claire.new@example.org");  // the link went to the old address
  BOOST_TEST(!serves(before_address));
  std::string before_closing = reset();
  BOOST_TEST(serves(before_closing));
  acc::close_account(db, id);
  BOOST_TEST(!serves(before_closing));
  // lock_code sees the same rule.
  BOOST_TEST(acc::lock_code(db, acc::purpose::password_reset, before_closing).code.expired);
}

BOOST_AUTO_TEST_CASE(expiring_never_lengthens_a_code_nor_touches_a_used_one) {
  tst::SchoolData s(db);
  unsigned id = pending_account(s);
  std::string used = acc::issue_code(db, id, acc::purpose::activation, "c@example.org", acc::kThreeMonths);
  auto u = acc::find_code(db, acc::purpose::activation, used);
  acc::spend_code(db, u.id);
  std::string before = tst::sql_value(db, "SELECT expires_at FROM email_token WHERE id = ?", u.id).value();
  acc::expire_codes(db, id, acc::purpose::activation);
  BOOST_TEST(tst::sql_value(db, "SELECT expires_at FROM email_token WHERE id = ?", u.id).value() == before);
  std::string past = acc::issue_code(db, id, acc::purpose::password_reset, "c@example.org", acc::Validity{60});
  auto p = acc::find_code(db, acc::purpose::password_reset, past);
  db.exec("UPDATE email_token SET expires_at = '2020-01-01 00:00:00' WHERE id = ?", p.id);
  acc::expire_codes(db, id, acc::purpose::password_reset);
  BOOST_TEST(tst::sql_value(db, "SELECT expires_at FROM email_token WHERE id = ?", p.id).value() ==
             "2020-01-01 00:00:00");
}

BOOST_AUTO_TEST_CASE(recent_codes_counts_the_interval_and_the_day) {
  tst::SchoolData s(db);
  unsigned id = pending_account(s);
  auto issue = [&](const char* age) {
    auto c = acc::find_code(db, acc::purpose::activation,
                            acc::issue_code(db, id, acc::purpose::activation, "c@example.org", acc::kThreeMonths));
    if (*age) db.exec(age, c.id);
  };
  BOOST_TEST(acc::recent_codes(db, id, acc::purpose::activation, 120).within_interval == 0);
  BOOST_TEST(acc::recent_codes(db, id, acc::purpose::activation, 120).within_day == 0);
  issue("");  // now
  issue("UPDATE email_token SET created_at = UTC_TIMESTAMP() - INTERVAL 10 MINUTE WHERE id = ?");
  issue("UPDATE email_token SET created_at = UTC_TIMESTAMP() - INTERVAL 23 HOUR WHERE id = ?");
  issue("UPDATE email_token SET created_at = UTC_TIMESTAMP() - INTERVAL 25 HOUR WHERE id = ?");
  acc::issue_code(db, id, acc::purpose::password_reset, "c@example.org", acc::Validity{60});  // another purpose
  auto r = acc::recent_codes(db, id, acc::purpose::activation, 120);
  BOOST_TEST(r.within_interval == 1);
  BOOST_TEST(r.within_day == 3);
  BOOST_TEST(acc::recent_codes(db, id, acc::purpose::activation, 3600).within_interval == 2);
  BOOST_TEST(acc::recent_codes(db, id, acc::purpose::email_change, 3600).within_day == 0);
}

BOOST_AUTO_TEST_SUITE_END()
