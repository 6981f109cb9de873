// lib/security: rate limits kept in the database (ratelimit.h) and the
// account lockout (lockout.h) against MariaDB. record_failure commits its own
// transaction ("it must stay counted whatever the request does next"), so
// the lockout tests run without a surrounding transaction and delete what
// they created.
#include "fixture.h"

#include "accounts/account.h"
#include "core/crypto.h"
#include "core/text.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "security/ratelimit.h"

namespace sec = ts::security;
using tst::sql_long;

namespace {

// A client address no other test uses (rate_event is shared by every test).
std::string new_client() { return "198.51.100." + tst::tag(); }
std::string new_address(const std::string& local = "claire") { return local + "." + tst::tag() + "@example.org"; }

ts::Config limits(int per_hour) {
  ts::Config c = tst::config();
  c.mail_per_account_per_hour = per_hour;
  c.mail_per_address_per_hour = per_hour;
  c.login_ip_max_failures = per_hour;
  c.login_ip_window_minutes = 15;
  return c;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(rate_limits, tst::RolledBack)

BOOST_AUTO_TEST_CASE(a_limit_allows_max_events_within_its_window) {
  sec::RateLimit limit{"test_kind", 3, 600};
  std::string subject = new_client(), other = new_client();
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(sec::rate_allowed(db, limit, subject));
    sec::rate_record(db, limit, subject);
  }
  BOOST_TEST(sec::rate_count(db, limit, subject) == 3);
  BOOST_TEST(!sec::rate_allowed(db, limit, subject));
  BOOST_TEST(sec::rate_allowed(db, limit, other));                           // per subject
  BOOST_TEST(sec::rate_allowed(db, sec::RateLimit{"other_kind", 3, 600}, subject));  // per kind
  // Subjects are stored as digests.
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM rate_event WHERE subject = ?", ts::crypto::sha256(subject)) == 3);
  // An event older than the window no longer counts.
  db.exec("UPDATE rate_event SET at = UTC_TIMESTAMP() - INTERVAL 601 SECOND WHERE subject = ? ORDER BY id LIMIT 1",
          ts::crypto::sha256(subject));
  BOOST_TEST(sec::rate_count(db, limit, subject) == 2);
  BOOST_TEST(sec::rate_allowed(db, limit, subject));
}

BOOST_AUTO_TEST_CASE(the_mail_to_address_limit_ignores_case) {
  ts::Config cfg = limits(2);
  std::string lower = new_address(), upper = lower;
  upper[0] = 'C';
  for (auto& ch : upper)
    if (ch == 'e') ch = 'E';  // "Claire.xxx@ExAmplE.org"
  sec::record_mail_to_address(db, cfg, upper);
  BOOST_TEST(sec::mail_allowed_to_address(db, cfg, lower));
  sec::record_mail_to_address(db, cfg, lower);
  BOOST_TEST(!sec::mail_allowed_to_address(db, cfg, lower));
  BOOST_TEST(!sec::mail_allowed_to_address(db, cfg, upper));
  BOOST_TEST(sec::mail_allowed_to_address(db, cfg, new_address()));
  // The very case of the brief: "Claire@X.fr" and "claire@x.fr" are one address.
  std::string x = tst::tag();
  sec::record_mail_to_address(db, cfg, "Claire@" + x + ".fr");
  sec::record_mail_to_address(db, cfg, "claire@" + ts::ascii_upper(x) + ".FR");
  BOOST_TEST(!sec::mail_allowed_to_address(db, cfg, "claire@" + x + ".fr"));
}

BOOST_AUTO_TEST_CASE(the_mail_per_account_limit) {
  ts::Config cfg = limits(2);
  tst::SchoolData s(db);
  auto a = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  auto b = s.responsable_letter(s.responsable("Julien"), s.pupils[0]);
  sec::record_mail_for_account(db, cfg, a.account_id);
  BOOST_TEST(sec::mail_allowed_for_account(db, cfg, a.account_id));
  sec::record_mail_for_account(db, cfg, a.account_id);
  BOOST_TEST(!sec::mail_allowed_for_account(db, cfg, a.account_id));
  BOOST_TEST(sec::mail_allowed_for_account(db, cfg, b.account_id));
  // The hour passes.
  db.exec("UPDATE rate_event SET at = UTC_TIMESTAMP() - INTERVAL 3601 SECOND WHERE kind = 'mail_account' AND subject = ?",
          ts::crypto::sha256(std::to_string(a.account_id)));
  BOOST_TEST(sec::mail_allowed_for_account(db, cfg, a.account_id));
}

BOOST_AUTO_TEST_CASE(a_client_is_blocked_after_too_many_failed_logins) {
  ts::Config cfg = limits(3);
  std::string client = new_client();
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(!sec::client_blocked(db, cfg, client));
    sec::rate_record(db, sec::failed_logins_per_client(cfg), client);
  }
  BOOST_TEST(sec::client_blocked(db, cfg, client));
  BOOST_TEST(!sec::client_blocked(db, cfg, new_client()));
  // The window is login_ip_window_minutes.
  BOOST_TEST(sec::failed_logins_per_client(cfg).window_seconds == 15 * 60);
  db.exec("UPDATE rate_event SET at = UTC_TIMESTAMP() - INTERVAL 16 MINUTE WHERE subject = ?", ts::crypto::sha256(client));
  BOOST_TEST(!sec::client_blocked(db, cfg, client));
}

