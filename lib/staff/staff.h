// Staff accounts (issue 12; docs/STAFF.md): rows of `account` with kind
// 'personnel' (the families' machinery: hashing, password rule, lockout,
// sessions, CSRF, audit) plus what only staff have — tables staff,
// staff_role and staff_teaching (sql/009), owned here.
//
// Scope: every function that reads or changes another staff member takes the
// caller's scope (scope_of) and puts it in its SQL: an id of another school
// is not found (nullopt / false), never refused. Functions run in the
// caller's transaction when there is one.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "accounts/account.h"
#include "core/config.h"
#include "core/db.h"
#include "permissions.h"

namespace ts::staff {

// account.kind of staff accounts.
constexpr const char* kKind = "personnel";
// The enrolment link's validity (the issue: 72 hours), in minutes.
constexpr int kEnrolmentMinutes = 72 * 60;

// The establishment a staff member acts for: their school's id, or 0 for the
// académie (every school; only with the academie role). Throws
// std::logic_error for an account that is not staff, or a staff account
// without a school and without the academie role.
unsigned scope_of(const accounts::Account& a);

struct Teaching {
  unsigned class_id = 0;
  std::string class_name, subject;
};

struct StaffMember {
  unsigned account_id = 0;
  std::string identifier, first_name, last_name, email, state;  // state: account.state ("active", "letter", "closed")
  unsigned establishment_id = 0;                                // 0: the académie
  std::string uai, school;                                      // "" for the académie
  Roles roles = 0;
  bool enrolled = false;  // second factor confirmed
  bool locked = false;
  std::string created_at;  // "YYYY-MM-DD HH:MM"
  std::string display_name() const { return first_name + " " + last_name; }
};

// The staff of the scope, closed accounts last, by name.
std::vector<StaffMember> list_staff(Db& db, unsigned scope);
// One staff member of the scope (nullopt: unknown, or another school's).
std::optional<StaffMember> find_staff(Db& db, unsigned scope, unsigned account_id);
// An enseignant's classes and subjects.
std::vector<Teaching> teaching_of(Db& db, unsigned account_id);

// A new staff account. `establishment_id` 0 only with Role::academie alone.
struct NewStaff {
  std::string first_name, last_name, email;
  unsigned establishment_id = 0;
  Roles roles = 0;                  // never assistance (a delegation)
  std::vector<Teaching> teaching;   // class_id (of the same establishment) and subject
  unsigned created_by = 0;          // 0: the command line
};
struct Created {
  unsigned account_id = 0;
  std::string identifier;
  std::string enrolment_code;  // the only time it exists in clear
};
// Creates the account (state letter: no password until enrolment; the
// identifier from the name like families', identifiers.h), its roles and
// classes, and a single-use enrolment code (kEnrolmentMinutes). Throws
// std::invalid_argument for a class of another establishment or an empty
// role set.
Created create_staff(Db& db, const NewStaff& s);

// The identifier of the staff account `by` created for `email` within
// TS_REPEAT_WINDOW (accounts/period.h): the twin of a creation form posted
// twice (a double click) gets that outcome instead of a second account. The
// caller serialises the two by locking `by`'s account row first.
std::optional<std::string> created_just_now(Db& db, unsigned by, const std::string& email);

// A new enrolment code for a staff account that has not enrolled yet or
// whose password must be chosen again; earlier codes stop serving.
std::string new_enrolment_code(Db& db, unsigned account_id);

// The enrolment link: its password chosen (state active), the link and every
// other mailed code cancelled, every session of the account ended (a new
// link is also the remedy for a forgotten or stolen password). The caller
// spends the link and starts the session at stage staff_factor.
void enrol_password(Db& db, unsigned account_id, const std::string& password_hash);

// Direction's actions, each scoped: false when the id is not a staff member
// of the scope. Closing: sessions end, codes die (accounts::close_account).
bool close_staff(Db& db, unsigned scope, unsigned account_id);
// The second factor and recovery codes are gone: the next sign-in enrols again.
bool reset_second_factor(Db& db, unsigned scope, unsigned account_id);
// The helpdesk delegation (Role::assistance), granted by `by` or taken back.
bool grant_assistance(Db& db, unsigned scope, unsigned account_id, unsigned by);
bool revoke_assistance(Db& db, unsigned scope, unsigned account_id);

}  // namespace ts::staff
