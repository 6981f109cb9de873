// The scope of the staff side against MariaDB: the journal (lib/security/
// audit.h journal: one school's rows, or every school's for the académie;
// keyset pages; filters), the scoped staff functions (lib/staff/staff.h:
// school A's scope never sees nor changes school B's staff) and the families'
// accounts a school's staff see (lib/accounts/followup.h). Each test runs in
// a transaction that is rolled back.
#include <algorithm>

#include "accounts/followup.h"
#include "fixture.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "staff/staff.h"

namespace sec = ts::security;
using ts::staff::bit;
using ts::staff::Role;
using tst::sql_long;
using tst::sql_value;

namespace {

std::string roles_of(ts::Db& db, unsigned id) {
  return sql_value(db, "SELECT COALESCE(GROUP_CONCAT(role ORDER BY role), '') FROM staff_role WHERE account_id = ?",
                   id)
      .value_or("");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(staff_scope, tst::RolledBack)

BOOST_AUTO_TEST_CASE(the_journal_pages_by_keyset_within_its_school) {
  tst::SchoolData a(db), b(db);
  const unsigned da = tst::staff_member(db, a.school, bit(Role::direction), "Diane", a.family);
  const unsigned db_ = tst::staff_member(db, b.school, bit(Role::direction), "Diane", b.family);
  const std::string ida = *sql_value(db, "SELECT identifier FROM account WHERE id = ?", da);
  const std::string idb = *sql_value(db, "SELECT identifier FROM account WHERE id = ?", db_);
  for (int i = 0; i < 7; ++i) sec::audit(db, da, ida, "test_page", "a" + std::to_string(i), "192.0.2.1");
  for (int i = 0; i < 3; ++i) sec::audit(db, db_, idb, "test_page", "b" + std::to_string(i), "192.0.2.2");

  sec::AuditFilter f;
  f.event = "test_page";
  // Pages of 3 in school A: 7 rows, newest first, none of B's, none twice.
  std::vector<std::string> seen;
  unsigned long long before = 0;
  for (int page = 0; page < 5; ++page) {
    auto rows = sec::journal(db, a.school, f, before, 3);
    for (size_t i = 1; i < rows.size(); ++i) BOOST_TEST(rows[i].id < rows[i - 1].id);
    for (const auto& r : rows) {
      BOOST_TEST(r.identifier == ida);
      BOOST_TEST(r.uai == a.uai);
      seen.push_back(r.detail);
    }
    if (rows.size() < 3) break;
    before = rows.back().id;
  }
  BOOST_TEST(seen == (std::vector<std::string>{"a6", "a5", "a4", "a3", "a2", "a1", "a0"}), boost::test_tools::per_element());
  // The académie (scope 0) sees both schools' rows.
  auto all = sec::journal(db, 0, f, 0, 1000);
  long of_a = 0, of_b = 0;
  for (const auto& r : all) {
    of_a += r.identifier == ida;
    of_b += r.identifier == idb;
  }
  BOOST_TEST(of_a == 7);
  BOOST_TEST(of_b == 3);
  // Filters: identifier, and a day range (the rows are today's, UTC).
  f.identifier = idb;
  BOOST_TEST(sec::journal(db, a.school, f, 0, 100).empty());
  BOOST_TEST(sec::journal(db, b.school, f, 0, 100).size() == 3u);
  const std::string today = *sql_value(db, "SELECT DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d')");
  f.from_date = today;
  f.to_date = today;
  BOOST_TEST(sec::journal(db, b.school, f, 0, 100).size() == 3u);
  f.from_date = f.to_date = "2000-01-01";
  BOOST_TEST(sec::journal(db, b.school, f, 0, 100).empty());
  // The events offered by the filter are the school's.
  sec::audit(db, db_, idb, "test_only_b", "", "192.0.2.2");
  auto events_a = sec::journal_events(db, a.school);
  BOOST_TEST((std::find(events_a.begin(), events_a.end(), "test_page") != events_a.end()));
  BOOST_TEST((std::find(events_a.begin(), events_a.end(), "test_only_b") == events_a.end()));
}

BOOST_AUTO_TEST_CASE(a_schools_scope_never_sees_nor_changes_another_schools_staff) {
  tst::SchoolData a(db), b(db);
  const unsigned da = tst::staff_member(db, a.school, bit(Role::direction), "Diane", a.family);
  const unsigned sa = tst::staff_member(db, a.school, bit(Role::secretariat), "Serge", a.family);
  const unsigned sb = tst::staff_member(db, b.school, bit(Role::secretariat), "Serge", b.family);

  auto list_a = ts::staff::list_staff(db, a.school);
  BOOST_TEST(list_a.size() == 2u);
  for (const auto& m : list_a) BOOST_TEST(m.establishment_id == a.school);
  BOOST_TEST(!ts::staff::find_staff(db, a.school, sb).has_value());
  BOOST_TEST(ts::staff::find_staff(db, b.school, sb).has_value());
  BOOST_TEST(ts::staff::find_staff(db, 0, sb).has_value());  // the académie sees every school

  BOOST_TEST(!ts::staff::close_staff(db, a.school, sb));
  BOOST_TEST(!ts::staff::reset_second_factor(db, a.school, sb));
  BOOST_TEST(!ts::staff::grant_assistance(db, a.school, sb, da));
  BOOST_TEST(!ts::staff::revoke_assistance(db, a.school, sb));
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", sb) == "active");
  BOOST_TEST(roles_of(db, sb) == "secretariat");

  // Within the scope they act.
  BOOST_TEST(ts::staff::grant_assistance(db, a.school, sa, da));
  BOOST_TEST(roles_of(db, sa) == "secretariat,assistance");
  BOOST_TEST(ts::staff::revoke_assistance(db, a.school, sa));
  BOOST_TEST(roles_of(db, sa) == "secretariat");
  BOOST_TEST(ts::staff::close_staff(db, a.school, sa));
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", sa) == "closed");
}

BOOST_AUTO_TEST_CASE(the_families_a_school_sees_are_its_own) {
  tst::SchoolData a(db), b(db);
  auto la = a.responsable_letter(a.responsable("Claire"), a.pupil("Dylan"));
  auto lb = b.responsable_letter(b.responsable("Claire"), b.pupil("Dylan"));
  auto pupil_b = b.pupil_letter(b.pupils.front());
  tst::activate(db, la.account_id, "claire." + a.tag + "@example.org");

  BOOST_TEST(ts::accounts::find_family_account(db, a.school, la.identifier).has_value());
  BOOST_TEST(!ts::accounts::find_family_account(db, a.school, lb.identifier).has_value());
  BOOST_TEST(!ts::accounts::find_family_account(db, a.school, pupil_b.identifier).has_value());
  BOOST_TEST(ts::accounts::find_family_account(db, b.school, pupil_b.identifier).has_value());
  BOOST_TEST(!ts::accounts::lock_family_account(db, a.school, lb.account_id).has_value());
  BOOST_TEST(ts::accounts::lock_family_account(db, b.school, lb.account_id).has_value());
  // A staff account is never a family's, whatever its school.
  const unsigned da = tst::staff_member(db, a.school, bit(Role::direction), "Diane", a.family);
  const std::string ida = *sql_value(db, "SELECT identifier FROM account WHERE id = ?", da);
  BOOST_TEST(!ts::accounts::find_family_account(db, a.school, ida).has_value());

  // Suivi: A's own classes and states only; the académie every school.
  auto rows = ts::accounts::followup(db, a.school);
  BOOST_TEST(rows.size() == 1u);
  if (!rows.empty()) {
    BOOST_TEST(rows[0].uai == a.uai);
    BOOST_TEST(rows[0].class_name == "4 C");
    BOOST_TEST(rows[0].kind == "responsable");
    BOOST_TEST(rows[0].active == 1u);
    BOOST_TEST(rows[0].letter == 0u);
  }
  auto rows_b = ts::accounts::followup(db, b.school);
  unsigned letters_b = 0;
  for (const auto& r : rows_b) letters_b += r.letter;
  BOOST_TEST(letters_b == 2u);  // the responsable's and the pupil's letters
  long schools = 0;
  for (const auto& r : ts::accounts::followup(db, 0)) schools += r.uai == a.uai || r.uai == b.uai;
  BOOST_TEST(schools == 3);  // A's responsables; B's responsables and pupils
}

BOOST_AUTO_TEST_CASE(unlocking_a_family_ends_its_lock_and_counts) {
  tst::SchoolData a(db);
  auto la = a.responsable_letter(a.responsable("Claire"), a.pupil("Dylan"));
  db.exec("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR, failed_logins = 4, lock_count = 1"
          " WHERE id = ?",
          la.account_id);
  BOOST_TEST(sec::locked_until(db, la.account_id).has_value());
  sec::unlock(db, la.account_id);
  BOOST_TEST(!sec::locked_until(db, la.account_id).has_value());
  BOOST_TEST(sql_long(db, "SELECT failed_logins FROM account WHERE id = ?", la.account_id) == 0);
  BOOST_TEST(sql_long(db, "SELECT lock_count FROM account WHERE id = ?", la.account_id) == 1);
}

BOOST_AUTO_TEST_SUITE_END()
