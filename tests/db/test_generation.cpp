// Generating accounts and letters (issue 13 — courriers; lib/accounts/
// generation.h, renotify.h) against MariaDB: per class (one pupil account,
// one per responsable légal × child, the letters sorted by class then name),
// an active responsable gets the child attached and no letter, generating
// again gives new passwords and kills the old ones, another school's class
// or account is not found, and the bulk re-notification (mail to a known
// address, letters for the others). Each test is rolled back.
#include <algorithm>

#include "accounts/family.h"
#include "accounts/generation.h"
#include "accounts/letters.h"
#include "accounts/renotify.h"
#include "accounts/reports.h"
#include "fixture.h"

namespace acc = ts::accounts;
using tst::sql_long;

namespace {

// School A: "4 C" (the fixture's) with Bruno and Alice (surname the family's),
// responsables Rose (of both) and Paul (of Alice); "3 A" with Zoé.
struct Family {
  tst::SchoolData s;
  unsigned alice = 0, bruno = 0, zoe = 0, rose = 0, paul = 0, other_class = 0;
  explicit Family(ts::Db& db) : s(db) {
    bruno = s.pupil("Bruno");
    alice = s.pupil("Alice");
    other_class = ts::scolarite::insert_class(db, s.school, "3 A");
    zoe = ts::scolarite::insert_pupil(db, s.school, other_class, "Zoé", s.family, "2013-01-02");
    rose = s.responsable("Rose");
    paul = s.responsable("Paul", "Aaa" + s.family);
    ts::scolarite::link_pupil_responsable(db, alice, rose, 1);
    ts::scolarite::link_pupil_responsable(db, bruno, rose, 1);
    ts::scolarite::link_pupil_responsable(db, alice, paul, 2);
  }
  acc::GenerationRequest of_class(unsigned klass) const {
    acc::GenerationRequest r;
    r.establishment_id = s.school;
    r.class_id = klass;
    return r;
  }
};

const acc::Actor kBy{0, "", ""};

bool password_works(ts::Db& db, const std::string& identifier, const std::string& password) {
  auto a = acc::find_account(db, identifier);
  if (!a) return false;
  auto l = acc::current_letter(db, a->id);
  return l && acc::letter_password_matches(l->password_hash, password);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(generation, tst::RolledBack)

BOOST_AUTO_TEST_CASE(a_class_gets_one_letter_per_pupil_and_per_responsable_and_child_sorted) {
  Family f(db);
  auto g = acc::generate_letters(db, tst::tiny_argon2(), f.of_class(f.s.klass), kBy);
  BOOST_TEST(g.created == 5u);  // Alice, Bruno; Rose × Alice, Paul × Alice, Rose × Bruno
  BOOST_TEST(g.renewed + g.attached + g.unchanged == 0u);
  // Run by teleservices-admin (kBy: no staff account): the row is still the school's.
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM audit_log WHERE event = 'letters_generated' AND establishment_id = ?"
                      " AND identifier = 'teleservices-admin'",
                      f.s.school) == 1);
  BOOST_REQUIRE(g.pages.size() == 5u);
  // Pupils first (by name), then the responsables by pupil then name.
  BOOST_TEST(g.pages[0].pupil_name == "Alice " + f.s.family);
  BOOST_TEST(g.pages[0].addressee.empty());
  BOOST_TEST(g.pages[1].pupil_name == "Bruno " + f.s.family);
  BOOST_TEST(g.pages[2].addressee == "Paul Aaa" + f.s.family);
  BOOST_TEST(g.pages[2].pupil_name == "Alice " + f.s.family);
  BOOST_TEST(g.pages[3].addressee == "Rose " + f.s.family);
  BOOST_TEST(g.pages[4].pupil_name == "Bruno " + f.s.family);
  for (const auto& p : g.pages) {
    BOOST_TEST(p.class_name == "4 C");
    BOOST_TEST(p.school == "Collège " + f.s.family);
    BOOST_TEST(p.academie == "Académie de test");
    BOOST_TEST(p.password.size() == 8u);
    BOOST_TEST(password_works(db, p.identifier, p.password), p.identifier);
  }
  // Zoé (3 A) has nothing; the follow-up's slots of 4 C are all "non utilisée".
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account WHERE pupil_id = ?", f.zoe) == 0);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'letter_issued' AND detail = ?"
                          " AND account_id IN (SELECT account_id FROM account_child WHERE pupil_id IN (?, ?)"
                          " UNION SELECT id FROM account WHERE pupil_id IN (?, ?))",
                      std::string("par teleservices-admin"), f.alice, f.bruno, f.alice, f.bruno) == 5);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'letters_generated' AND detail LIKE ?",
                      f.s.uai + "%classe 4 C%5 créé(s)%") == 1);
  // Only the pupils, or only the responsables.
  auto r = f.of_class(f.other_class);
  r.responsables = false;
  auto z = acc::generate_letters(db, tst::tiny_argon2(), r, kBy);
  BOOST_TEST(z.pages.size() == 1u);
  BOOST_TEST(z.pages[0].pupil_name == "Zoé " + f.s.family);
}

