// lib/accounts/sessions.h: sign-in sessions (digest of the cookie in the
// table, idle and absolute timeouts, stages) and the account they load.
#include "fixture.h"

#include "accounts/account.h"
#include "accounts/sessions.h"
#include "core/crypto.h"

namespace acc = ts::accounts;
using tst::sql_long;

namespace {

struct SessionFixture : tst::RolledBack {
  tst::SchoolData s{db};
  unsigned account = 0, other = 0;
  SessionFixture() {
    unsigned dylan = s.pupil("Dylan");
    account = s.responsable_letter(s.responsable("Claire"), dylan).account_id;
    other = s.responsable_letter(s.responsable("Julien"), dylan).account_id;
    tst::activate(db, account, "claire@example.org");
  }
  long sessions_of(unsigned id) { return sql_long(db, "SELECT COUNT(*) FROM session WHERE account_id = ?", id); }
  void age(const std::string& cookie, const char* sql) { db.exec(sql, ts::crypto::sha256(cookie)); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sessions, SessionFixture)

BOOST_AUTO_TEST_CASE(a_started_session_loads_with_its_account) {
  std::string cookie = acc::start_session(db, "", account, acc::stage::full, 8);
  BOOST_TEST(cookie.size() == 43u);
  auto loaded = acc::load_session(db, cookie, 30, 15);
  BOOST_REQUIRE(loaded);
  BOOST_TEST(loaded->stage == "full");
  BOOST_TEST(loaded->id_hash == ts::crypto::sha256(cookie));
  BOOST_TEST(loaded->account.id == account);
  BOOST_TEST(loaded->account.state == "active");
  BOOST_TEST(loaded->account.email == "claire@example.org");
  BOOST_TEST(loaded->account.is_responsable());
  // Absolute expiry: 8 hours after the start.
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(MINUTE, created_at, expires_at) FROM session WHERE id_hash = ?",
                      ts::crypto::sha256(cookie)) == 480);
  // Unknown or malformed cookies load nothing.
  BOOST_TEST(!acc::load_session(db, ts::crypto::new_token(256), 30, 15).has_value());
  BOOST_TEST(!acc::load_session(db, cookie.substr(1), 30, 15).has_value());
  BOOST_TEST(!acc::load_session(db, "", 30, 15).has_value());
  // The cookie itself is not stored.
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM session WHERE id_hash = ?", cookie) == 0);
}

BOOST_AUTO_TEST_CASE(starting_a_session_ends_the_one_the_browser_had) {
  std::string before = acc::start_session(db, "", other, acc::stage::first_connection, 8);
  std::string after = acc::start_session(db, before, account, acc::stage::full, 8);
  BOOST_TEST(after != before);
  BOOST_TEST(!acc::load_session(db, before, 30, 15).has_value());
  BOOST_TEST(acc::load_session(db, after, 30, 15)->account.id == account);
  BOOST_TEST(sessions_of(other) == 0);
}

BOOST_AUTO_TEST_CASE(the_same_accounts_previous_session_lives_two_minutes_at_the_new_stage) {
  // A first connection posted twice: the second copy still carries the
  // letter-stage cookie, and must reach the outcome, not the login page.
  std::string before = acc::start_session(db, "", account, acc::stage::first_connection, 8);
  std::string after = acc::start_session(db, before, account, acc::stage::pending, 8);
  auto old = acc::load_session(db, before, 30, 15);
  BOOST_REQUIRE(old.has_value());
  BOOST_TEST(old->stage == "pending");
  BOOST_TEST(sql_long(db, "SELECT expires_at <= UTC_TIMESTAMP() + INTERVAL 2 MINUTE FROM session WHERE id_hash = ?",
                      ts::crypto::sha256(before)) == 1);
  BOOST_TEST(acc::load_session(db, after, 30, 15)->stage == "pending");
  // Then it is gone.
  db.exec("UPDATE session SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id_hash = ?",
          ts::crypto::sha256(before));
  BOOST_TEST(!acc::load_session(db, before, 30, 15).has_value());
}

