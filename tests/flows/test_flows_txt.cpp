// flows.txt and the route tables stay in step: every nginx location of a
// flow reaches routes of that flow's binary, and every route of a binary is
// reached through a location of its own flow (nginx's choice: an exact "="
// location, else the longest "^~" prefix). The binaries' own `--routes`
// output (lib/web/routes.cpp describe) is the table compiled in here.
#include <array>
#include <cstdio>
#include <memory>
#include <set>

#include "../support/output_of.h"
#include "client.h"

namespace {

// Paths a route serves, for the check: itself, and below a prefix route a tail.
std::vector<std::string> served_paths(const ts::web::Route& r) {
  if (!r.is_prefix) return {r.path};
  return {r.path, r.path + "bientot", r.path + "a/b"};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(flows_txt)

BOOST_AUTO_TEST_CASE(flows_txt_reads_as_expected) {
  const auto& all = flows::locations();
  BOOST_TEST(all.size() >= 20u);
  std::set<std::string> seen;
  for (const auto& l : all) {
    BOOST_TEST_CONTEXT(l.flow << " " << l.path) {
      BOOST_TEST(l.path.front() == '/');
      BOOST_TEST(seen.insert((l.exact ? "= " : "^~ ") + l.path).second, "a location listed twice");
      if (!l.exact) BOOST_TEST(l.path.back() == '/', "a prefix location ends with /");
    }
  }
}

BOOST_AUTO_TEST_CASE(every_exact_location_is_a_route_of_its_flow) {
  for (const auto& l : flows::locations()) {
    if (!l.exact) continue;
    BOOST_TEST_CONTEXT("= " << l.path << " (" << l.flow << ")") {
      const ts::web::Routes* routes = ts::web::flow_routes(l.flow);
      BOOST_REQUIRE(routes);
      bool found = false;
      for (const auto& r : *routes) found = found || (!r.is_prefix && r.path == l.path);
      BOOST_TEST(found, "no route " << l.path << " in ts-" << l.flow);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_prefix_location_covers_routes_of_its_flow) {
  for (const auto& l : flows::locations()) {
    if (l.exact) continue;
    BOOST_TEST_CONTEXT("^~ " << l.path << " (" << l.flow << ")") {
      const ts::web::Routes* routes = ts::web::flow_routes(l.flow);
      BOOST_REQUIRE(routes);
      int below = 0;
      for (const auto& r : *routes) {
        if (r.path.compare(0, l.path.size(), l.path) != 0) continue;
        // A route below the prefix whose path nginx sends elsewhere (an
        // exact location of another flow) would never be reached here.
        const flows::Location* chosen = flows::nginx_location(r.path);
        BOOST_TEST((chosen && chosen->flow == l.flow), "route " << r.path << " of ts-" << l.flow << " goes to "
                                                                  << (chosen ? chosen->flow : "no flow"));
        ++below;
      }
      BOOST_TEST(below > 0, "no route of ts-" << l.flow << " below " << l.path);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_route_is_reached_through_a_location_of_its_flow) {
  int checked = 0;
  for (const auto& flow : flows::flow_names()) {
    const ts::web::Routes* routes = ts::web::flow_routes(flow);
    BOOST_REQUIRE(routes);
    for (const auto& r : *routes) {
      for (const auto& path : served_paths(r)) {
        BOOST_TEST_CONTEXT(path << " (ts-" << flow << ")") {
          const flows::Location* l = flows::nginx_location(path);
          BOOST_TEST(l != nullptr, "no location of flows.txt reaches it");
          if (l) BOOST_TEST(l->flow == flow, "nginx sends it to ts-" << l->flow);
          // And the binary itself serves the path nginx sends it.
          BOOST_TEST(!ts::web::routes_for(*routes, path).empty());
          ++checked;
        }
      }
    }
  }
  BOOST_TEST(checked >= 25);
}

BOOST_AUTO_TEST_CASE(each_binary_prints_the_table_compiled_here) {
  for (const auto& flow : flows::flow_names()) {
    BOOST_TEST_CONTEXT("ts-" << flow) {
      std::string binary = std::string(TS_BINARY_DIR) + "/ts-" + flow;
      int status = 0;
      std::string printed = tst::output_of("'" + binary + "' --routes 2>&1", status);
      BOOST_TEST(status == 0, printed);
      const ts::web::Routes* routes = ts::web::flow_routes(flow);
      BOOST_REQUIRE(routes);
      BOOST_TEST(printed == ts::web::describe(*routes));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
