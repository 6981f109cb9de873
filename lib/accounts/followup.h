// What the school's staff see of the families' accounts (issue 12;
// docs/STAFF.md "Screens": suivi and assistance). A family account belongs
// to a school through its pupil (a pupil account) or through the children it
// holds (account_child: a responsable account). Every query is scoped in its
// SQL: establishment 0 is the académie (every school); an account of another
// school is not found.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "account.h"
#include "core/db.h"

namespace ts::accounts {

// Family accounts of one school, one class and one kind, counted by state
// (a responsable account holding children of two classes counts in both).
struct FollowupRow {
  std::string uai, school;  // the establishment
  std::string class_name;   // "" for pupils without a class
  std::string kind;         // "responsable" or "eleve"
  unsigned letter = 0, pending_email = 0, active = 0, closed = 0;
};
// By school, class, then kind (responsables first).
std::vector<FollowupRow> followup(Db& db, unsigned establishment_id);

// A family account (responsable or eleve) of the scope by its identifier
// (exact, lower case as identifiers are); nullopt when unknown, a staff
// account, or another school's.
std::optional<Account> find_family_account(Db& db, unsigned establishment_id, const std::string& identifier);
// The same by id, its row locked (FOR UPDATE), for a helpdesk action.
std::optional<Account> lock_family_account(Db& db, unsigned establishment_id, unsigned account_id);

}  // namespace ts::accounts