BOOST_AUTO_TEST_CASE(rate_purge_deletes_events_older_than_a_day) {
  sec::RateLimit limit{"test_purge", 10, 86400 * 2};
  std::string subject = new_client();
  sec::rate_record(db, limit, subject);
  sec::rate_record(db, limit, subject);
  db.exec("UPDATE rate_event SET at = UTC_TIMESTAMP() - INTERVAL 25 HOUR WHERE subject = ? ORDER BY id LIMIT 1",
          ts::crypto::sha256(subject));
  BOOST_TEST(sec::rate_purge(db) >= 1);
  BOOST_TEST(sec::rate_count(db, limit, subject) == 1);
}

BOOST_AUTO_TEST_CASE(audit_rows_are_cut_to_their_columns) {
  sec::audit(db, 0, std::string(60, 'i'), "test_event", std::string(1500, 'd'), std::string(60, '1'));
  unsigned id = static_cast<unsigned>(db.last_insert_id());
  BOOST_TEST(sql_long(db, "SELECT CHAR_LENGTH(identifier) FROM audit_log WHERE id = ?", id) == 40);
  BOOST_TEST(sql_long(db, "SELECT CHAR_LENGTH(detail) FROM audit_log WHERE id = ?", id) == 1000);
  BOOST_TEST(sql_long(db, "SELECT account_id IS NULL FROM audit_log WHERE id = ?", id) == 1);
  BOOST_TEST(sec::audit_digest("secret", "claire@example.org").size() == 32u);
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------- lockout

namespace {

// An account (committed) and a client address; both deleted at the end.
struct Lockout : tst::Committed {
  ts::Config cfg = limits(100);
  std::string client = new_client();
  tst::SchoolData s = [this] {
    ts::Transaction tx(db);
    tst::SchoolData data(db);
    data.responsable_letter(data.responsable("Claire"), data.pupil("Dylan"));
    tx.commit();
    return data;
  }();
  unsigned account = s.accounts.at(0);

  Lockout() {
    cfg.max_failed_logins = 3;
    cfg.lock_seconds = 60;
  }
  ~Lockout() {
    try {
      db.exec("DELETE FROM rate_event WHERE subject = ?", ts::crypto::sha256(client));
      db.exec("DELETE FROM audit_log WHERE remote_addr = ?", client);
      s.erase();
    } catch (const std::exception& e) {
      BOOST_TEST_MESSAGE("clean-up failed: " << e.what());
    }
  }
  bool fail(sec::Proof proof = sec::Proof::password) {
    return sec::record_failure(db, cfg, client, {account, "", "login_failure", "mauvais mot de passe", proof});
  }
  long column(const char* sql) { return sql_long(db, sql, account); }
  // Seconds between now and the end of the lock (the database's clock).
  long lock_left() {
    auto until = sec::locked_until(db, account);
    BOOST_REQUIRE(until);
    return *until - tst::plain_long(db, "SELECT UNIX_TIMESTAMP()");
  }
  void lock_ends() { db.exec("UPDATE account SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ?", account); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(lockout_against_the_database, Lockout)

BOOST_AUTO_TEST_CASE(the_nth_failure_locks_for_lock_seconds) {
  BOOST_TEST(!sec::locked_until(db, account).has_value());
  BOOST_TEST(!fail());
  BOOST_TEST(!fail());
  BOOST_TEST(column("SELECT failed_logins FROM account WHERE id = ?") == 2);
  BOOST_TEST(!sec::locked_until(db, account).has_value());
  BOOST_TEST(fail());  // the 3rd
  BOOST_TEST(column("SELECT failed_logins FROM account WHERE id = ?") == 0);
  BOOST_TEST(column("SELECT lock_count FROM account WHERE id = ?") == 1);
  long left = lock_left();
  BOOST_TEST(left >= 58);
  BOOST_TEST(left <= 60);
  // Audited: three failures and the lock.
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'login_failure'", account) == 3);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'lock'", account) == 1);
  // Every failure counted for the client too.
  BOOST_TEST(sec::rate_count(db, sec::failed_logins_per_client(cfg), client) == 3);
}

BOOST_AUTO_TEST_CASE(each_new_lock_lasts_twice_as_long) {
  for (int i = 0; i < 3; ++i) fail();
  lock_ends();
  BOOST_TEST(!sec::locked_until(db, account).has_value());
  BOOST_TEST(!fail());
  BOOST_TEST(!fail());
  BOOST_TEST(fail());
  BOOST_TEST(column("SELECT lock_count FROM account WHERE id = ?") == 2);
  long left = lock_left();
  BOOST_TEST(left >= 118);
  BOOST_TEST(left <= 120);
}

// Issue 11, fault 1: a letter holder signed in with the letter password
// (a success) between rounds of wrong dates of birth, and the count started
// again each time. Each proof now keeps its own count; the lock counts them all.
BOOST_AUTO_TEST_CASE(the_lock_counts_every_proof_whatever_the_mix) {
  BOOST_TEST(!fail(sec::Proof::birth_date));
  BOOST_TEST(!fail(sec::Proof::password));
  BOOST_TEST(column("SELECT failed_logins FROM account WHERE id = ?") == 1);
  BOOST_TEST(column("SELECT failed_birth_dates FROM account WHERE id = ?") == 1);
  BOOST_TEST(fail(sec::Proof::birth_date));  // the 3rd, whatever its kind
  BOOST_TEST(lock_left() >= 58);
  BOOST_TEST(column("SELECT failed_logins + failed_birth_dates FROM account WHERE id = ?") == 0);
  BOOST_TEST(tst::sql_value(db, "SELECT lock_reason FROM account WHERE id = ?", account) == "other");
}

BOOST_AUTO_TEST_CASE(a_success_clears_its_own_proof_count_only) {
  fail(sec::Proof::birth_date);
  fail(sec::Proof::birth_date);
  sec::record_success(db, account, {sec::Proof::password});  // the letter password, right
  BOOST_TEST(column("SELECT failed_birth_dates FROM account WHERE id = ?") == 2);
  BOOST_TEST(fail(sec::Proof::birth_date));  // so the next wrong date locks
  lock_ends();
  fail(sec::Proof::password);
  fail(sec::Proof::password);
  sec::record_success(db, account, {sec::Proof::birth_date});
  BOOST_TEST(column("SELECT failed_logins FROM account WHERE id = ?") == 2);
  sec::record_success(db, account, {sec::Proof::password});
  BOOST_TEST(column("SELECT failed_logins FROM account WHERE id = ?") == 0);
}

BOOST_AUTO_TEST_CASE(first_connection_done_clears_both_counts) {
  fail(sec::Proof::birth_date);
  fail(sec::Proof::password);
  sec::record_success(db, account, {sec::Proof::password, sec::Proof::birth_date});
  BOOST_TEST(column("SELECT failed_logins + failed_birth_dates FROM account WHERE id = ?") == 0);
}

BOOST_AUTO_TEST_CASE(a_success_keeps_a_lock_in_force_and_the_doubling) {
  for (int i = 0; i < 3; ++i) fail();
  sec::record_success(db, account, {sec::Proof::password, sec::Proof::birth_date});
  BOOST_TEST(sec::locked_until(db, account).has_value());
  lock_ends();
  for (int i = 0; i < 3; ++i) fail(sec::Proof::birth_date);
  BOOST_TEST(column("SELECT lock_count FROM account WHERE id = ?") == 2);
  BOOST_TEST(lock_left() >= 118);  // twice as long: no success shortens it
}

BOOST_AUTO_TEST_CASE(the_doubling_starts_again_a_day_after_the_last_lock) {
  for (int i = 0; i < 3; ++i) fail();
  lock_ends();
  for (int i = 0; i < 3; ++i) fail();
  BOOST_TEST(column("SELECT lock_count FROM account WHERE id = ?") == 2);
  db.exec("UPDATE account SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 DAY - INTERVAL 1 SECOND WHERE id = ?",
          account);
  for (int i = 0; i < 3; ++i) fail();
  BOOST_TEST(column("SELECT lock_count FROM account WHERE id = ?") == 1);
  BOOST_TEST(lock_left() <= 60);
}

BOOST_AUTO_TEST_CASE(a_password_reset_lifts_a_lock_of_wrong_passwords_only) {
  for (int i = 0; i < 3; ++i) fail(sec::Proof::password);
  BOOST_TEST(tst::sql_value(db, "SELECT lock_reason FROM account WHERE id = ?", account) == "password");
  fail(sec::Proof::password);  // while locked, failures still count
  BOOST_TEST(column("SELECT failed_logins FROM account WHERE id = ?") == 1);
  sec::record_password_reset(db, account);
  BOOST_TEST(!sec::locked_until(db, account).has_value());
  BOOST_TEST(column("SELECT failed_logins FROM account WHERE id = ?") == 0);
  BOOST_TEST(column("SELECT lock_count FROM account WHERE id = ?") == 1);  // the doubling goes on

  // Wrong dates of birth among the failures: the reset does not lift that lock.
  fail(sec::Proof::birth_date);
  fail(sec::Proof::password);
  BOOST_TEST(fail(sec::Proof::password));
  BOOST_TEST(tst::sql_value(db, "SELECT lock_reason FROM account WHERE id = ?", account) == "other");
  sec::record_password_reset(db, account);
  BOOST_TEST(sec::locked_until(db, account).has_value());
  // Nor a later lock of wrong passwords only that comes while it is in force.
  for (int i = 0; i < 3; ++i) fail(sec::Proof::password);
  BOOST_TEST(tst::sql_value(db, "SELECT lock_reason FROM account WHERE id = ?", account) == "other");
  sec::record_password_reset(db, account);
  BOOST_TEST(sec::locked_until(db, account).has_value());
}

BOOST_AUTO_TEST_CASE(a_failure_stays_counted_whatever_the_request_does_next) {
  fail();
  {
    fail();
    ts::Transaction later(db);
    db.exec("UPDATE account SET display_name = 'changed' WHERE id = ?", account);
  }  // rolled back
  BOOST_TEST(column("SELECT failed_logins FROM account WHERE id = ?") == 2);
  BOOST_TEST(tst::plain_long(db, "SELECT @@autocommit") == 1);  // and no transaction left open
  BOOST_TEST(tst::sql_value(db, "SELECT display_name FROM account WHERE id = ?", account) == "Claire " + s.family);
}

BOOST_AUTO_TEST_CASE(an_unknown_identifier_counts_for_the_client_only) {
  cfg.login_ip_max_failures = 2;
  BOOST_TEST(!sec::record_failure(db, cfg, client, {0, "nobody", "login_failure", "identifiant inconnu"}));
  BOOST_TEST(!sec::client_blocked(db, cfg, client));
  BOOST_TEST(!sec::record_failure(db, cfg, client, {0, "nobody", "login_failure", "identifiant inconnu"}));
  BOOST_TEST(sec::client_blocked(db, cfg, client));
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE remote_addr = ? AND account_id IS NULL AND"
                          " identifier = 'nobody'", client) == 2);
  BOOST_TEST(column("SELECT failed_logins FROM account WHERE id = ?") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
