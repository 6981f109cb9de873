// The follow-up of issue 13 against MariaDB (lib/accounts/followup.h): the
// state of each expected account (one per current pupil, one per responsable
// légal × child) in the contracts' priority, one account per state; the
// figures by class and by school; the search (name prefix without accents,
// identifier, address, state, class; scoped); a family account's fiche and
// its audit trail; and the last sign-in written with the sign-in's success
// statement. Each test runs in a transaction that is rolled back.
#include <algorithm>
#include <ctime>

#include "accounts/family.h"
#include "accounts/followup.h"
#include "fixture.h"
#include "security/audit.h"
#include "security/lockout.h"

namespace acc = ts::accounts;
using acc::FollowState;
using ts::staff::bit;
using ts::staff::Role;
using tst::sql_long;

namespace {

// One school with an account in each state, and a pupil who left.
struct EightStates {
  tst::SchoolData s;
  unsigned unused = 0, expired = 0, pending = 0, active = 0, closed = 0, locked = 0, reported = 0;
  unsigned lone_pupil = 0, responsable = 0, left = 0;
  std::string pending_address;

  explicit EightStates(ts::Db& db) : s(db) {
    lone_pupil = s.pupil("Amélie");
    responsable = s.responsable("Éloïse");
    ts::scolarite::link_pupil_responsable(db, lone_pupil, responsable, 1);  // no letter yet: non générée
    unused = s.pupil_letter(lone_pupil).account_id;
    expired = s.pupil_letter(s.pupil("Bruno")).account_id;
    db.exec("UPDATE letter SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE account_id = ?", expired);
    pending = s.pupil_letter(s.pupil("Chloé")).account_id;
    pending_address = "chloe." + s.tag + "@example.org";
    tst::first_connection(db, pending, "$argon2id$not-a-real-hash", pending_address);
    active = s.pupil_letter(s.pupil("Dylan")).account_id;
    tst::activate(db, active, "dylan." + s.tag + "@example.org");
    closed = s.pupil_letter(s.pupil("Emma")).account_id;
    acc::close_account(db, closed);
    locked = s.pupil_letter(s.pupil("Fanny")).account_id;
    db.exec("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE id = ?", locked);
    reported = s.pupil_letter(s.pupil("Gaël")).account_id;
    db.exec("UPDATE letter SET reported_at = UTC_TIMESTAMP() WHERE account_id = ?", reported);
    left = s.pupil_letter(s.pupil("Hugo")).account_id;
    db.exec("UPDATE pupil SET left_at = UTC_TIMESTAMP() WHERE id = (SELECT pupil_id FROM account WHERE id = ?)",
            left);
  }
};

std::vector<acc::FamilySlot> all_slots(ts::Db& db, unsigned school) {
  return acc::search_slots(db, school, {}, 0, 1000);
}

const acc::FamilySlot* slot_of(const std::vector<acc::FamilySlot>& slots, unsigned account_id) {
  for (const auto& s : slots)
    if (s.account_id == account_id) return &s;
  return nullptr;
}

// The state's URL code ("actif"): printable in the test's messages.
std::string state_of(const std::vector<acc::FamilySlot>& slots, unsigned account_id) {
  const auto* s = slot_of(slots, account_id);
  BOOST_REQUIRE(s);
  return acc::state_code(s->state);
}

std::string code(FollowState s) { return acc::state_code(s); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(followup, tst::RolledBack)

BOOST_AUTO_TEST_CASE(each_expected_account_has_its_state_in_the_contracts_priority) {
  EightStates e(db);
  const auto slots = all_slots(db, e.s.school);
  BOOST_TEST(slots.size() == 8u);  // 7 current pupils and 1 responsable × child; Hugo left
  BOOST_TEST(state_of(slots, e.unused) == code(FollowState::non_utilisee));
  BOOST_TEST(state_of(slots, e.expired) == code(FollowState::expire));
  BOOST_TEST(state_of(slots, e.pending) == code(FollowState::en_attente));
  BOOST_TEST(state_of(slots, e.active) == code(FollowState::actif));
  BOOST_TEST(state_of(slots, e.closed) == code(FollowState::ferme));
  BOOST_TEST(state_of(slots, e.locked) == code(FollowState::verrouille));
  BOOST_TEST(state_of(slots, e.reported) == code(FollowState::signale));
  BOOST_TEST(!slot_of(slots, e.left));
  const auto none = std::count_if(slots.begin(), slots.end(), [](const auto& s) {
    return s.account_id == 0 && s.kind == "responsable" && s.state == FollowState::non_generee;
  });
  BOOST_TEST(none == 1);
  // Priority: a closed account that is also locked is closed; a locked active one is locked.
  db.exec("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE id IN (?, ?)", e.closed, e.active);
  const auto again = all_slots(db, e.s.school);
  BOOST_TEST(state_of(again, e.closed) == code(FollowState::ferme));
  BOOST_TEST(state_of(again, e.active) == code(FollowState::verrouille));

  // The figures: one class, 8 expected, one in each state, 12.5 % active.
  const auto classes = acc::counts_by_class(db, e.s.school);
  BOOST_REQUIRE(classes.size() == 1u);
  BOOST_TEST(classes[0].class_name == "4 C");
  BOOST_TEST(classes[0].expected == 8u);
  BOOST_TEST(classes[0].by_state[static_cast<unsigned>(FollowState::verrouille)] == 2u);
  BOOST_TEST(classes[0].active() == 0u);
  db.exec("UPDATE account SET locked_until = NULL WHERE id IN (?, ?)", e.closed, e.active);
  const auto fixed = acc::counts_by_class(db, e.s.school);
  for (FollowState st : acc::kFollowStates)
    BOOST_TEST(fixed[0].by_state[static_cast<unsigned>(st)] == 1u, acc::state_label(st));
  BOOST_TEST(fixed[0].rate() == 12.5);
  // By school: the académie sees this school among the others; the school itself only.
  tst::SchoolData other(db);
  other.pupil_letter(other.pupil("Iris"));
  const auto own = acc::counts_by_school(db, e.s.school);
  BOOST_REQUIRE(own.size() == 1u);
  BOOST_TEST(own[0].uai == e.s.uai);
  BOOST_TEST(own[0].expected == 8u);
  const auto all = acc::counts_by_school(db, 0);
  BOOST_TEST(std::count_if(all.begin(), all.end(), [&](const auto& c) { return c.uai == e.s.uai || c.uai == other.uai; }) == 2);
}

BOOST_AUTO_TEST_CASE(the_search_finds_by_name_prefix_without_accents_identifier_address_state_and_class) {
  EightStates e(db);
  tst::SchoolData other(db);
  const unsigned other_amelie = other.pupil_letter(other.pupil("Amélie")).account_id;
  auto search = [&](unsigned school, acc::FamilySearch f) { return acc::search_slots(db, school, f, 0, 100); };
  acc::FamilySearch f;
  f.name = "amel";  // Amélie, typed without accent nor capital
  auto found = search(e.s.school, f);
  BOOST_TEST(found.size() == 2u);  // her own account and her responsable's slot
  BOOST_TEST(!slot_of(found, other_amelie));
  f.name = "eloise " + e.s.family;  // "Prénom Nom" of the responsable
  found = search(e.s.school, f);
  BOOST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0].kind == "responsable");
  BOOST_TEST(found[0].pupil_name == "Amélie " + e.s.family);
  f.name = "%";  // taken literally
  BOOST_TEST(search(e.s.school, f).empty());
  acc::FamilySearch by_id;
  by_id.identifier = *tst::sql_value(db, "SELECT identifier FROM account WHERE id = ?", e.active);
  found = search(e.s.school, by_id);
  BOOST_TEST((found.size() == 1u && found[0].account_id == e.active));
  BOOST_TEST(search(other.school, by_id).empty());  // another school's identifier: nothing
  acc::FamilySearch by_mail;
  by_mail.email = e.pending_address;
  found = search(e.s.school, by_mail);
  BOOST_TEST((found.size() == 1u && found[0].account_id == e.pending));
  acc::FamilySearch by_state;
  by_state.state = FollowState::expire;
  found = search(e.s.school, by_state);
  BOOST_TEST((found.size() == 1u && found[0].account_id == e.expired));
  acc::FamilySearch by_class;
  by_class.class_id = other.klass;  // another school's class: nothing in this scope
  BOOST_TEST(search(e.s.school, by_class).empty());
  by_class.class_id = e.s.klass;
  BOOST_TEST(search(e.s.school, by_class).size() == 8u);
  // The académie finds both Amélie.
  f.name = "Amélie";
  BOOST_TEST(search(0, f).size() >= 3u);
  // Pages: offset and limit.
  BOOST_TEST(acc::search_slots(db, e.s.school, {}, 6, 5).size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_fiche_and_its_trail_are_of_the_scope_and_sign_in_writes_the_last_login) {
  EightStates e(db);
  tst::SchoolData other(db);
  const unsigned staff_a = tst::staff_member(db, e.s.school, bit(Role::secretariat), "Sarah", e.s.family);
  const unsigned staff_b = tst::staff_member(db, other.school, bit(Role::secretariat), "Sarah", other.family);
  const std::string id_active = *tst::sql_value(db, "SELECT identifier FROM account WHERE id = ?", e.active);
  ts::security::audit(db, staff_a, "staff-a", "helpdesk_unlock", id_active, "127.0.0.1");
  ts::security::audit(db, staff_b, "staff-b", "helpdesk_unlock", id_active, "127.0.0.1");  // B's row naming it
  ts::security::audit(db, e.active, id_active, "login_success", "", "127.0.0.1");

  auto f = acc::family_fiche(db, e.s.school, e.active);
  BOOST_REQUIRE(f.has_value());
  BOOST_TEST(code(f->state) == code(FollowState::actif));
  BOOST_TEST(f->last_login == 0);
  BOOST_REQUIRE(f->children.size() == 1u);
  BOOST_TEST(f->children[0].name == "Dylan " + e.s.family);
  BOOST_TEST(!acc::family_fiche(db, other.school, e.active).has_value());
  // A closed account is still found, on its letter's school only.
  BOOST_TEST(acc::family_fiche(db, e.s.school, e.closed).has_value());
  BOOST_TEST(!acc::family_fiche(db, other.school, e.closed).has_value());

  const auto trail = ts::security::account_trail(db, e.s.school, e.active, id_active, 50);
  BOOST_TEST(trail.size() == 2u);  // its own sign-in and A's unlock, not B's row
  for (const auto& t : trail) BOOST_TEST(t.identifier != "staff-b");

  // The sign-in's success statement writes the last sign-in; other successes do not.
  ts::security::record_success(db, e.active, {ts::security::Proof::password});
  BOOST_TEST(acc::family_fiche(db, e.s.school, e.active)->last_login == 0);
  ts::security::record_success(db, e.active, {ts::security::Proof::password}, true);
  const long last = acc::family_fiche(db, e.s.school, e.active)->last_login;
  BOOST_TEST(std::labs(last - static_cast<long>(std::time(nullptr))) < 120);
  const auto slots = all_slots(db, e.s.school);
  BOOST_TEST(slot_of(slots, e.active)->last_login == last);
}

// A responsable account whose only child left the school holds no child any
// more, but its school's helpdesk still finds it (to unlock, close, read its
// trail); another school does not.
BOOST_AUTO_TEST_CASE(an_account_whose_only_child_left_is_still_the_schools) {
  tst::SchoolData a(db), b(db);
  const unsigned pupil = a.pupil("Œdipe");
  const unsigned account = a.responsable_letter(a.responsable("Sidonie"), pupil).account_id;
  tst::activate(db, account, "sidonie@example.org");
  const std::string identifier = *tst::sql_value(db, "SELECT identifier FROM account WHERE id = ?", account);
  ts::accounts::release_pupil(db, pupil);  // the pupil left: the import releases it
  BOOST_TEST(tst::sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ?", account) == 0);
  BOOST_TEST(acc::lock_family_account(db, a.school, account).has_value());
  BOOST_TEST(acc::find_family_account(db, a.school, identifier).has_value());
  BOOST_TEST(!acc::lock_family_account(db, b.school, account).has_value());
  BOOST_TEST(!acc::find_family_account(db, b.school, identifier).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
