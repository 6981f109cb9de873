// lib/staff/permissions.h: the one role -> permission table, checked against
// docs/STAFF.md "Roles and permissions" written out here permission by
// permission (a change to the table must change this test too), and the
// role names and labels the pages and the session query use.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <string>

#include "staff/permissions.h"

using ts::staff::allows;
using ts::staff::bit;
using ts::staff::Permission;
using ts::staff::Role;
using P = Permission;

namespace {

// docs/STAFF.md, one line per role.
const std::map<Role, std::set<Permission>>& documented() {
  static const std::map<Role, std::set<Permission>> table = {
      {Role::direction,
       {P::personnels, P::delegation, P::journal, P::suivi, P::statistiques, P::assistance, P::import, P::courriers,
        P::vie_scolaire, P::notes, P::renouvellement}},
      {Role::secretariat, {P::import, P::courriers, P::suivi, P::assistance}},
      {Role::vie_scolaire, {P::vie_scolaire, P::assistance}},
      {Role::enseignant, {P::notes}},
      {Role::academie, {P::suivi, P::statistiques, P::journal, P::renouvellement}},
      {Role::assistance, {P::assistance}},
  };
  return table;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(permissions)

BOOST_AUTO_TEST_CASE(every_role_allows_exactly_what_the_documentation_says) {
  const auto all = ts::staff::all_permissions();
  BOOST_TEST(all.size() == 11u);
  BOOST_TEST(documented().size() == std::size(ts::staff::kAllRoles));
  for (Role r : ts::staff::kAllRoles) {
    const auto& expected = documented().at(r);
    for (Permission p : all)
      BOOST_TEST_CONTEXT(ts::staff::role_name(r) << " / " << ts::staff::permission_name(p)) {
        BOOST_TEST(allows(bit(r), p) == (expected.count(p) == 1));
      }
  }
}

BOOST_AUTO_TEST_CASE(the_delegation_gives_assistance_and_nothing_else) {
  for (Permission p : ts::staff::all_permissions())
    BOOST_TEST_CONTEXT(ts::staff::permission_name(p)) {
      BOOST_TEST(allows(bit(Role::assistance), p) == (p == P::assistance));
      // An enseignant with the delegation gains assistance only.
      BOOST_TEST(allows(bit(Role::enseignant) | bit(Role::assistance), p) == (p == P::assistance || p == P::notes));
    }
}

BOOST_AUTO_TEST_CASE(several_roles_allow_the_union_and_no_role_allows_nothing) {
  const ts::staff::Roles both = bit(Role::secretariat) | bit(Role::enseignant);
  for (Permission p : ts::staff::all_permissions())
    BOOST_TEST_CONTEXT(ts::staff::permission_name(p)) {
      BOOST_TEST(allows(both, p) == (allows(bit(Role::secretariat), p) || allows(bit(Role::enseignant), p)));
      BOOST_TEST(!allows(0, p));
    }
  // Only direction manages staff and delegation; the académie never does.
  for (Role r : ts::staff::kAllRoles) {
    BOOST_TEST(allows(bit(r), P::personnels) == (r == Role::direction));
    BOOST_TEST(allows(bit(r), P::delegation) == (r == Role::direction));
  }
}

BOOST_AUTO_TEST_CASE(roles_read_back_from_their_names) {
  BOOST_TEST(ts::staff::roles_from("direction,enseignant") == (bit(Role::direction) | bit(Role::enseignant)));
  BOOST_TEST(ts::staff::roles_from("") == 0u);
  BOOST_TEST(ts::staff::roles_from("inconnu,assistance") == bit(Role::assistance));
  for (Role r : ts::staff::kAllRoles) {
    Role back{};
    BOOST_TEST(ts::staff::role_from_name(ts::staff::role_name(r), back));
    BOOST_TEST(static_cast<unsigned>(back) == static_cast<unsigned>(r));
  }
  Role ignored{};
  BOOST_TEST(!ts::staff::role_from_name("Direction", ignored));
  BOOST_TEST(ts::staff::roles_label(bit(Role::vie_scolaire) | bit(Role::direction)) == "Direction, Vie scolaire");
}

BOOST_AUTO_TEST_SUITE_END()
