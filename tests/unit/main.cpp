// The one main() of the Boost.Test unit suite; each test_*.cpp adds its suites.
#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_MODULE teleservices
#include <boost/test/unit_test.hpp>
