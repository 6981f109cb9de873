// lib/accounts/account.h: every state change of the account life cycle
// (letter -> first connection -> pending_email / active -> closed) and the
// daily purge's selection, against MariaDB, each test in a rolled-back
// transaction.
#include "fixture.h"

#include <map>
#include <set>

#include "accounts/account.h"
#include "accounts/codes.h"
#include "accounts/family.h"
#include "accounts/letters.h"
#include "accounts/regroupement.h"
#include "accounts/sessions.h"
#include "core/crypto.h"
#include "core/text.h"

namespace acc = ts::accounts;
using tst::sql_long;
using tst::sql_value;

namespace {

// "12:letter 14:pending_email": a readable selection.
std::string listed(const std::map<unsigned, std::string>& m) {
  std::string out;
  for (const auto& [id, state] : m) out += std::to_string(id) + ":" + state + " ";
  return out;
}

long session_count(ts::Db& db, unsigned account_id) {
  return sql_long(db, "SELECT COUNT(*) FROM session WHERE account_id = ?", account_id);
}

// The stages of the account's sessions, sorted.
std::multiset<std::string> stages(ts::Db& db, unsigned account_id) {
  std::multiset<std::string> out;
  ts::Rows r = db.query("SELECT stage FROM session WHERE account_id = ?", account_id);
  while (r->next()) out.insert(r->getString(1));
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(account_life_cycle, tst::RolledBack)

BOOST_AUTO_TEST_CASE(a_letter_account_as_issued) {
  tst::SchoolData s(db);
  unsigned dylan = s.pupil("Dylan"), claire = s.responsable("Claire");
  auto l = s.responsable_letter(claire, dylan);
  auto a = acc::find_account(db, l.identifier);
  BOOST_REQUIRE(a);
  BOOST_TEST(a->id == l.account_id);
  BOOST_TEST(a->state == "letter");
  BOOST_TEST(a->kind == "responsable");
  BOOST_TEST(a->is_responsable());
  BOOST_TEST(a->display_name == "Claire " + s.family);
  BOOST_TEST(a->responsable_id == claire);
  BOOST_TEST(a->pupil_id == 0u);
  BOOST_TEST(a->password_hash == "");
  BOOST_TEST(a->email == "");
  BOOST_TEST(!a->activation_expired);
  // Identifiers are case-insensitive (the column's collation).
  BOOST_TEST(acc::find_account(db, ts::ascii_upper(l.identifier)).has_value());
  BOOST_TEST(!acc::find_account(db, l.identifier + "zz").has_value());
  auto locked = acc::lock_account(db, a->id);
  BOOST_REQUIRE(locked);
  BOOST_TEST(locked->identifier == l.identifier);
  BOOST_TEST(!acc::lock_account(db, 0).has_value());
}

BOOST_AUTO_TEST_CASE(first_connection_with_an_address_waits_for_its_confirmation) {
  tst::SchoolData s(db);
  auto l = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  std::string hash = ts::crypto::hash_password("Secret2024", tst::tiny_argon2());
  tst::first_connection(db, l.account_id, hash, "claire@example.org");
  auto a = acc::lock_account(db, l.account_id);
  BOOST_REQUIRE(a);
  BOOST_TEST(a->state == "pending_email");
  BOOST_TEST(a->pending_email == "claire@example.org");
  BOOST_TEST(a->email == "");  // not confirmed yet
  BOOST_TEST(ts::crypto::verify_password(a->password_hash, "Secret2024"));
  BOOST_TEST(!a->activation_expired);
  BOOST_TEST(sql_long(db, "SELECT TIMESTAMPDIFF(SECOND, first_connection_at, UTC_TIMESTAMP()) FROM account WHERE id = ?",
                      a->id) <= 5);
}

BOOST_AUTO_TEST_CASE(first_connection_without_an_address_is_active_at_once) {
  tst::SchoolData s(db);
  auto l = s.pupil_letter(s.pupil("Hugo"));
  tst::first_connection(db, l.account_id, "$argon2id$x", "");
  auto a = acc::lock_account(db, l.account_id);
  BOOST_REQUIRE(a);
  BOOST_TEST(a->state == "active");
  BOOST_TEST(a->pending_email == "");
  BOOST_TEST(sql_value(db, "SELECT pending_email FROM account WHERE id = ?", a->id) == std::nullopt);  // NULL, not ''
}

BOOST_AUTO_TEST_CASE(an_address_unconfirmed_for_3_months_expires_the_activation) {
  tst::SchoolData s(db);
  auto l = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  tst::first_connection(db, l.account_id, "$argon2id$x", "claire@example.org");
  db.exec("UPDATE account SET first_connection_at = UTC_TIMESTAMP() - INTERVAL 3 MONTH - INTERVAL 1 DAY WHERE id = ?",
          l.account_id);
  BOOST_TEST(acc::find_account(db, l.identifier)->activation_expired);
  db.exec("UPDATE account SET first_connection_at = UTC_TIMESTAMP() - INTERVAL 3 MONTH + INTERVAL 1 DAY WHERE id = ?",
          l.account_id);
  BOOST_TEST(!acc::find_account(db, l.identifier)->activation_expired);
}

BOOST_AUTO_TEST_CASE(confirm_address_activates_and_opens_the_pending_sessions) {
  tst::SchoolData s(db);
  unsigned dylan = s.pupil("Dylan");
  auto l = s.responsable_letter(s.responsable("Claire"), dylan);
  auto other = s.responsable_letter(s.responsable("Julien"), dylan);
  tst::first_connection(db, l.account_id, "$argon2id$x", "claire@example.org");
  acc::start_session(db, "", l.account_id, acc::stage::pending, 8);
  acc::start_session(db, "", l.account_id, acc::stage::pending, 8);
  acc::start_session(db, "", l.account_id, acc::stage::first_connection, 8);
  acc::start_session(db, "", other.account_id, acc::stage::pending, 8);  // another account's: untouched

  acc::confirm_address(db, l.account_id, "claire@example.org");
  auto a = acc::lock_account(db, l.account_id);
  BOOST_TEST(a->state == "active");
  BOOST_TEST(a->email == "claire@example.org");
  BOOST_TEST(a->pending_email == "");
  BOOST_TEST(sql_long(db, "SELECT email_confirmed_at IS NOT NULL FROM account WHERE id = ?", a->id) == 1);
  BOOST_TEST((stages(db, l.account_id) == std::multiset<std::string>{"first_connection", "full", "full"}));
  BOOST_TEST((stages(db, other.account_id) == std::multiset<std::string>{"pending"}));
}

BOOST_AUTO_TEST_CASE(confirm_address_replaces_the_address_in_force) {
  tst::SchoolData s(db);
  auto l = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  tst::activate(db, l.account_id, "old@example.org");
  acc::confirm_address(db, l.account_id, "new@example.org");  // the new-address link
  auto a = acc::lock_account(db, l.account_id);
  BOOST_TEST(a->state == "active");
  BOOST_TEST(a->email == "new@example.org");
}

BOOST_AUTO_TEST_CASE(set_password_replaces_the_hash_only) {
  tst::SchoolData s(db);
  auto l = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  tst::activate(db, l.account_id, "claire@example.org", ts::crypto::hash_password("Ancien2024", tst::tiny_argon2()));
  std::string cookie = acc::start_session(db, "", l.account_id, acc::stage::full, 8);
  acc::set_password(db, l.account_id, ts::crypto::hash_password("Nouveau2025", tst::tiny_argon2()));
  auto a = acc::lock_account(db, l.account_id);
  BOOST_TEST(ts::crypto::verify_password(a->password_hash, "Nouveau2025"));
  BOOST_TEST(!ts::crypto::verify_password(a->password_hash, "Ancien2024"));
  BOOST_TEST(a->state == "active");
  BOOST_TEST(a->email == "claire@example.org");
  // "The caller ends sessions": set_password itself does not.
  BOOST_TEST(acc::load_session(db, cookie, 30, 15).has_value());
}

BOOST_AUTO_TEST_CASE(close_account_ends_everything_the_account_held) {
  tst::SchoolData s(db);
  unsigned dylan = s.pupil("Dylan"), florian = s.pupil("Florian", "2014-09-02");
  unsigned claire = s.responsable("Claire"), julien = s.responsable("Julien");
  auto closing = s.responsable_letter(claire, dylan);
  s.responsable_letter(claire, florian, true);  // a second letter account of Claire (kept)
  auto keeper = s.responsable_letter(julien, dylan);
  auto third = s.responsable_letter(s.responsable("Karim"), s.pupil("Inès"));
  unsigned id = closing.account_id;
  acc::add_child(db, id, florian, claire);  // the closing account holds two children
  tst::activate(db, keeper.account_id, "julien@example.org");
  tst::activate(db, third.account_id, "karim@example.org");

  // Its sessions, a code, its letter, pending merges on both sides.
  std::string s1 = acc::start_session(db, "", id, acc::stage::first_connection, 8);
  std::string s2 = acc::start_session(db, "", id, acc::stage::first_connection, 8);
  std::string keep_cookie = acc::start_session(db, "", keeper.account_id, acc::stage::full, 8);
  std::string code = acc::issue_code(db, id, acc::purpose::activation, "claire@example.org", acc::kThreeMonths);
  std::string keeper_code =
      acc::issue_code(db, keeper.account_id, acc::purpose::email_change, "j@example.org", acc::Validity{60});
  acc::save_pending(db, ts::crypto::sha256("session-of-keeper"), keeper.account_id, id);  // id on the other side
  acc::save_pending(db, ts::crypto::sha256("session-of-closing"), id, third.account_id);  // id on its own side
  acc::save_pending(db, ts::crypto::sha256("unrelated"), keeper.account_id, third.account_id);
  BOOST_REQUIRE(acc::current_letter(db, id).has_value());

  acc::close_account(db, id);

  auto a = acc::lock_account(db, id);
  BOOST_TEST(a->state == "closed");
  BOOST_TEST(sql_long(db, "SELECT closed_at IS NOT NULL FROM account WHERE id = ?", id) == 1);
  // Its sessions end.
  BOOST_TEST(session_count(db, id) == 0);
  BOOST_TEST(!acc::load_session(db, s1, 30, 15).has_value());
  BOOST_TEST(!acc::load_session(db, s2, 30, 15).has_value());
  // Its codes stop working (found, but expired).
  auto c = acc::find_code(db, acc::purpose::activation, code);
  BOOST_TEST(c.found());
  BOOST_TEST(c.expired);
  BOOST_TEST(c.account_state == "closed");
  // Its unused letters are revoked.
  BOOST_TEST(!acc::current_letter(db, id).has_value());
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE account_id = ? AND revoked_at IS NULL", id) == 0);
  BOOST_TEST(acc::last_letter_hash(db, id).has_value());  // still proves who asks with it
  // It holds no child.
  BOOST_TEST(acc::count_pupils(db, id) == 0u);
  BOOST_TEST(acc::pupils_held(db, id).empty());
  // No regroupement waits with it, on either side.
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM regroupement_pending WHERE account_id = ? OR other_account_id = ?", id,
                      id) == 0);
  BOOST_TEST(!acc::pending_other(db, ts::crypto::sha256("session-of-keeper"), keeper.account_id, false));
  // Nothing of the other accounts changed.
  BOOST_TEST(acc::load_session(db, keep_cookie, 30, 15).has_value());
  BOOST_TEST(!acc::find_code(db, acc::purpose::email_change, keeper_code).expired);
  BOOST_TEST(acc::count_pupils(db, keeper.account_id) == 1u);
  BOOST_TEST(acc::pending_other(db, ts::crypto::sha256("unrelated"), keeper.account_id, false) == third.account_id);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter l JOIN account a ON a.id = l.account_id"
                          " WHERE a.responsable_id = ? AND a.id <> ? AND l.revoked_at IS NULL", claire, id) == 1);
}

