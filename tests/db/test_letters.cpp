// lib/accounts/letters.h: issuing letters (identifiers base, base1, base2…),
// a new letter revoking the previous one, the letter in force, and how a
// typed letter password is compared (in capitals).
#include "fixture.h"

#include <cctype>
#include <stdexcept>

#include "accounts/account.h"
#include "accounts/family.h"
#include "accounts/identifiers.h"
#include "accounts/letters.h"
#include "core/text.h"

namespace acc = ts::accounts;
using tst::sql_long;
using tst::sql_value;

namespace {

bool letter_password_shape(const std::string& p) {
  if (p.size() != 8) return false;
  for (char c : p)
    if (std::string(acc::kLetterAlphabet).find(c) == std::string::npos) return false;
  return true;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(letters, tst::RolledBack)

BOOST_AUTO_TEST_CASE(a_responsable_letter_names_the_child_and_holds_it) {
  tst::SchoolData s(db);
  unsigned dylan = s.pupil("Dylan"), claire = s.responsable("Claire");
  auto l = s.responsable_letter(claire, dylan);
  BOOST_TEST(l.identifier == s.identifier_of("Claire"));
  BOOST_TEST(letter_password_shape(l.password), l.password);
  auto letter = acc::current_letter(db, l.account_id);
  BOOST_REQUIRE(letter);
  BOOST_TEST(letter->pupil_id == dylan);
  BOOST_TEST(!letter->expired);
  BOOST_TEST(acc::letter_password_matches(letter->password_hash, l.password));
  // Valid 3 months.
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(DAY, created_at, expires_at) BETWEEN 89 AND 92 FROM letter WHERE id = ?",
                      letter->id) == 1);
  // The account holds the child through Claire.
  auto held = acc::pupils_held(db, l.account_id);
  BOOST_REQUIRE(held.size() == 1u);
  BOOST_TEST(held[0].pupil_id == dylan);
  BOOST_TEST(sql_long(db, "SELECT responsable_id FROM account_child WHERE account_id = ?", l.account_id) == claire);
}

BOOST_AUTO_TEST_CASE(a_pupil_letter_is_the_pupils_own_account) {
  tst::SchoolData s(db);
  unsigned hugo = s.pupil("Hugo");
  auto l = s.pupil_letter(hugo);
  auto a = acc::lock_account(db, l.account_id);
  BOOST_TEST(a->kind == "eleve");
  BOOST_TEST(a->pupil_id == hugo);
  BOOST_TEST(a->responsable_id == 0u);
  BOOST_TEST(a->identifier == s.identifier_of("Hugo"));
  BOOST_TEST(acc::current_letter(db, l.account_id)->pupil_id == hugo);
  BOOST_TEST(acc::count_pupils(db, l.account_id) == 0u);  // a pupil account holds no child
}

BOOST_AUTO_TEST_CASE(identifiers_of_one_name_are_base_base1_base2) {
  tst::SchoolData s(db);
  unsigned p1 = s.pupil("Dylan"), p2 = s.pupil("Florian"), p3 = s.pupil("Léa");
  // Three responsables named alike (Claire, Céline, Chloé + the family name), one per letter.
  auto a = s.responsable_letter(s.responsable("Claire"), p1);
  auto b = s.responsable_letter(s.responsable("Céline"), p2);
  auto c = s.responsable_letter(s.responsable("Chloé"), p3);
  std::string base = s.identifier_of("C");
  BOOST_TEST(a.identifier == base);
  BOOST_TEST(b.identifier == base + "1");
  BOOST_TEST(c.identifier == base + "2");
  // A gap is not reused: after base5 comes base6.
  db.exec("UPDATE account SET identifier = ? WHERE id = ?", base + "5", c.account_id);
  auto d = s.responsable_letter(s.responsable("Cyril"), p1);
  BOOST_TEST(d.identifier == base + "6");
  // The same person again (a second child): a new account, next suffix.
  auto e = s.responsable_letter(s.responsables[0], p2);
  BOOST_TEST(e.identifier == base + "7");
  BOOST_TEST(e.account_id != a.account_id);
}

BOOST_AUTO_TEST_CASE(identifier_base_folds_accents_and_drops_the_rest) {
  BOOST_TEST(acc::identifier_base("Élodie", "Le Bihan-Côté") == "elebihancote");
  BOOST_TEST(acc::with_suffix("cri", 0) == "cri");
  BOOST_TEST(acc::with_suffix("cri", 2) == "cri2");
}