BOOST_AUTO_TEST_CASE(end_session_ends_that_one_only) {
  std::string a = acc::start_session(db, "", account, acc::stage::full, 8);
  std::string b = acc::start_session(db, "", account, acc::stage::full, 8);
  acc::end_session(db, a);
  BOOST_TEST(!acc::load_session(db, a, 30, 15).has_value());
  BOOST_TEST(acc::load_session(db, b, 30, 15).has_value());
  acc::end_session(db, "");  // no cookie: nothing to do
  BOOST_TEST(sessions_of(account) == 1);
}

BOOST_AUTO_TEST_CASE(end_all_and_end_other_sessions) {
  std::string a = acc::start_session(db, "", account, acc::stage::full, 8);
  std::string b = acc::start_session(db, "", account, acc::stage::full, 8);
  std::string c = acc::start_session(db, "", account, acc::stage::pending, 8);
  std::string theirs = acc::start_session(db, "", other, acc::stage::first_connection, 8);
  acc::end_other_sessions(db, account, ts::crypto::sha256(b));
  BOOST_TEST(!acc::load_session(db, a, 30, 15).has_value());
  BOOST_TEST(acc::load_session(db, b, 30, 15).has_value());
  BOOST_TEST(!acc::load_session(db, c, 30, 15).has_value());
  BOOST_TEST(acc::load_session(db, theirs, 30, 15).has_value());
  acc::end_all_sessions(db, account);
  BOOST_TEST(sessions_of(account) == 0);
  BOOST_TEST(sessions_of(other) == 1);
}

BOOST_AUTO_TEST_CASE(replace_session_gives_a_new_cookie_and_the_old_one_serves_the_twin_only) {
  std::string old_cookie = acc::start_session(db, "", account, acc::stage::pending, 8);
  age(old_cookie, "UPDATE session SET expires_at = UTC_TIMESTAMP() + INTERVAL 3 HOUR WHERE id_hash = ?");
  std::string fresh = acc::replace_session(db, ts::crypto::sha256(old_cookie));
  BOOST_TEST(fresh != old_cookie);
  auto s = acc::load_session(db, fresh, 30, 15);
  BOOST_REQUIRE(s);
  BOOST_TEST(s->stage == "pending");
  BOOST_TEST(s->account.id == account);
  BOOST_TEST(s->replaced.empty());
  // Same expiry: a new id is no new sign-in.
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), expires_at) FROM session WHERE id_hash = ?",
                      ts::crypto::sha256(fresh)) >= 178);
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), expires_at) FROM session WHERE id_hash = ?",
                      ts::crypto::sha256(fresh)) <= 180);
  // The old one: the twin of the change, for the repeat window only, never adopted.
  auto old = acc::load_session(db, old_cookie, 30, 15);
  BOOST_REQUIRE(old);
  BOOST_TEST(old->replaced == "password");
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires_at) FROM session WHERE id_hash = ?",
                      ts::crypto::sha256(old_cookie)) <= 120);
  BOOST_TEST(acc::adopt_session(db, ts::crypto::sha256(old_cookie), 8).empty());
}