BOOST_AUTO_TEST_CASE(an_active_responsable_gets_the_child_attached_and_no_letter) {
  Family f(db);
  // Rose is active with Bruno's account (her letter for Bruno used).
  auto l = f.s.responsable_letter(f.rose, f.bruno, false);
  tst::activate(db, l.account_id, "rose." + f.s.tag + "@example.org");
  auto r = f.of_class(f.s.klass);
  r.eleves = false;
  auto g = acc::generate_letters(db, tst::tiny_argon2(), r, kBy);
  BOOST_TEST(g.unchanged == 1u);  // Rose × Bruno: in service
  BOOST_TEST(g.attached == 1u);   // Rose × Alice: attached to Rose's account
  BOOST_TEST(g.created == 1u);    // Paul × Alice
  BOOST_REQUIRE(g.pages.size() == 1u);
  BOOST_TEST(g.pages[0].addressee == "Paul Aaa" + f.s.family);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ? AND pupil_id = ? AND responsable_id = ?",
                      l.account_id, f.alice, f.rose) == 1);
  // An unused letter of Rose for Alice printed before her account became
  // active: generating again closes it and attaches Alice (no second letter).
  Family h(db);
  auto old = h.s.responsable_letter(h.rose, h.alice, false);
  auto mine = h.s.responsable_letter(h.rose, h.bruno, false);
  tst::activate(db, mine.account_id, "rose." + h.s.tag + "@example.org");
  auto r2 = h.of_class(h.s.klass);
  r2.eleves = false;
  auto g2 = acc::generate_letters(db, tst::tiny_argon2(), r2, kBy);
  BOOST_TEST(g2.attached == 1u);
  BOOST_TEST(tst::sql_value(db, "SELECT state FROM account WHERE id = ?", old.account_id).value_or("") == "closed");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ? AND pupil_id = ?", mine.account_id,
                      h.alice) == 1);
}

BOOST_AUTO_TEST_CASE(generating_again_gives_new_passwords_and_kills_the_old_ones) {
  Family f(db);
  auto first = acc::generate_letters(db, tst::tiny_argon2(), f.of_class(f.s.klass), kBy);
  auto second = acc::generate_letters(db, tst::tiny_argon2(), f.of_class(f.s.klass), kBy);
  BOOST_TEST(second.created == 0u);
  BOOST_TEST(second.renewed == 5u);
  BOOST_REQUIRE(second.pages.size() == first.pages.size());
  for (size_t i = 0; i < first.pages.size(); ++i) {
    BOOST_TEST(second.pages[i].identifier == first.pages[i].identifier);  // the same accounts
    BOOST_TEST(!password_works(db, first.pages[i].identifier, first.pages[i].password));
    BOOST_TEST(password_works(db, second.pages[i].identifier, second.pages[i].password));
  }
  // An account past its first connection is left alone by a class's generation…
  auto pending = acc::find_account(db, first.pages[0].identifier);
  tst::first_connection(db, pending->id, "$argon2id$not-a-real-hash", "alice." + f.s.tag + "@example.org");
  auto third = acc::generate_letters(db, tst::tiny_argon2(), f.of_class(f.s.klass), kBy);
  BOOST_TEST(third.unchanged == 1u);
  // …but the fiche's regeneration sends it back to the letter stage.
  auto page = acc::regenerate_letter(db, tst::tiny_argon2(), f.s.school, pending->id, kBy);
  BOOST_REQUIRE(page.has_value());
  BOOST_TEST(page->pupil_name == "Alice " + f.s.family);
  BOOST_TEST(page->class_name == "4 C");
  BOOST_TEST(password_works(db, page->identifier, page->password));
  BOOST_TEST(tst::sql_value(db, "SELECT state FROM account WHERE id = ?", pending->id).value_or("") == "letter");
  // A confirmed address: no letter (the family recovers alone).
  tst::activate(db, acc::find_account(db, first.pages[1].identifier)->id, "bruno." + f.s.tag + "@example.org");
  BOOST_CHECK_THROW(acc::regenerate_letter(db, tst::tiny_argon2(), f.s.school,
                                           acc::find_account(db, first.pages[1].identifier)->id, kBy),
                    std::runtime_error);
}