BOOST_AUTO_TEST_CASE(close_account_keeps_a_used_letter_used) {
  tst::SchoolData s(db);
  auto l = s.responsable_letter(s.responsable("Claire"), s.pupil("Dylan"));
  acc::spend_letter(db, acc::current_letter(db, l.account_id)->id);
  tst::activate(db, l.account_id, "claire@example.org");
  std::string used_code = acc::issue_code(db, l.account_id, acc::purpose::activation, "c@example.org", acc::kThreeMonths);
  acc::spend_code(db, acc::find_code(db, acc::purpose::activation, used_code).id);
  acc::close_account(db, l.account_id);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE account_id = ? AND used_at IS NOT NULL AND revoked_at IS NULL",
                      l.account_id) == 1);
  auto c = acc::find_code(db, acc::purpose::activation, used_code);
  BOOST_TEST(c.used);
}

BOOST_AUTO_TEST_CASE(the_purge_selects_expired_letters_and_unconfirmed_addresses) {
  tst::SchoolData s(db);
  unsigned dylan = s.pupil("Dylan");
  auto fresh_letter = s.responsable_letter(s.responsable("Ana"), dylan);
  auto old_letter = s.responsable_letter(s.responsable("Bea"), dylan);
  auto revoked_letter = s.responsable_letter(s.responsable("Cleo"), dylan);
  auto used_then_waiting = s.responsable_letter(s.responsable("Dora"), dylan);
  auto pending_long = s.responsable_letter(s.responsable("Emma"), dylan);
  auto pending_recent = s.responsable_letter(s.responsable("Fanny"), dylan);
  auto active = s.responsable_letter(s.responsable("Gina"), dylan);
  auto closed = s.responsable_letter(s.responsable("Hana"), dylan);
  auto reissued = s.responsable_letter(s.responsable("Iris"), dylan);

  db.exec("UPDATE letter SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE account_id = ?", old_letter.account_id);
  acc::revoke_letters(db, revoked_letter.account_id);
  // Revoked early (a report judged founded), its 3 months not over: it stays;
  // revoked and past its 3 months: it goes.
  auto revoked_old = s.responsable_letter(s.responsable("Jade"), dylan);
  acc::revoke_letters(db, revoked_old.account_id);
  db.exec("UPDATE letter SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE account_id = ?",
          revoked_old.account_id);
  // Reported and waiting for staff, past its 3 months: it stays until handled.
  auto reported = s.responsable_letter(s.responsable("Kim"), dylan);
  db.exec("UPDATE letter SET reported_at = UTC_TIMESTAMP(), expires_at = UTC_TIMESTAMP() - INTERVAL 1 DAY"
          " WHERE account_id = ?",
          reported.account_id);
  // A letter account whose only letter was used (first connection elsewhere
  // rolled back, say): no live letter, so it goes.
  acc::spend_letter(db, acc::current_letter(db, used_then_waiting.account_id)->id);
  tst::first_connection(db, pending_long.account_id, "$argon2id$x", "e@example.org");
  db.exec("UPDATE account SET first_connection_at = UTC_TIMESTAMP() - INTERVAL 3 MONTH - INTERVAL 1 HOUR WHERE id = ?",
          pending_long.account_id);
  tst::first_connection(db, pending_recent.account_id, "$argon2id$x", "f@example.org");
  db.exec("UPDATE account SET first_connection_at = UTC_TIMESTAMP() - INTERVAL 2 MONTH WHERE id = ?",
          pending_recent.account_id);
  tst::activate(db, active.account_id, "g@example.org");
  db.exec("UPDATE account SET first_connection_at = UTC_TIMESTAMP() - INTERVAL 1 YEAR WHERE id = ?", active.account_id);
  acc::close_account(db, closed.account_id);
  // An expired letter replaced by a new one: the new one keeps the account.
  db.exec("UPDATE letter SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE account_id = ?", reissued.account_id);
  acc::reissue_letter(db, tst::tiny_argon2(), reissued.account_id);

  std::set<unsigned> mine(s.accounts.begin(), s.accounts.end());
  std::map<unsigned, std::string> selected;
  acc::for_each_expired_account(db, [&](unsigned id, const std::string& identifier, const std::string& state) {
    if (!mine.count(id)) return;  // other tests' committed accounts, if any
    selected[id] = state;
    BOOST_TEST(identifier == acc::lock_account(db, id)->identifier);
  });
  std::map<unsigned, std::string> expected = {{old_letter.account_id, "letter"},
                                              {revoked_old.account_id, "letter"},
                                              {used_then_waiting.account_id, "letter"},
                                              {pending_long.account_id, "pending_email"}};
  BOOST_TEST(listed(selected) == listed(expected));
  BOOST_TEST(!selected.count(fresh_letter.account_id));
  BOOST_TEST(!selected.count(revoked_letter.account_id));
  BOOST_TEST(!selected.count(reported.account_id));

  // The purge deletes them; their letters, children and sessions go with them.
  acc::start_session(db, "", pending_long.account_id, acc::stage::pending, 8);
  for (const auto& [id, state] : selected) acc::delete_account(db, id);
  BOOST_TEST(!acc::lock_account(db, pending_long.account_id).has_value());
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE account_id = ?", old_letter.account_id) == 0);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ?", old_letter.account_id) == 0);
  BOOST_TEST(session_count(db, pending_long.account_id) == 0);
  BOOST_TEST(acc::lock_account(db, fresh_letter.account_id).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
