// lib/accounts/family.h and regroupement.h: the children an account sees,
// the children it may attach with a date of birth instead of a second letter,
// and the regroupement (merge) of two accounts.
#include "fixture.h"

#include <algorithm>

#include "accounts/account.h"
#include "accounts/family.h"
#include "accounts/letters.h"
#include "accounts/regroupement.h"
#include "accounts/sessions.h"
#include "core/crypto.h"

namespace acc = ts::accounts;
using tst::sql_long;

namespace {

std::vector<unsigned> ids(const std::vector<acc::Child>& children) {
  std::vector<unsigned> out;
  for (const auto& c : children) out.push_back(c.pupil_id);
  return out;
}

// The Martin family of the demo: Claire has Dylan and Florian, Julien
// (second responsable) has Dylan. One letter per responsable and child.
struct Family : tst::RolledBack {
  tst::SchoolData s{db, "https://college.example/"};
  unsigned dylan = s.pupil("Dylan", "2012-03-14"), florian = s.pupil("Florian", "2014-09-02");
  unsigned claire = s.responsable("Claire"), julien = s.responsable("Julien");
  acc::IssuedLetter claire_dylan = s.responsable_letter(claire, dylan);
  acc::IssuedLetter claire_florian = s.responsable_letter(claire, florian);
  acc::IssuedLetter julien_dylan = s.responsable_letter(julien, dylan, true, 2);