BOOST_AUTO_TEST_CASE(another_schools_class_or_account_is_not_found) {
  Family a(db);
  Family b(db);
  BOOST_TEST(acc::class_of(db, a.s.school, a.s.klass).value_or("") == "4 C");
  BOOST_TEST(!acc::class_of(db, b.s.school, a.s.klass).has_value());
  // A class id of school A asked for school B: the SQL finds no pupil.
  acc::GenerationRequest r;
  r.establishment_id = b.s.school;
  r.class_id = a.s.klass;
  auto g = acc::generate_letters(db, tst::tiny_argon2(), r, kBy);
  BOOST_TEST(g.pages.empty());
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account WHERE pupil_id IN (?, ?)", a.alice, a.bruno) == 0);
  // Pupil ids of school A in a list for school B: none.
  r.class_id = 0;
  r.pupil_ids = {a.alice, a.bruno};
  BOOST_TEST(acc::generate_letters(db, tst::tiny_argon2(), r, kBy).pages.empty());
  auto mine = a.s.pupil_letter(a.alice);
  BOOST_TEST(!acc::regenerate_letter(db, tst::tiny_argon2(), b.s.school, mine.account_id, kBy).has_value());
}

BOOST_AUTO_TEST_CASE(renotify_mails_the_known_addresses_and_prints_letters_for_the_others) {
  Family f(db);
  auto alice = f.s.pupil_letter(f.alice);
  const std::string address = "alice." + f.s.tag + "@example.org";
  tst::first_connection(db, alice.account_id, "$argon2id$not-a-real-hash", address);
  const long before = sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = ?", address);
  auto n = acc::renotify_class(db, tst::config(), tst::tiny_argon2(), f.s.school, f.s.klass, false, kBy);
  BOOST_TEST(n.mailed == 1u);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = ?", address) == before + 1);
  BOOST_TEST(n.letters.pages.size() == 4u);  // Bruno, and the three responsables' letters
  for (const auto& p : n.letters.pages) BOOST_TEST(p.identifier != alice.identifier);
  // Run by teleservices-admin (kBy: no staff account): the row is still the school's.
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM audit_log WHERE event = 'letters_renotified' AND detail LIKE ?"
                      " AND establishment_id = ?",
                      std::string("classe 4 C : 1 mail(s), 4 courrier(s)%"), f.s.school) == 1);
  // With new passwords: no mail, Alice's account back to the letter stage with a letter too.
  auto m = acc::renotify_class(db, tst::config(), tst::tiny_argon2(), f.s.school, f.s.klass, true, kBy);
  BOOST_TEST(m.mailed == 0u);
  BOOST_TEST(m.letters.pages.size() == 5u);
  BOOST_TEST(m.letters.pages.back().identifier == alice.identifier);
  BOOST_TEST(tst::sql_value(db, "SELECT state FROM account WHERE id = ?", alice.account_id).value_or("") == "letter");
}

