// issue 13 — aide. lib/accounts/renewal.h: a new password demanded at the
// next sign-in: the scope (identifiers, a class, the school, the académie),
// another school and letter accounts untouched, the date exclusion, the
// sessions ended, the audit row; the demand cleared by any new password
// (account.cpp set_password, first connection).
#include "fixture.h"

#include <algorithm>

#include "accounts/account.h"
#include "accounts/renewal.h"
#include "accounts/sessions.h"
#include "scolarite/records.h"
#include "staff/permissions.h"

namespace acc = ts::accounts;
using tst::sql_long;

namespace {

struct Renewal : tst::RolledBack {
  tst::SchoolData a{db}, b{db};
  unsigned other_class = ts::scolarite::insert_class(db, a.school, "3 B");
  // School A, class 4 C: Dylan's account and his mother's (active); Léa's
  // account still at state letter. Class 3 B: Florian's account. School B: Hugo's.
  unsigned dylan = a.pupil("Dylan"), lea = a.pupil("Léa");
  unsigned florian = ts::scolarite::insert_pupil(db, a.school, other_class, "Florian", a.family, "2013-01-02");
  unsigned claire = a.responsable("Claire");
  unsigned hugo = b.pupil("Hugo");
  unsigned dylan_acc = active(a.pupil_letter(dylan).account_id);
  unsigned claire_acc = active(a.responsable_letter(claire, dylan).account_id, "claire@example.org");
  unsigned lea_acc = a.pupil_letter(lea).account_id;  // state letter
  unsigned florian_acc = active(a.pupil_letter(florian).account_id);
  unsigned hugo_acc = active(b.pupil_letter(hugo).account_id);
  unsigned direction = tst::staff_member(db, a.school, ts::staff::bit(ts::staff::Role::direction), "Dora", a.family);

  static unsigned active_in(ts::Db& db, unsigned id, const std::string& email) {
    tst::activate(db, id, email);
    return id;
  }
  unsigned active(unsigned id, const std::string& email = "") { return active_in(db, id, email); }
  bool flagged(unsigned id) { return acc::lock_account(db, id)->must_renew_password; }
  long sessions_of(unsigned id) { return sql_long(db, "SELECT COUNT(*) FROM session WHERE account_id = ?", id); }
  std::string identifier(unsigned id) { return acc::lock_account(db, id)->identifier; }
  acc::RenewalOutcome demand(acc::RenewalRequest r) { return acc::demand_renewal(db, r, direction, "dora", "192.0.2.1"); }
  acc::RenewalRequest request(acc::RenewalWho who) {
    acc::RenewalRequest r;
    r.establishment_id = a.school;
    r.who = who;
    return r;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(renewal, Renewal)

BOOST_AUTO_TEST_CASE(a_class_flags_its_accounts_with_a_password_ends_their_sessions_and_is_audited) {
  for (unsigned id : {dylan_acc, claire_acc, florian_acc, hugo_acc}) acc::start_session(db, "", id, acc::stage::full, 8);
  auto r = request(acc::RenewalWho::division);
  r.class_id = a.klass;
  auto out = demand(r);
  BOOST_TEST(out.class_found);
  BOOST_TEST(out.count == 2u);  // Dylan and Claire; Léa has no password yet
  BOOST_TEST(flagged(dylan_acc));
  BOOST_TEST(flagged(claire_acc));
  BOOST_TEST(!flagged(lea_acc));
  BOOST_TEST(!flagged(florian_acc));  // another class
  BOOST_TEST(!flagged(hugo_acc));     // another school
  BOOST_TEST(sessions_of(dylan_acc) == 0);
  BOOST_TEST(sessions_of(claire_acc) == 0);
  BOOST_TEST(sessions_of(florian_acc) == 1);
  BOOST_TEST(sessions_of(hugo_acc) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'renewal_demanded'"
                          " AND detail = 'classe 4 C ; 2 compte(s)' AND establishment_id = ?",
                      direction, a.school) == 1);
  // Each account's own trail says it, naming who asked; no other account's.
  for (unsigned id : {dylan_acc, claire_acc})
    BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND identifier = ?"
                            " AND event = 'renewal_imposed' AND detail = 'demandé par dora'",
                        id, identifier(id)) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'renewal_imposed' AND account_id IN (?, ?, ?)",
                      lea_acc, florian_acc, hugo_acc) == 0);
}

BOOST_AUTO_TEST_CASE(an_identifier_typed_twice_counts_once) {
  auto r = request(acc::RenewalWho::identifiers);
  r.identifiers = {identifier(dylan_acc), identifier(dylan_acc), "personne-inconnue", "personne-inconnue"};
  auto out = demand(r);
  BOOST_TEST(out.count == 1u);
  BOOST_TEST(flagged(dylan_acc));
  std::vector<std::string> expected = {"personne-inconnue"};
  BOOST_TEST(out.unknown == expected, boost::test_tools::per_element());
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'renewal_imposed'",
                      dylan_acc) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'renewal_demanded'"
                          " AND detail = CONCAT('identifiants ', ?, ', personne-inconnue ; 1 compte(s) ;"
                          " 1 identifiant(s) non trouvé(s)')",
                      direction, identifier(dylan_acc)) == 1);
}