  acc::Account account(unsigned id) { return *acc::lock_account(db, id); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(family, Family)

BOOST_AUTO_TEST_CASE(children_of_a_responsable_account_and_of_a_pupil_account) {
  acc::add_child(db, claire_dylan.account_id, florian, claire);
  auto children = acc::children_of(db, account(claire_dylan.account_id));
  BOOST_REQUIRE(children.size() == 2u);
  BOOST_TEST(children[0].pupil_id == dylan);  // by birth date: the elder first
  BOOST_TEST(children[0].first_name == "Dylan");
  BOOST_TEST(children[0].last_name == s.family);
  BOOST_TEST(children[0].class_name == "4 C");
  BOOST_TEST(children[0].establishment == "Collège " + s.family);
  BOOST_TEST(children[0].responsable_name == "Claire " + s.family);
  BOOST_TEST(children[1].pupil_id == florian);

  auto pupil = s.pupil_letter(florian);
  auto own = acc::children_of(db, account(pupil.account_id));
  BOOST_REQUIRE(own.size() == 1u);
  BOOST_TEST(own[0].pupil_id == florian);
  BOOST_TEST(own[0].responsable_name == "");
  BOOST_TEST(acc::children_of(db, account(julien_dylan.account_id)).size() == 1u);
}

BOOST_AUTO_TEST_CASE(add_child_is_idempotent_and_counted_by_pupil) {
  unsigned id = claire_dylan.account_id;
  acc::add_child(db, id, dylan, claire);  // already linked: no-op
  BOOST_TEST(acc::count_pupils(db, id) == 1u);
  acc::add_child(db, id, dylan, julien);  // the same child through another responsable
  BOOST_TEST(acc::count_pupils(db, id) == 1u);
  BOOST_TEST(acc::pupils_held(db, id).size() == 1u);
  acc::remove_children(db, id);
  BOOST_TEST(acc::count_pupils(db, id) == 0u);
}

BOOST_AUTO_TEST_CASE(school_of_an_account) {
  auto school = acc::school_of(db, claire_dylan.account_id);
  BOOST_REQUIRE(school);
  BOOST_TEST(school->name == "Collège " + s.family);
  BOOST_TEST(school->website == "https://college.example/");
  auto pupil = s.pupil_letter(dylan);
  BOOST_TEST(acc::school_of(db, pupil.account_id)->name == "Collège " + s.family);
  acc::remove_children(db, julien_dylan.account_id);
  BOOST_TEST(!acc::school_of(db, julien_dylan.account_id).has_value());
}

BOOST_AUTO_TEST_CASE(attachable_children_are_those_only_a_letter_account_holds) {
  tst::activate(db, claire_dylan.account_id, "claire@example.org");
  // Florian: linked to Claire by the school, held only by Claire's other (letter) account.
  BOOST_TEST(ids(acc::attachable_children(db, claire_dylan.account_id)) == std::vector<unsigned>{florian});
  // Julien's account sees nothing to attach: Florian is not his child.
  tst::activate(db, julien_dylan.account_id, "julien@example.org");
  BOOST_TEST(acc::attachable_children(db, julien_dylan.account_id).empty());
  // Once that letter account is activated, Florian needs a regroupement instead.
  tst::activate(db, claire_florian.account_id, "claire2@example.org");
  BOOST_TEST(acc::attachable_children(db, claire_dylan.account_id).empty());
}

BOOST_AUTO_TEST_CASE(attach_from_letters_closes_the_letter_account_that_held_only_that_pupil) {
  unsigned me = claire_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  std::string holder_session = acc::start_session(db, "", claire_florian.account_id, acc::stage::first_connection, 8);
  auto holders = acc::lock_letter_holders(db, florian, me);
  BOOST_REQUIRE(holders.size() == 1u);
  BOOST_TEST(holders[0].first == claire_florian.account_id);
  BOOST_TEST(holders[0].second == claire);

  auto closed = acc::attach_from_letters(db, me, florian, holders);
  BOOST_TEST(closed == std::vector<unsigned>{claire_florian.account_id});
  BOOST_TEST(ids(acc::pupils_held(db, me)).size() == 2u);
  BOOST_TEST(sql_long(db, "SELECT responsable_id FROM account_child WHERE account_id = ? AND pupil_id = ?", me, florian) ==
             claire);
  auto holder = account(claire_florian.account_id);
  BOOST_TEST(holder.state == "closed");
  BOOST_TEST(acc::count_pupils(db, holder.id) == 0u);
  BOOST_TEST(!acc::current_letter(db, holder.id).has_value());
  BOOST_TEST(!acc::load_session(db, holder_session, 30, 15).has_value());
  BOOST_TEST(acc::attachable_children(db, me).empty());
}

BOOST_AUTO_TEST_CASE(attach_from_letters_keeps_a_letter_account_naming_other_children) {
  unsigned me = claire_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  unsigned lea = s.pupil("Léa", "2011-11-30");
  ts::scolarite::link_pupil_responsable(db, lea, claire, 1);
  acc::add_child(db, claire_florian.account_id, lea, claire);  // that letter also names Léa
  auto holders = acc::lock_letter_holders(db, florian, me);
  BOOST_REQUIRE(holders.size() == 1u);
  auto closed = acc::attach_from_letters(db, me, florian, holders);
  BOOST_TEST(closed.empty());
  BOOST_TEST(account(claire_florian.account_id).state == "letter");
  BOOST_TEST(acc::count_pupils(db, me) == 2u);
  // Léa can still be attached the same way.
  BOOST_TEST(ids(acc::attachable_children(db, me)) == std::vector<unsigned>{lea});
}

BOOST_AUTO_TEST_CASE(merge_into_moves_the_children_and_closes_the_other_account) {
  // Claire's account (active) absorbs Julien's (active): Dylan is held by
  // both, so it does not move twice; Julien's responsable becomes represented.
  unsigned me = claire_dylan.account_id, theirs = julien_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  tst::activate(db, theirs, "julien@example.org");
  unsigned lea = s.pupil("Léa", "2011-11-30");
  ts::scolarite::link_pupil_responsable(db, lea, julien, 1);
  acc::add_child(db, theirs, lea, julien);
  std::string their_session = acc::start_session(db, "", theirs, acc::stage::full, 8);
  acc::save_pending(db, ts::crypto::sha256("my-session"), me, theirs);

  auto pair = acc::lock_pair(db, me, theirs);
  BOOST_REQUIRE(pair);
  BOOST_TEST(pair->first.id == me);
  BOOST_TEST(pair->second.id == theirs);
  BOOST_TEST(acc::merge_refusal(db, pair->first, pair->second) == "");
  auto moved = acc::merge_into(db, pair->first, pair->second);
  BOOST_REQUIRE(moved.size() == 1u);
  BOOST_TEST(moved[0].first == lea);
  BOOST_TEST(moved[0].second == julien);

  BOOST_TEST(acc::count_pupils(db, me) == 2u);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ? AND pupil_id = ?", me, dylan) == 1);
  // Compte joint: both responsables' fiches.
  auto fiches = acc::fiches_of(db, me);
  BOOST_REQUIRE(fiches.size() == 2u);
  BOOST_TEST(fiches[0].responsable_id == std::min(claire, julien));
  BOOST_TEST(fiches[1].responsable_id == std::max(claire, julien));
  // The other account is closed, with everything close_account ends.
  BOOST_TEST(account(theirs).state == "closed");
  BOOST_TEST(acc::count_pupils(db, theirs) == 0u);
  BOOST_TEST(!acc::load_session(db, their_session, 30, 15).has_value());
  BOOST_TEST(!acc::pending_other(db, ts::crypto::sha256("my-session"), me, false).has_value());
}

BOOST_AUTO_TEST_CASE(merge_refusals) {
  unsigned me = claire_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  auto a = account(me);
  BOOST_TEST(acc::merge_refusal(db, a, a).find("lui-même") != std::string::npos);
  BOOST_TEST(acc::merge_refusal(db, a, account(claire_florian.account_id)) == "");  // a letter account
  auto pupil = s.pupil_letter(dylan);
  BOOST_TEST(acc::merge_refusal(db, a, account(pupil.account_id)).find("compte élève") != std::string::npos);
  tst::first_connection(db, julien_dylan.account_id, "$argon2id$x", "julien@example.org");
  BOOST_TEST(acc::merge_refusal(db, a, account(julien_dylan.account_id)).find("pas encore été confirmée") !=
             std::string::npos);
  acc::close_account(db, julien_dylan.account_id);
  BOOST_TEST(acc::merge_refusal(db, a, account(julien_dylan.account_id)).find("fermé") != std::string::npos);
  // Only an active account absorbs another.
  BOOST_TEST(acc::merge_refusal(db, account(claire_florian.account_id), a).find("pour le moment") != std::string::npos);
  // A letter account whose letter expired (3 months) or was revoked: refused, whatever step asks.
  db.exec("UPDATE letter SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE account_id = ?",
          claire_florian.account_id);
  BOOST_TEST(acc::merge_refusal(db, a, account(claire_florian.account_id)).find("a expiré") != std::string::npos);
  ts::accounts::revoke_letters(db, claire_florian.account_id);
  BOOST_TEST(acc::merge_refusal(db, a, account(claire_florian.account_id)).find("n'est plus valable") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_pending_merge_is_the_sessions_and_lives_10_minutes) {
  unsigned me = claire_dylan.account_id, theirs = julien_dylan.account_id;
  std::string h = ts::crypto::sha256("session");
  acc::save_pending(db, h, me, theirs);
  BOOST_TEST(acc::pending_other(db, h, me, false) == theirs);
  BOOST_TEST(acc::pending_other(db, h, me, true) == theirs);
  BOOST_TEST(!acc::pending_other(db, h, theirs, false).has_value());  // bound to the account signed in
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(MINUTE, created_at, expires_at) FROM regroupement_pending"
                          " WHERE session_hash = ?", h) == acc::kPendingMinutes);
  acc::save_pending(db, h, me, claire_florian.account_id);  // one per session: replaced
  BOOST_TEST(acc::pending_other(db, h, me, false) == claire_florian.account_id);
  db.exec("UPDATE regroupement_pending SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE session_hash = ?", h);
  BOOST_TEST(acc::pending_other(db, h, me, false).has_value());  // to show the confirmation
  BOOST_TEST(!acc::pending_other(db, h, me, true).has_value());  // never to merge
  acc::drop_pending(db, h);
  BOOST_TEST(!acc::pending_other(db, h, me, false).has_value());
}

BOOST_AUTO_TEST_CASE(lock_pair_answers_in_the_callers_order) {
  unsigned low = std::min(claire_dylan.account_id, julien_dylan.account_id);
  unsigned high = std::max(claire_dylan.account_id, julien_dylan.account_id);
  auto p = acc::lock_pair(db, high, low);
  BOOST_REQUIRE(p);
  BOOST_TEST(p->first.id == high);
  BOOST_TEST(p->second.id == low);
  BOOST_TEST(!acc::lock_pair(db, low, 0).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
