#include "permissions.h"

#include <utility>

namespace ts::staff {
namespace {

using P = Permission;

// The one role -> permission table (docs/STAFF.md "Roles and permissions").
struct RolePermissions {
  Role role;
  std::vector<Permission> allowed;
};
const std::vector<RolePermissions>& table() {
  static const std::vector<RolePermissions> kRolePermissions = {
      {Role::direction,
       {P::personnels, P::delegation, P::journal, P::suivi, P::statistiques, P::assistance, P::import, P::courriers,
        P::vie_scolaire, P::notes, P::renouvellement}},
      {Role::secretariat, {P::suivi, P::assistance, P::import, P::courriers}},
      {Role::vie_scolaire, {P::assistance, P::vie_scolaire}},
      {Role::enseignant, {P::notes}},
      {Role::academie, {P::journal, P::suivi, P::statistiques, P::renouvellement}},
      {Role::assistance, {P::assistance}},
  };
  return kRolePermissions;
}

struct Names {
  Role role;
  const char* name;
  const char* label;
};
constexpr Names kNames[] = {
    {Role::direction, "direction", "Direction"},
    {Role::secretariat, "secretariat", "Secrétariat"},
    {Role::vie_scolaire, "vie_scolaire", "Vie scolaire"},
    {Role::enseignant, "enseignant", "Enseignant"},
    {Role::academie, "academie", "Académie"},
    {Role::assistance, "assistance", "Assistance aux familles (délégation)"},
};

constexpr std::pair<Permission, const char*> kPermissionNames[] = {
    {P::personnels, "personnels"}, {P::delegation, "delegation"},     {P::journal, "journal"},
    {P::suivi, "suivi"},           {P::statistiques, "statistiques"}, {P::assistance, "assistance"},
    {P::import, "import"},         {P::courriers, "courriers"},       {P::vie_scolaire, "vie_scolaire"},
    {P::notes, "notes"},           {P::renouvellement, "renouvellement"},
};

}  // namespace

bool role_from_name(const std::string& name, Role& out) {
  for (const auto& n : kNames)
    if (name == n.name) {
      out = n.role;
      return true;
    }
  return false;
}

const char* role_name(Role r) { return kNames[static_cast<unsigned>(r)].name; }
const char* role_label(Role r) { return kNames[static_cast<unsigned>(r)].label; }

Roles roles_from(const std::string& list) {
  Roles roles = 0;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    Role r{};
    if (role_from_name(list.substr(start, end - start), r)) roles |= bit(r);
    start = end + 1;
  }
  return roles;
}

std::string roles_label(Roles roles) {
  std::string out;
  for (Role r : kAllRoles)
    if (has(roles, r)) out += (out.empty() ? "" : ", ") + std::string(role_label(r));
  return out;
}

bool allows(Roles roles, Permission p) {
  for (const auto& row : table()) {
    if (!has(roles, row.role)) continue;
    for (Permission q : row.allowed)
      if (q == p) return true;
  }
  return false;
}

const char* permission_name(Permission p) {
  for (const auto& [perm, name] : kPermissionNames)
    if (perm == p) return name;
  return "?";
}

std::vector<Permission> all_permissions() {
  std::vector<Permission> out;
  for (const auto& entry : kPermissionNames) out.push_back(entry.first);
  return out;
}

}  // namespace ts::staff