BOOST_AUTO_TEST_CASE(a_typed_letter_password_is_compared_in_capitals) {
  tst::SchoolData s(db);
  auto l = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  std::string hash = acc::current_letter(db, l.account_id)->password_hash;
  BOOST_TEST(acc::letter_password_matches(hash, l.password));
  BOOST_TEST(acc::letter_password_matches(hash, ts::ascii_lower(l.password)));
  std::string mixed = l.password;
  mixed[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(mixed[0])));
  BOOST_TEST(acc::letter_password_matches(hash, mixed));
  BOOST_TEST(!acc::letter_password_matches(hash, l.password + "A"));
  BOOST_TEST(!acc::letter_password_matches(hash, ""));
  BOOST_TEST(!acc::letter_password_matches("not-a-hash", l.password));
}

BOOST_AUTO_TEST_CASE(reissue_revokes_the_previous_letter) {
  tst::SchoolData s(db);
  unsigned dylan = s.pupil("Dylan");
  auto first = s.responsable_letter(s.responsable("Claire"), dylan);
  unsigned first_letter = acc::current_letter(db, first.account_id)->id;
  auto second = acc::reissue_letter(db, tst::tiny_argon2(), first.account_id);
  BOOST_TEST(second.account_id == first.account_id);
  BOOST_TEST(second.identifier == first.identifier);
  BOOST_TEST(letter_password_shape(second.password));
  auto now = acc::current_letter(db, first.account_id);
  BOOST_REQUIRE(now);
  BOOST_TEST(now->id != first_letter);
  BOOST_TEST(now->pupil_id == dylan);  // the same child as the last letter
  BOOST_TEST(acc::letter_password_matches(now->password_hash, second.password));
  if (second.password != first.password) BOOST_TEST(!acc::letter_password_matches(now->password_hash, first.password));
  BOOST_TEST(sql_long(db, "SELECT revoked_at IS NOT NULL FROM letter WHERE id = ?", first_letter) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE account_id = ? AND revoked_at IS NULL AND used_at IS NULL",
                      first.account_id) == 1);
  BOOST_TEST(acc::last_letter_hash(db, first.account_id) == now->password_hash);
}

BOOST_AUTO_TEST_CASE(reissue_refuses_an_account_past_its_letter) {
  tst::SchoolData s(db);
  auto l = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  tst::activate(db, l.account_id, "claire@example.org");
  BOOST_CHECK_THROW(acc::reissue_letter(db, tst::tiny_argon2(), l.account_id), std::runtime_error);
  BOOST_CHECK_THROW(acc::reissue_letter(db, tst::tiny_argon2(), 0), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(the_letter_in_force_is_neither_used_nor_revoked_and_may_be_expired) {
  tst::SchoolData s(db);
  auto l = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  auto letter = acc::current_letter(db, l.account_id);
  BOOST_REQUIRE(letter);
  db.exec("UPDATE letter SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id = ?", letter->id);
  BOOST_TEST(acc::current_letter(db, l.account_id)->expired);  // still the one in force, marked expired
  acc::spend_letter(db, letter->id);
  BOOST_TEST(!acc::current_letter(db, l.account_id).has_value());
  BOOST_TEST(acc::last_letter_hash(db, l.account_id) == letter->password_hash);
  BOOST_TEST(!acc::current_letter(db, 0).has_value());
  BOOST_TEST(!acc::last_letter_hash(db, 0).has_value());
}

BOOST_AUTO_TEST_CASE(accounts_waiting_lists_the_schools_letter_accounts) {
  tst::SchoolData s(db);
  unsigned dylan = s.pupil("Dylan", "2012-03-14");
  auto waiting = s.responsable_letter(s.responsable("Claire"), dylan);
  auto pupil = s.pupil_letter(dylan);
  auto done = s.responsable_letter(s.responsable("Julien"), dylan);
  tst::activate(db, done.account_id, "julien@example.org");
  auto list = acc::accounts_waiting(db, s.uai);
  BOOST_REQUIRE(list.size() == 2u);
  // (Order: ORDER BY kind DESC sorts the ENUM by its index, so pupils come
  // first; nothing documents an order, so none is asserted here.)
  const auto& r = list[0].kind == "responsable" ? list[0] : list[1];
  const auto& p = list[0].kind == "responsable" ? list[1] : list[0];
  BOOST_TEST(r.account_id == waiting.account_id);
  BOOST_TEST(r.kind == "responsable");
  BOOST_TEST(r.display_name == "Claire " + s.family);
  BOOST_TEST(r.child_name == "Dylan " + s.family);
  BOOST_TEST(r.class_name == "4 C");
  BOOST_TEST(r.birth_date == "14/03/2012");
  BOOST_TEST(p.account_id == pupil.account_id);
  BOOST_TEST(p.kind == "eleve");
  BOOST_TEST(acc::accounts_waiting(db, "T0000000").empty());
}

BOOST_AUTO_TEST_SUITE_END()
