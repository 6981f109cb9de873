// The two ways a database test runs (tests/db/).
//
// RolledBack: the test's own connection and a Transaction that is never
// committed: whatever the test writes is rolled back by the Transaction's
// destructor, so no test ever sees another's data. teardown() checks that
// nothing committed it meanwhile (a Transaction opened inside it is a
// savepoint, test_transactions.cpp; the functions that must commit by
// themselves refuse to run inside it).
//
// Committed: no surrounding transaction, for the functions that commit by
// themselves (security::record_failure, mail::claim_due, renew_lease); the
// test deletes what it created (SchoolData::erase and the like).
#pragma once
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>

#include "core/db.h"
#include "../support/boost_print.h"
#include "../support/test_data.h"

namespace tst {

struct RolledBack {
  ts::Db db{config()};
  ts::Transaction tx{db};

  void teardown() {
    // Connector/C++ setAutoCommit(false) holds until a commit() of a
    // Transaction: autocommit back at 1 means the test's work was committed.
    BOOST_TEST(plain_long(db, "SELECT @@autocommit") == 0,
               "the test's transaction was committed by the code under test");
  }
};

struct Committed {
  ts::Db db{config()};
};

}  // namespace tst
