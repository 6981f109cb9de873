// lib/mail/outbox.h: mail is an INSERT in the transaction of the change it
// reports; the worker's queue operations (claim, lease, sent, failed, retry,
// hand back) are fenced by the attempt count. claim_due and renew_lease run
// their own transactions, so these tests commit and delete their rows.
#include "fixture.h"

#include <algorithm>
#include <set>

#include "accounts/account.h"
#include "accounts/codes.h"
#include "accounts/mails.h"
#include "mail/outbox.h"

namespace mail = ts::mail;
using tst::sql_long;

namespace {

std::string test_message_id(std::uint64_t id, const std::string& from) {
  return "<test-" + std::to_string(id) + "@" + from.substr(from.find('@') + 1) + ">";
}

struct Outbox : tst::Committed {
  std::set<unsigned long long> mine;
  ~Outbox() {
    for (auto id : mine) {
      try {
        db.exec("DELETE FROM outbox WHERE id = ?", id);
      } catch (const std::exception&) {
      }
    }
  }
  unsigned long long enqueue(const std::string& subject) {
    mail::enqueue_mail(db, {"parent." + tst::tag() + "@example.org", "Claire Martin", subject, "Bonjour,\n"});
    auto id = db.last_insert_id();
    mine.insert(id);
    return id;
  }
  // Our rows among what claim_due took (other rows, if any, go back at once).
  std::vector<mail::QueuedMail> claim(int lease = 60) {
    auto all = mail::claim_due(db, 100, lease, test_message_id, "service@example.invalid");
    std::vector<mail::QueuedMail> out;
    for (auto& m : all) {
      if (mine.count(m.id)) out.push_back(m);
      else mail::hand_back(db, m);
    }
    return out;
  }
  std::optional<mail::QueuedMail> claim_one(unsigned long long id) {
    for (auto& m : claim())
      if (m.id == id) return m;
    return std::nullopt;
  }
  long lease_left(unsigned long long id) {
    return sql_long(db, "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_attempt_at) FROM outbox WHERE id = ?", id);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(outbox, Outbox)

BOOST_AUTO_TEST_CASE(a_mail_goes_only_with_the_transaction_that_queued_it) {
  unsigned long long id;
  {
    ts::Transaction tx(db);
    id = enqueue("Annulé");
  }  // rolled back
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE id = ?", id) == 0);
  {
    ts::Transaction tx(db);
    id = enqueue("Gardé");
    tx.commit();
  }
  BOOST_TEST(tst::sql_value(db, "SELECT subject FROM outbox WHERE id = ?", id) == std::string("Gardé"));
}

BOOST_AUTO_TEST_CASE(claim_lease_and_sent) {
  auto id = enqueue("Activation");
  auto m = claim_one(id);
  BOOST_REQUIRE(m);
  BOOST_TEST(m->attempts == 1u);
  BOOST_TEST(m->message_id == "<test-" + std::to_string(id) + "@example.invalid>");
  BOOST_TEST(m->subject == "Activation");
  BOOST_TEST(m->body_text == "Bonjour,\n");
  BOOST_TEST(sql_long(db, "SELECT attempts FROM outbox WHERE id = ?", id) == 1);
  BOOST_TEST(lease_left(id) >= 58);
  // Leased: nobody claims it again meanwhile.
  BOOST_TEST(!claim_one(id).has_value());
  BOOST_TEST(mail::renew_lease(db, *m, 300));
  BOOST_TEST(lease_left(id) >= 298);
  mail::mark_sent(db, *m);
  BOOST_TEST(sql_long(db, "SELECT sent_at IS NOT NULL FROM outbox WHERE id = ?", id) == 1);
  BOOST_TEST(!mail::renew_lease(db, *m, 300));  // no longer ours to send
  db.exec("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ?", id);
  BOOST_TEST(!claim_one(id).has_value());  // a sent mail is never claimed again
}

BOOST_AUTO_TEST_CASE(hand_back_returns_the_mail_uncounted) {
  auto id = enqueue("Réinitialisation");
  auto m = claim_one(id);
  BOOST_REQUIRE(m);
  mail::hand_back(db, *m);
  BOOST_TEST(sql_long(db, "SELECT attempts FROM outbox WHERE id = ?", id) == 0);
  BOOST_TEST(lease_left(id) <= 0);
  auto again = claim_one(id);
  BOOST_REQUIRE(again);
  BOOST_TEST(again->attempts == 1u);
  BOOST_TEST(again->message_id == m->message_id);  // the Message-ID stays the same
}

BOOST_AUTO_TEST_CASE(an_older_claim_never_overwrites_a_newer_one) {
  auto id = enqueue("Fenced");
  auto first = claim_one(id);
  BOOST_REQUIRE(first);
  // The lease ran out (a stalled worker): another claim takes it.
  db.exec("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ?", id);
  auto second = claim_one(id);
  BOOST_REQUIRE(second);
  BOOST_TEST(second->attempts == 2u);
  BOOST_TEST(!mail::renew_lease(db, *first, 300));
  mail::hand_back(db, *first);
  mail::retry_later(db, *first, "stale", 5);
  mail::mark_failed(db, *first, "stale");
  BOOST_TEST(sql_long(db, "SELECT attempts FROM outbox WHERE id = ?", id) == 2);
  BOOST_TEST(sql_long(db, "SELECT failed_at IS NULL AND last_error IS NULL FROM outbox WHERE id = ?", id) == 1);
  BOOST_TEST(lease_left(id) >= 58);
  BOOST_TEST(mail::renew_lease(db, *second, 60));
}

// [mail] lease_seconds (15 by default): the claim and every renewal push the
// lease that far and no further, so a killed worker's mails wait seconds.
BOOST_AUTO_TEST_CASE(the_lease_is_as_long_as_the_worker_asks) {
  auto id = enqueue("Bail court");
  auto m = claim(15);
  BOOST_REQUIRE_EQUAL(m.size(), 1u);
  BOOST_TEST(lease_left(id) >= 13);
  BOOST_TEST(lease_left(id) <= 15);
  db.exec("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() + INTERVAL 1 SECOND WHERE id = ?", id);
  BOOST_TEST(mail::renew_lease(db, m[0], 15));
  BOOST_TEST(lease_left(id) >= 13);
  BOOST_TEST(lease_left(id) <= 15);
}

// The keeper renews the lease of a mail while it is sent: until the lease
// lapses nobody else takes it; once it lapses (the worker died), the next
// claim takes it with the same Message-ID, and the dead claim can no longer
// renew, record or hand back anything.
BOOST_AUTO_TEST_CASE(a_renewed_lease_keeps_the_mail_and_a_lapsed_one_frees_it) {
  auto id = enqueue("Renouvelé");
  auto first = claim_one(id);
  BOOST_REQUIRE(first);
  for (int pass = 0; pass < 3; ++pass) {  // the lease nearly over, then renewed
    db.exec("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() + INTERVAL 1 SECOND WHERE id = ?", id);
    BOOST_TEST(mail::renew_lease(db, *first, 15));
    BOOST_TEST(!claim_one(id).has_value());
  }
  db.exec("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ?", id);
  auto second = claim_one(id);
  BOOST_REQUIRE(second);
  BOOST_TEST(second->attempts == first->attempts + 1);
  BOOST_TEST(second->message_id == first->message_id);  // a duplicate is recognisable
  BOOST_TEST(!mail::renew_lease(db, *first, 15));
  mail::retry_later(db, *first, "dead worker", 3600);
  BOOST_TEST(lease_left(id) <= 60);  // still the second claim's lease: the dead claim rescheduled nothing
  mail::mark_sent(db, *second);
  BOOST_TEST(!mail::renew_lease(db, *second, 15));  // sent: nothing left to hold
  BOOST_TEST(!claim_one(id).has_value());
}

BOOST_AUTO_TEST_CASE(retry_later_and_mark_failed) {
  auto id = enqueue("Retry");
  auto m = claim_one(id);
  BOOST_REQUIRE(m);
  mail::retry_later(db, *m, std::string(1500, 'e'), 3600);
  BOOST_TEST(lease_left(id) >= 3598);
  BOOST_TEST(sql_long(db, "SELECT CHAR_LENGTH(last_error) FROM outbox WHERE id = ?", id) == 1000);
  db.exec("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ?", id);
  auto again = claim_one(id);
  BOOST_REQUIRE(again);
  BOOST_TEST(again->attempts == 2u);
  mail::mark_failed(db, *again, "550 no such user");
  BOOST_TEST(tst::sql_value(db, "SELECT last_error FROM outbox WHERE id = ? AND failed_at IS NOT NULL", id) ==
             std::string("550 no such user"));
  db.exec("UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ?", id);
  BOOST_TEST(!claim_one(id).has_value());  // given up
}

BOOST_AUTO_TEST_CASE(claim_due_takes_at_most_a_batch_oldest_first) {
  auto a = enqueue("A"), b = enqueue("B"), c = enqueue("C");
  // Anything else due goes first in id order; take ours with a batch of exactly what is due.
  long due = sql_long(db, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
                          " AND next_attempt_at <= UTC_TIMESTAMP() AND id < ?", a);
  auto taken = mail::claim_due(db, static_cast<int>(due) + 2, 60, test_message_id, "s@example.invalid");
  std::set<unsigned long long> got;
  for (const auto& m : taken) got.insert(m.id);
  BOOST_TEST(got.count(a) == 1u);
  BOOST_TEST(got.count(b) == 1u);
  BOOST_TEST(got.count(c) == 0u);
  for (const auto& m : taken) mail::hand_back(db, m);
}

BOOST_AUTO_TEST_SUITE_END()

// The mails of the account life cycle are outbox rows of the caller's
// transaction (rolled back here).
BOOST_FIXTURE_TEST_SUITE(account_mails, tst::RolledBack)

BOOST_AUTO_TEST_CASE(the_activation_mail_carries_the_link) {
  tst::SchoolData s(db);
  auto l = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  std::string address = "claire." + s.tag + "@example.org";
  tst::first_connection(db, l.account_id, "$argon2id$x", address);
  auto a = ts::accounts::lock_account(db, l.account_id);
  std::string code = ts::accounts::issue_code(db, a->id, ts::accounts::purpose::activation, address,
                                              ts::accounts::kThreeMonths);
  ts::accounts::queue_activation_mail(db, "https://teleservices.example", *a, address, code);
  auto body = tst::sql_value(db, "SELECT body_text FROM outbox WHERE to_address = ?", address);
  BOOST_REQUIRE(body);
  BOOST_TEST(body->find("https://teleservices.example/validerAdresseMail?code=" + code) != std::string::npos, *body);
  BOOST_TEST(tst::sql_value(db, "SELECT to_name FROM outbox WHERE to_address = ?", address) == a->display_name);
}

BOOST_AUTO_TEST_SUITE_END()