BOOST_AUTO_TEST_CASE(a_session_replaced_at_a_stage_change_gives_each_copy_a_session_of_its_own) {
  std::string letter = acc::start_session(db, "", account, acc::stage::first_connection, 8);
  std::string pending = acc::start_session(db, letter, account, acc::stage::pending, 8);
  auto twin = acc::load_session(db, letter, 30, 15);
  BOOST_REQUIRE(twin);
  BOOST_TEST(twin->replaced == "stage");
  BOOST_TEST(twin->stage == "pending");
  std::string adopted = acc::adopt_session(db, twin->id_hash, 8);
  BOOST_TEST(!adopted.empty());
  // The old id stays, replaced, for its window: a third copy gets its own session too.
  auto still = acc::load_session(db, letter, 30, 15);
  BOOST_REQUIRE(still);
  BOOST_TEST(still->replaced == "stage");
  std::string third = acc::adopt_session(db, still->id_hash, 8);
  BOOST_TEST(!third.empty());
  BOOST_TEST(third != adopted);
  BOOST_TEST(acc::load_session(db, third, 30, 15).has_value());
  auto s = acc::load_session(db, adopted, 30, 15);
  BOOST_REQUIRE(s);
  BOOST_TEST(s->replaced.empty());
  BOOST_TEST(s->stage == "pending");
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), expires_at) FROM session WHERE id_hash = ?",
                      ts::crypto::sha256(adopted)) >= 470);  // its life back
  BOOST_TEST(acc::adopt_session(db, s->id_hash, 8).empty());  // a live session is not adopted again
  BOOST_TEST(acc::load_session(db, pending, 30, 15).has_value());
}

BOOST_AUTO_TEST_CASE(open_pending_sessions_opens_pending_ones_only) {
  std::string pending = acc::start_session(db, "", account, acc::stage::pending, 8);
  std::string letter = acc::start_session(db, "", account, acc::stage::first_connection, 8);
  std::string theirs = acc::start_session(db, "", other, acc::stage::pending, 8);
  acc::open_pending_sessions(db, account);
  BOOST_TEST(acc::load_session(db, pending, 30, 15)->stage == "full");
  BOOST_TEST(acc::load_session(db, letter, 30, 15)->stage == "first_connection");
  BOOST_TEST(acc::load_session(db, theirs, 30, 15)->stage == "pending");
}

BOOST_AUTO_TEST_CASE(an_idle_session_ends) {
  std::string cookie = acc::start_session(db, "", account, acc::stage::full, 8);
  age(cookie, "UPDATE session SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 29 MINUTE WHERE id_hash = ?");
  BOOST_TEST(acc::load_session(db, cookie, 30, 15).has_value());
  // Seen again: last_seen_at was written (at most once a minute).
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP()) FROM session WHERE id_hash = ?",
                      ts::crypto::sha256(cookie)) <= 5);
  age(cookie, "UPDATE session SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 31 MINUTE WHERE id_hash = ?");
  BOOST_TEST(!acc::load_session(db, cookie, 30, 15).has_value());
  BOOST_TEST(sessions_of(account) == 0);  // and the row is gone
}

BOOST_AUTO_TEST_CASE(a_recent_session_is_not_written_on_every_request) {
  std::string cookie = acc::start_session(db, "", account, acc::stage::full, 8);
  age(cookie, "UPDATE session SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 30 SECOND WHERE id_hash = ?");
  BOOST_TEST(acc::load_session(db, cookie, 30, 15).has_value());
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(SECOND, last_seen_at, UTC_TIMESTAMP()) FROM session WHERE id_hash = ?",
                      ts::crypto::sha256(cookie)) >= 29);
}

BOOST_AUTO_TEST_CASE(a_session_past_its_absolute_expiry_ends) {
  std::string cookie = acc::start_session(db, "", account, acc::stage::full, 8);
  age(cookie, "UPDATE session SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id_hash = ?");
  BOOST_TEST(!acc::load_session(db, cookie, 30, 15).has_value());
  BOOST_TEST(sessions_of(account) == 0);
}

BOOST_AUTO_TEST_CASE(a_closed_accounts_session_is_not_loaded) {
  std::string cookie = acc::start_session(db, "", account, acc::stage::full, 8);
  // Closed without its sessions ending (the rule of close_account is tested
  // elsewhere): the session query refuses it on its own.
  db.exec("UPDATE account SET state = 'closed' WHERE id = ?", account);
  BOOST_TEST(!acc::load_session(db, cookie, 30, 15).has_value());
  BOOST_TEST(sessions_of(account) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