// A letter reported "je ne suis pas le représentant légal" waits for staff:
// neither a class's generation, nor a re-notification, nor the fiche gives
// that account a new letter until the report is handled (a fresh tester saw
// generation replace it and the follow-up lose "signalé").
BOOST_AUTO_TEST_CASE(a_reported_letter_is_held_back_until_its_report_is_handled) {
  Family f(db);
  auto first = acc::generate_letters(db, tst::tiny_argon2(), f.of_class(f.s.klass), kBy);
  BOOST_REQUIRE(first.created == 5u);
  const std::string rose_alice = first.pages[3].identifier;  // Rose × Alice (sorted by pupil, then name)
  const auto account = static_cast<unsigned>(sql_long(db, "SELECT id FROM account WHERE identifier = ?", rose_alice));
  const auto letter = static_cast<unsigned>(sql_long(
      db, "SELECT id FROM letter WHERE account_id = ? AND revoked_at IS NULL AND used_at IS NULL", account));
  BOOST_REQUIRE(acc::report_letter(db, account, letter));
  BOOST_TEST(acc::letter_held_back(db, account));

  auto again = acc::generate_letters(db, tst::tiny_argon2(), f.of_class(f.s.klass), kBy);
  BOOST_TEST(again.held == 1u);
  BOOST_TEST(again.renewed == 4u);
  for (const auto& p : again.pages) BOOST_TEST(p.identifier != rose_alice);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE account_id = ?", account) == 1);  // no new letter
  BOOST_TEST(sql_long(db, "SELECT revoked_at IS NULL FROM letter WHERE id = ?", letter) == 1);
  auto n = acc::renotify_class(db, tst::config(), tst::tiny_argon2(), f.s.school, f.s.klass, true, kBy);
  BOOST_TEST(n.letters.held == 1u);
  for (const auto& p : n.letters.pages) BOOST_TEST(p.identifier != rose_alice);
  BOOST_CHECK_THROW(acc::regenerate_letter(db, tst::tiny_argon2(), f.s.school, account, kBy), std::runtime_error);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE account_id = ?", account) == 1);

  // Handled ("infondé": the letter serves again): the next generation renews it.
  BOOST_TEST(acc::handle_report(db, f.s.school, letter, acc::ReportDecision::infonde, "", 0).kind ==
             acc::HandleOutcome::handled);
  BOOST_TEST(!acc::letter_held_back(db, account));
  auto after = acc::generate_letters(db, tst::tiny_argon2(), f.of_class(f.s.klass), kBy);
  BOOST_TEST(after.held == 0u);
  BOOST_TEST(after.renewed == 5u);
}

// Review of issue 13: the letter names a Mme "responsable légale": each
// responsable's page carries the civility, the fiche's regenerated letter too.
BOOST_AUTO_TEST_CASE(the_responsables_pages_carry_their_civility) {
  Family f(db);
  db.exec("UPDATE responsable SET civility = 'M.' WHERE id = ?", f.paul);
  auto g = acc::generate_letters(db, tst::tiny_argon2(), f.of_class(f.s.klass), kBy);
  BOOST_REQUIRE(g.pages.size() == 5u);
  BOOST_TEST(g.pages[0].civility.empty());  // a pupil's own letter
  BOOST_TEST(g.pages[2].addressee == "Paul Aaa" + f.s.family);
  BOOST_TEST(g.pages[2].civility == "M.");
  BOOST_TEST(acc::responsable_legal(g.pages[2].civility) == "responsable légal");
  BOOST_TEST(g.pages[3].addressee == "Rose " + f.s.family);
  BOOST_TEST(g.pages[3].civility == "Mme");
  BOOST_TEST(acc::responsable_legal(g.pages[3].civility) == "responsable légale");
  auto rose = acc::find_account(db, g.pages[3].identifier);
  BOOST_REQUIRE(rose.has_value());
  auto again = acc::regenerate_letter(db, tst::tiny_argon2(), f.s.school, rose->id, kBy);
  BOOST_REQUIRE(again.has_value());
  BOOST_TEST(again->civility == "Mme");
}

BOOST_AUTO_TEST_SUITE_END()
