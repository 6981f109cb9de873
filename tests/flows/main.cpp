// The one main() of the in-process flow suite (flow-tests): every flow's
// route table (the ts_pages_<flow> objects the handler binaries link) called
// through ts::web::dispatch against a real MariaDB. Run it through
// tests/support/with_mariadb.sh (ctest does), which provides TS_TEST_CONF.
#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_MODULE teleservices_flows
#include <boost/test/unit_test.hpp>

#include "client.h"

namespace {
// The Context (configuration, templates, common passwords) once, up front.
struct Site {
  Site() { flows::ctx(); }
};
}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(Site);
