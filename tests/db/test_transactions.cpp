// lib/core/db.h Transaction: opened inside another on the same Db it is a
// savepoint, so an inner commit never commits the caller's work and an inner
// rollback undoes only its own; the rules that must commit by themselves
// refuse to run inside a transaction.
#include "fixture.h"

#include <stdexcept>

#include "core/crypto.h"
#include "mail/outbox.h"
#include "mail/mime.h"
#include "security/lockout.h"

using tst::sql_long;

namespace {
// rate_event.subject holds a SHA-256 digest (BINARY(32)).
void insert(ts::Db& db, const std::string& subject) {
  db.exec("INSERT INTO rate_event (kind, subject, at) VALUES ('tx_test', ?, UTC_TIMESTAMP())",
          ts::crypto::sha256(subject));
}
long count(ts::Db& db, const std::string& subject) {
  return sql_long(db, "SELECT COUNT(*) FROM rate_event WHERE kind = 'tx_test' AND subject = ?",
                  ts::crypto::sha256(subject));
}
}  // namespace

BOOST_FIXTURE_TEST_SUITE(transactions, tst::RolledBack)

BOOST_AUTO_TEST_CASE(an_inner_rollback_undoes_only_its_own_work) {
  const std::string outer = "outer-" + tst::tag(), inner = "inner-" + tst::tag();
  insert(db, outer);
  {
    ts::Transaction nested(db);
    insert(db, inner);
    BOOST_TEST(count(db, inner) == 1);
  }  // not committed
  BOOST_TEST(count(db, inner) == 0);
  BOOST_TEST(count(db, outer) == 1);
  BOOST_TEST(db.in_transaction());
}

BOOST_AUTO_TEST_CASE(an_inner_commit_leaves_the_outer_transaction_open) {
  const std::string inner = "inner-" + tst::tag();
  {
    ts::Transaction nested(db);
    insert(db, inner);
    nested.commit();
  }
  BOOST_TEST(count(db, inner) == 1);
  BOOST_TEST(sql_long(db, "SELECT @@autocommit") == 0);  // the fixture's transaction still holds it (teardown checks too)
}

BOOST_AUTO_TEST_CASE(self_committing_rules_refuse_to_run_inside_a_transaction) {
  ts::Config cfg = tst::config();
  BOOST_CHECK_THROW(ts::security::record_failure(db, cfg, "192.0.2.1", {0, "", "login_failure", "test"}),
                    std::logic_error);
  BOOST_CHECK_THROW(ts::mail::claim_due(db, 1, 300, ts::mail::new_message_id, "a@example.org"), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(transactions_outside, tst::Committed)

BOOST_AUTO_TEST_CASE(the_outer_transaction_rolls_back_what_an_inner_one_committed) {
  const std::string inner = "inner-" + tst::tag();
  {
    ts::Transaction outer(db);
    ts::Transaction nested(db);
    insert(db, inner);
    nested.commit();
  }  // the outer one is not committed
  BOOST_TEST(count(db, inner) == 0);
  BOOST_TEST(!db.in_transaction());
  BOOST_TEST(sql_long(db, "SELECT @@autocommit") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
