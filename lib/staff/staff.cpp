#include "staff.h"

#include <stdexcept>

#include "accounts/codes.h"
#include "accounts/identifiers.h"
#include "accounts/period.h"
#include "accounts/sessions.h"
#include "second_factor.h"

namespace ts::staff {
namespace {

// Every read of other staff members is scoped here, in the SQL: (? = 0 OR
// st.establishment_id = ?) — 0 only for the académie (scope_of).
#define TS_STAFF_COLUMNS                                                                                         \
  "SELECT a.id, a.identifier, st.first_name, st.last_name, COALESCE(a.email, '') AS email, a.state,"           \
  " COALESCE(st.establishment_id, 0) AS establishment_id, COALESCE(e.uai, '') AS uai, COALESCE(e.name, '') AS school," \
  " COALESCE((SELECT GROUP_CONCAT(sr.role ORDER BY sr.role) FROM staff_role sr WHERE sr.account_id = a.id), '')" \
  " AS roles, st.totp_enrolled_at IS NOT NULL AS enrolled, COALESCE(a.locked_until > UTC_TIMESTAMP(), 0) AS locked," \
  " DATE_FORMAT(a.created_at, '%Y-%m-%d %H:%i') AS created_at"                                                   \
  " FROM staff st JOIN account a ON a.id = st.account_id LEFT JOIN establishment e ON e.id = st.establishment_id" \
  " WHERE (? = 0 OR st.establishment_id = ?)"

constexpr const char* kListStaff =
    TS_STAFF_COLUMNS " ORDER BY a.state = 'closed', st.last_name, st.first_name, a.id";
constexpr const char* kFindStaff = TS_STAFF_COLUMNS " AND a.id = ?";
constexpr const char* kTeachingOf =
    "SELECT t.class_id, c.name, t.subject FROM staff_teaching t JOIN school_class c ON c.id = t.class_id"
    " WHERE t.account_id = ? ORDER BY c.name, t.subject";
constexpr const char* kInsertStaff =
    "INSERT INTO staff (account_id, establishment_id, first_name, last_name, created_by) VALUES (?, ?, ?, ?, ?)";
constexpr const char* kInsertRole = "INSERT IGNORE INTO staff_role (account_id, role, granted_by) VALUES (?, ?, ?)";
constexpr const char* kDeleteRole = "DELETE FROM staff_role WHERE account_id = ? AND role = ?";
// A class is taught only within the staff member's own establishment.
constexpr const char* kInsertTeaching =
    "INSERT IGNORE INTO staff_teaching (account_id, class_id, subject)"
    " SELECT ?, c.id, ? FROM school_class c WHERE c.id = ? AND c.establishment_id = ?";
constexpr const char* kCreatedJustNow =
    "SELECT a.identifier FROM staff st JOIN account a ON a.id = st.account_id"
    " WHERE st.created_by = ? AND a.email = ? AND a.created_at > UTC_TIMESTAMP() - " TS_REPEAT_WINDOW
    " ORDER BY a.id DESC LIMIT 1";
constexpr const char* kClassInEstablishment = "SELECT 1 FROM school_class WHERE id = ? AND establishment_id = ?";

std::optional<unsigned> nonzero(unsigned v) { return v ? std::optional<unsigned>(v) : std::nullopt; }

StaffMember read_staff(sql::ResultSet& r) {
  StaffMember m;
  m.account_id = r.getUInt("id");
  m.identifier = r.getString("identifier");
  m.first_name = r.getString("first_name");
  m.last_name = r.getString("last_name");
  m.email = r.getString("email");
  m.state = r.getString("state");
  m.establishment_id = r.getUInt("establishment_id");
  m.uai = r.getString("uai");
  m.school = r.getString("school");
  m.roles = roles_from(r.getString("roles"));
  m.enrolled = r.getBoolean("enrolled");
  m.locked = r.getBoolean("locked");
  m.created_at = r.getString("created_at");
  return m;
}

}  // namespace

unsigned scope_of(const accounts::Account& a) {
  if (!a.is_staff()) throw std::logic_error("scope_of: not a staff account");
  if (a.staff_establishment) return a.staff_establishment;
  if (has(roles_from(a.staff_roles), Role::academie)) return 0;
  throw std::logic_error("scope_of: a staff account without establishment nor academie role");
}

std::vector<StaffMember> list_staff(Db& db, unsigned scope) {
  Rows r = db.query(kListStaff, scope, scope);
  std::vector<StaffMember> out;
  while (r->next()) out.push_back(read_staff(*r));
  return out;
}

std::optional<StaffMember> find_staff(Db& db, unsigned scope, unsigned account_id) {
  Rows r = db.query(kFindStaff, scope, scope, account_id);
  if (!r->next()) return std::nullopt;
  return read_staff(*r);
}

std::vector<Teaching> teaching_of(Db& db, unsigned account_id) {
  Rows r = db.query(kTeachingOf, account_id);
  std::vector<Teaching> out;
  while (r->next()) out.push_back({r->getUInt(1), r->getString(2), r->getString(3)});
  return out;
}

Created create_staff(Db& db, const NewStaff& s) {
  if (!s.roles) throw std::invalid_argument("create_staff: no role");
  if (has(s.roles, Role::assistance)) throw std::invalid_argument("create_staff: assistance is a delegation");
  if (has(s.roles, Role::academie) != (s.establishment_id == 0) || (has(s.roles, Role::academie) && s.roles != bit(Role::academie)))
    throw std::invalid_argument("create_staff: the academie role alone, and only without an establishment");
  for (const auto& t : s.teaching)
    if (!db.scalar(kClassInEstablishment, t.class_id, s.establishment_id))
      throw std::invalid_argument("create_staff: a class of another establishment");

  Created c;
  c.account_id = accounts::create_account(db, accounts::identifier_base(s.first_name, s.last_name), kKind,
                                          s.first_name + " " + s.last_name, 0, 0, c.identifier);
  accounts::set_known_address(db, c.account_id, s.email);
  db.exec(kInsertStaff, c.account_id, nonzero(s.establishment_id), s.first_name, s.last_name, nonzero(s.created_by));
  for (Role r : kAllRoles)
    if (has(s.roles, r)) db.exec(kInsertRole, c.account_id, std::string(role_name(r)), nonzero(s.created_by));
  for (const auto& t : s.teaching) db.exec(kInsertTeaching, c.account_id, t.subject, t.class_id, s.establishment_id);
  c.enrolment_code = accounts::issue_code(db, c.account_id, accounts::purpose::staff_enrolment, s.email,
                                          accounts::Validity{kEnrolmentMinutes});
  return c;
}

std::optional<std::string> created_just_now(Db& db, unsigned by, const std::string& email) {
  return db.scalar(kCreatedJustNow, by, email);
}

std::string new_enrolment_code(Db& db, unsigned account_id) {
  auto a = accounts::lock_account(db, account_id);
  if (!a || !a->is_staff() || a->state == "closed" || a->email.empty())
    throw std::invalid_argument("new_enrolment_code: not an open staff account with an address");
  accounts::expire_codes(db, account_id, accounts::purpose::staff_enrolment);
  return accounts::issue_code(db, account_id, accounts::purpose::staff_enrolment, a->email,
                              accounts::Validity{kEnrolmentMinutes});
}

void enrol_password(Db& db, unsigned account_id, const std::string& password_hash) {
  accounts::open_account(db, account_id, password_hash);
  // A new password through a link (a forgotten or stolen one): every browser
  // signed in with the old one is out, as after the families' reset link.
  accounts::end_all_sessions(db, account_id);
}

bool close_staff(Db& db, unsigned scope, unsigned account_id) {
  auto m = find_staff(db, scope, account_id);
  if (!m) return false;
  if (m->state != "closed") accounts::close_account(db, account_id);
  return true;
}

bool reset_second_factor(Db& db, unsigned scope, unsigned account_id) {
  if (!find_staff(db, scope, account_id)) return false;
  forget_second_factor(db, account_id);
  accounts::end_all_sessions(db, account_id);
  return true;
}

bool grant_assistance(Db& db, unsigned scope, unsigned account_id, unsigned by) {
  if (!find_staff(db, scope, account_id)) return false;
  db.exec(kInsertRole, account_id, std::string(role_name(Role::assistance)), nonzero(by));
  return true;
}

bool revoke_assistance(Db& db, unsigned scope, unsigned account_id) {
  if (!find_staff(db, scope, account_id)) return false;
  db.exec(kDeleteRole, account_id, std::string(role_name(Role::assistance)));
  return true;
}

}  // namespace ts::staff
