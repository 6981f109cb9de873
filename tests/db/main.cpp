// The one main() of the database suite (db-tests): the domain modules of lib/
// against a real MariaDB. Run it through tests/support/with_mariadb.sh (ctest
// does), which provides the database and TS_TEST_CONF.
#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_MODULE teleservices_db
#include <boost/test/unit_test.hpp>

#include "../support/test_data.h"
#include "web/render.h"

namespace {
// Mail bodies are templates (lib/mail/outbox.h mail_body): load them once.
struct Templates {
  Templates() { ts::web::init_templates(tst::config()); }
};
}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(Templates);
