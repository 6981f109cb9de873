// Internal to lib/accounts: the account columns every query that returns an
// Account selects (find/lock here, the session query in sessions.cpp), as one
// compile-time literal, and the reader of such a row.
#pragma once
#include "account.h"
#include "period.h"

// Columns of `account a` (the table must be aliased a).
#define TS_ACCOUNT_COLUMNS \
  "a.id, a.identifier, a.kind, a.state, a.display_name, COALESCE(a.password_hash, '') AS password_hash," \
  " COALESCE(a.email, '') AS email, COALESCE(a.pending_email, '') AS pending_email," \
  " COALESCE(a.responsable_id, 0) AS responsable_id, COALESCE(a.pupil_id, 0) AS pupil_id," \
  " " TS_ACTIVATION_EXPIRED_SQL " AS activation_expired," \
  " IF(a.locked_until > UTC_TIMESTAMP(), UNIX_TIMESTAMP(a.locked_until), 0) AS locked_until," \
  " COALESCE((SELECT st.establishment_id FROM staff st WHERE st.account_id = a.id), 0) AS staff_establishment," \
  " COALESCE((SELECT GROUP_CONCAT(sr.role ORDER BY sr.role) FROM staff_role sr WHERE sr.account_id = a.id), '')" \
  " AS staff_roles, a.renew_password_at IS NOT NULL AS must_renew_password"

// A family account (`account a`) is of a school when its pupil is (pupil
// account), one of the children it holds is (responsable account), or one it
// held when that child left the school is (released_child, sql/017: an
// account whose only child left stays within its school's helpdesk reach).
// Parameters: the establishment four times (0: every school, the académie).
#define TS_FAMILY_IN_SCOPE                                                                                     \
  " a.kind IN ('responsable', 'eleve') AND (? = 0"                                                             \
  " OR EXISTS (SELECT 1 FROM pupil p WHERE p.id = a.pupil_id AND p.establishment_id = ?)"                      \
  " OR EXISTS (SELECT 1 FROM account_child ac JOIN pupil p ON p.id = ac.pupil_id"                              \
  " WHERE ac.account_id = a.id AND p.establishment_id = ?)"                                                    \
  " OR EXISTS (SELECT 1 FROM released_child rc JOIN pupil p ON p.id = rc.pupil_id"                             \
  " WHERE rc.account_id = a.id AND p.establishment_id = ?))"

namespace ts::accounts {

inline Account read_account(sql::ResultSet& r) {
  Account a;
  a.id = r.getUInt("id");
  a.identifier = r.getString("identifier");
  a.kind = r.getString("kind");
  a.state = r.getString("state");
  a.display_name = r.getString("display_name");
  a.password_hash = r.getString("password_hash");
  a.email = r.getString("email");
  a.pending_email = r.getString("pending_email");
  a.responsable_id = r.getUInt("responsable_id");
  a.pupil_id = r.getUInt("pupil_id");
  a.activation_expired = r.getBoolean("activation_expired");
  a.locked_until = static_cast<long>(r.getInt64("locked_until"));
  a.staff_establishment = r.getUInt("staff_establishment");
  a.staff_roles = r.getString("staff_roles");
  a.must_renew_password = r.getBoolean("must_renew_password");
  return a;
}

}  // namespace ts::accounts
