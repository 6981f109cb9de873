// Staff roles and what they allow (issue 12; docs/STAFF.md). The one
// role -> permission table is kRolePermissions in permissions.cpp; the
// dispatcher (lib/web/routes.cpp) checks a staff route's .needs(Permission)
// once, before the page runs, the way cgit's cmd.c declares what each page
// needs. Scoping by establishment is not a permission: it is in every staff
// query's SQL (staff.h scope_of).
#pragma once
#include <string>
#include <vector>

namespace ts::staff {

// staff_role.role values (sql/009). `assistance` is the helpdesk delegation
// direction grants and takes back; it is never given at creation.
enum class Role : unsigned { direction, secretariat, vie_scolaire, enseignant, academie, assistance };
inline constexpr Role kAllRoles[] = {Role::direction, Role::secretariat, Role::vie_scolaire,
                                     Role::enseignant, Role::academie,    Role::assistance};

// What a staff page needs.
enum class Permission : unsigned {
  personnels,    // the school's staff: list, create, close, reset a second factor
  delegation,    // grant and take back the helpdesk rights
  journal,       // the audit log (the académie: every school's)
  suivi,         // follow-up of the families' accounts (the académie: every school, read only)
  statistiques,  // figures of the académie or of the school
  assistance,    // helpdesk: unlock, resend, regenerate a letter
  import,        // import pupils and responsables (issue 13)
  courriers,     // print notification letters (issue 13)
  vie_scolaire,  // absences, retards, punitions (issue 14)
  notes,         // marks, cahier de textes: an enseignant's own classes and subjects (issue 14)
  renouvellement,  // force a new password at the next sign-in of family accounts (issue 13 — aide)
};

// A set of roles, one bit per Role.
using Roles = unsigned;
constexpr Roles bit(Role r) { return 1u << static_cast<unsigned>(r); }
constexpr bool has(Roles roles, Role r) { return (roles & bit(r)) != 0; }

// "direction" -> Role::direction; false for an unknown name.
bool role_from_name(const std::string& name, Role& out);
const char* role_name(Role r);   // the column value: "vie_scolaire"
const char* role_label(Role r);  // French, for pages: "Vie scolaire"
// The roles of a comma-separated list as the session query reads them
// (GROUP_CONCAT: "direction,enseignant"); unknown names are ignored.
Roles roles_from(const std::string& list);
// The labels of a set, in table order ("Direction, Enseignant").
std::string roles_label(Roles roles);

// Whether one of the roles allows the permission (kRolePermissions).
bool allows(Roles roles, Permission p);
const char* permission_name(Permission p);  // "personnels": for --routes and tests
// Every permission, in declaration order (tests walk the table).
std::vector<Permission> all_permissions();

}  // namespace ts::staff