BOOST_AUTO_TEST_CASE(another_schools_class_is_not_found_and_changes_nothing) {
  auto r = request(acc::RenewalWho::division);
  r.class_id = b.klass;
  auto out = demand(r);
  BOOST_TEST(!out.class_found);
  BOOST_TEST(out.count == 0u);
  BOOST_TEST(!flagged(hugo_acc));
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'renewal_demanded'",
                      direction) == 0);
}

BOOST_AUTO_TEST_CASE(identifiers_of_another_school_or_without_password_are_unknown_and_untouched) {
  auto r = request(acc::RenewalWho::identifiers);
  r.identifiers = {identifier(dylan_acc), identifier(hugo_acc), identifier(lea_acc), "personne-inconnue"};
  auto out = demand(r);
  BOOST_TEST(out.count == 1u);
  BOOST_TEST(flagged(dylan_acc));
  BOOST_TEST(!flagged(hugo_acc));
  BOOST_TEST(!flagged(lea_acc));
  BOOST_TEST(!flagged(claire_acc));
  std::vector<std::string> expected = {identifier(hugo_acc), identifier(lea_acc), "personne-inconnue"};
  BOOST_TEST(out.unknown == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_whole_school_but_not_another) {
  auto out = demand(request(acc::RenewalWho::everyone));
  BOOST_TEST(out.count == 3u);
  for (unsigned id : {dylan_acc, claire_acc, florian_acc}) BOOST_TEST(flagged(id));
  BOOST_TEST(!flagged(lea_acc));
  BOOST_TEST(!flagged(hugo_acc));
}

BOOST_AUTO_TEST_CASE(the_academie_reaches_every_school_and_only_everyone) {
  unsigned rectorat = tst::staff_member(db, 0, ts::staff::bit(ts::staff::Role::academie), "Aude", a.family);
  acc::RenewalRequest r;  // establishment 0
  auto out = acc::demand_renewal(db, r, rectorat, "aude", "192.0.2.1");
  BOOST_TEST(out.count >= 4u);
  for (unsigned id : {dylan_acc, claire_acc, florian_acc, hugo_acc}) BOOST_TEST(flagged(id));
  BOOST_TEST(!flagged(lea_acc));
  BOOST_TEST(!flagged(rectorat));  // staff accounts never
  r.who = acc::RenewalWho::identifiers;
  r.identifiers = {identifier(hugo_acc)};
  BOOST_CHECK_THROW(acc::demand_renewal(db, r, rectorat, "aude", "192.0.2.1"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(accounts_whose_password_changed_since_the_date_are_left_out) {
  db.exec("UPDATE account SET password_changed_at = '2020-06-01 10:00:00' WHERE id = ?", dylan_acc);
  db.exec("UPDATE account SET password_changed_at = '2021-03-15 10:00:00' WHERE id = ?", claire_acc);
  auto r = request(acc::RenewalWho::division);
  r.class_id = a.klass;
  r.changed_since = "2021-03-15";  // Claire changed hers that day: left out
  auto out = demand(r);
  BOOST_TEST(out.count == 1u);
  BOOST_TEST(flagged(dylan_acc));
  BOOST_TEST(!flagged(claire_acc));
  // Named, she is left out too, but not unknown.
  auto by_name = request(acc::RenewalWho::identifiers);
  by_name.identifiers = {identifier(claire_acc)};
  by_name.changed_since = "2021-03-15";
  auto named = demand(by_name);
  BOOST_TEST(named.count == 0u);
  BOOST_TEST(named.unknown.empty());
  // The journal gives the date as its readers write it.
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'renewal_demanded'"
                          " AND detail = 'classe 4 C ; sauf mot de passe changé depuis le 15/03/2021 ; 1 compte(s)'",
                      direction) == 1);
}

BOOST_AUTO_TEST_CASE(a_new_password_clears_the_demand_and_records_when) {
  demand(request(acc::RenewalWho::everyone));
  BOOST_TEST(flagged(dylan_acc));
  acc::set_password(db, dylan_acc, "$argon2id$another-hash");
  BOOST_TEST(!flagged(dylan_acc));
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(SECOND, password_changed_at, UTC_TIMESTAMP()) < 60 FROM account"
                          " WHERE id = ?",
                      dylan_acc) == 1);
  // First connection (after a new letter: back to the letter stage clears both columns).
  BOOST_TEST(flagged(claire_acc));
  acc::back_to_letter(db, claire_acc);
  BOOST_TEST(!flagged(claire_acc));
  BOOST_TEST(sql_long(db, "SELECT password_changed_at IS NULL FROM account WHERE id = ?", claire_acc) == 1);
  db.exec("UPDATE account SET renew_password_at = UTC_TIMESTAMP() WHERE id = ?", claire_acc);
  tst::first_connection(db, claire_acc, "$argon2id$chosen", "claire@example.org");
  BOOST_TEST(!flagged(claire_acc));
  BOOST_TEST(sql_long(db, "SELECT password_changed_at IS NOT NULL FROM account WHERE id = ?", claire_acc) == 1);
}

BOOST_AUTO_TEST_CASE(the_session_query_carries_the_flag) {
  demand(request(acc::RenewalWho::everyone));
  std::string cookie = acc::start_session(db, "", dylan_acc, acc::stage::renew, 8);
  auto s = acc::load_session(db, cookie, 30, 15);
  BOOST_REQUIRE(s.has_value());
  BOOST_TEST(s->stage == acc::stage::renew);
  BOOST_TEST(s->account.must_renew_password);
}

BOOST_AUTO_TEST_SUITE_END()
