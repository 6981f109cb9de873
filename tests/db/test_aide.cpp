// issue 13 — aide. lib/accounts/merge_record.h: a regroupement recorded at
// merge time and undone by the school's helpdesk: both accounts exactly as
// before (rows compared before the merge and after the undo), refusals, scope.
// lib/accounts/reports.h: a letter reported, suspended, handled.
// lib/accounts/inactivity.h: warned at 335 days, closed at 365 (warned 30 days before).
#include "fixture.h"

#include <algorithm>

#include "accounts/account.h"
#include "accounts/family.h"
#include "accounts/inactivity.h"
#include "accounts/letters.h"
#include "accounts/merge_record.h"
#include "accounts/regroupement.h"
#include "accounts/reports.h"
#include "staff/permissions.h"

namespace acc = ts::accounts;
using tst::sql_long;
using tst::sql_value;

namespace {

// Everything the merge may change of an account, as one string: the row
// (without security_stamp: the codes mailed before a merge stay cancelled),
// its children links, the responsables it represents, its letters.
constexpr const char* kAccountRow =
    "SELECT CONCAT_WS('|', identifier, kind, state, display_name, COALESCE(responsable_id, '-'),"
    " COALESCE(pupil_id, '-'), COALESCE(password_hash, '-'), COALESCE(email, '-'), COALESCE(pending_email, '-'),"
    " COALESCE(email_confirmed_at, '-'), COALESCE(first_connection_at, '-'), created_at, COALESCE(closed_at, '-'),"
    " failed_logins, COALESCE(locked_until, '-'), COALESCE(last_login_at, '-')) FROM account WHERE id = ?";
constexpr const char* kChildren =
    "SELECT COALESCE(GROUP_CONCAT(CONCAT_WS('|', pupil_id, responsable_id, COALESCE(attached_at, '-'))"
    " ORDER BY pupil_id, responsable_id), '') FROM account_child WHERE account_id = ?";
constexpr const char* kRepresented =
    "SELECT COALESCE(GROUP_CONCAT(responsable_id ORDER BY responsable_id), '') FROM account_responsable"
    " WHERE account_id = ?";
constexpr const char* kLetters =
    "SELECT COALESCE(GROUP_CONCAT(CONCAT_WS('|', id, pupil_id, COALESCE(used_at, '-'), COALESCE(revoked_at, '-'))"
    " ORDER BY id), '') FROM letter WHERE account_id = ?";

struct Merges : tst::RolledBack {
  tst::SchoolData s{db};
  unsigned dylan = s.pupil("Dylan", "2012-03-14"), florian = s.pupil("Florian", "2014-09-02");
  unsigned lea = s.pupil("Léa", "2011-11-30");
  unsigned claire = s.responsable("Claire"), julien = s.responsable("Julien");
  acc::IssuedLetter claire_dylan = s.responsable_letter(claire, dylan);
  acc::IssuedLetter julien_dylan = s.responsable_letter(julien, dylan, true, 2);
  unsigned secretary = tst::staff_member(db, s.school, ts::staff::bit(ts::staff::Role::secretariat), "Sam", s.family);

  Merges() {
    // Julien's account also holds Léa and Florian (through him).
    ts::scolarite::link_pupil_responsable(db, lea, julien, 1);
    ts::scolarite::link_pupil_responsable(db, florian, julien, 1);
    acc::add_child(db, julien_dylan.account_id, lea, julien);
    acc::attach_child(db, julien_dylan.account_id, florian, julien);
  }
  acc::Account account(unsigned id) { return *acc::lock_account(db, id); }
  std::string snapshot(unsigned id) {
    std::string out;
    for (const char* q : {kAccountRow, kChildren, kRepresented, kLetters}) out += sql_value(db, q, id).value_or("") + "\n";
    return out;
  }
  // Claire (active) merges Julien's account into hers; the record's id.
  unsigned merge(unsigned mine, unsigned theirs) {
    auto pair = acc::lock_pair(db, mine, theirs);
    BOOST_REQUIRE(pair);
    BOOST_REQUIRE(acc::merge_refusal(db, pair->first, pair->second) == "");
    acc::merge_into(db, pair->first, pair->second);
    return static_cast<unsigned>(sql_long(db, "SELECT MAX(id) FROM regroupement_record WHERE kept_account_id = ?", mine));
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(aide_undo_merge, Merges)

BOOST_AUTO_TEST_CASE(undo_restores_both_accounts_exactly_an_active_account) {
  unsigned me = claire_dylan.account_id, theirs = julien_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  tst::activate(db, theirs, "julien@example.org");
  const std::string mine_before = snapshot(me), theirs_before = snapshot(theirs);

  unsigned record = merge(me, theirs);
  BOOST_TEST(account(theirs).state == "closed");
  BOOST_TEST(acc::count_pupils(db, me) == 3u);
  BOOST_TEST(snapshot(me) != mine_before);

  auto list = acc::merge_records(db, s.school, 10);
  BOOST_REQUIRE(list.size() == 1u);
  BOOST_TEST(list[0].id == record);
  BOOST_TEST(list[0].closed_state == "active");
  BOOST_TEST(list[0].undone_at == 0);
  BOOST_TEST(list[0].children.find("Léa") != std::string::npos);

  auto outcome = acc::undo_merge(db, s.school, record, account(secretary));
  BOOST_TEST(outcome.kind == acc::UndoOutcome::undone);
  BOOST_TEST(outcome.kept_identifier == account(me).identifier);
  BOOST_TEST(outcome.closed_identifier == account(theirs).identifier);
  BOOST_TEST(snapshot(me) == mine_before);
  BOOST_TEST(snapshot(theirs) == theirs_before);

  list = acc::merge_records(db, s.school, 10);
  BOOST_REQUIRE(list.size() == 1u);
  BOOST_TEST(list[0].undone_at != 0);
  BOOST_TEST(list[0].undone_by == account(secretary).identifier);
}

BOOST_AUTO_TEST_CASE(undo_gives_back_a_letter_account_its_letter) {
  // Claire absorbs Julien's unused letter account: its letter is revoked by
  // the close, and works again after the undo.
  unsigned me = claire_dylan.account_id, theirs = julien_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  const std::string mine_before = snapshot(me), theirs_before = snapshot(theirs);
  unsigned record = merge(me, theirs);
  BOOST_TEST(!acc::current_letter(db, theirs).has_value());
  BOOST_TEST(acc::undo_merge(db, s.school, record, account(secretary)).kind == acc::UndoOutcome::undone);
  BOOST_TEST(snapshot(me) == mine_before);
  BOOST_TEST(snapshot(theirs) == theirs_before);
  auto letter = acc::current_letter(db, theirs);
  BOOST_REQUIRE(letter.has_value());
  BOOST_TEST(acc::letter_password_matches(letter->password_hash, julien_dylan.password));
  BOOST_TEST(account(theirs).state == "letter");
}

BOOST_AUTO_TEST_CASE(undo_twice_is_refused_and_changes_nothing) {
  unsigned me = claire_dylan.account_id, theirs = julien_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  unsigned record = merge(me, theirs);
  BOOST_TEST(acc::undo_merge(db, s.school, record, account(secretary)).kind == acc::UndoOutcome::undone);
  const std::string mine = snapshot(me), their = snapshot(theirs);
  auto again = acc::undo_merge(db, s.school, record, account(secretary));
  BOOST_TEST(again.kind == acc::UndoOutcome::refused);
  BOOST_TEST(again.message.find("déjà été annulé") != std::string::npos);
  BOOST_TEST(snapshot(me) == mine);
  BOOST_TEST(snapshot(theirs) == their);
}

BOOST_AUTO_TEST_CASE(undo_is_refused_when_the_kept_account_was_closed_since) {
  unsigned me = claire_dylan.account_id, theirs = julien_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  unsigned record = merge(me, theirs);
  acc::close_account(db, me);
  const std::string mine = snapshot(me), their = snapshot(theirs);
  auto outcome = acc::undo_merge(db, s.school, record, account(secretary));
  BOOST_TEST(outcome.kind == acc::UndoOutcome::refused);
  BOOST_TEST(outcome.message.find("a été fermé depuis") != std::string::npos);
  BOOST_TEST(outcome.message.find("Aucun compte n'a été modifié") != std::string::npos);
  BOOST_TEST(snapshot(me) == mine);
  BOOST_TEST(snapshot(theirs) == their);
}

BOOST_AUTO_TEST_CASE(undo_is_refused_when_the_moved_children_changed_since) {
  unsigned me = claire_dylan.account_id, theirs = julien_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  unsigned record = merge(me, theirs);
  db.exec("DELETE FROM account_child WHERE account_id = ? AND pupil_id = ?", me, lea);
  auto outcome = acc::undo_merge(db, s.school, record, account(secretary));
  BOOST_TEST(outcome.kind == acc::UndoOutcome::refused);
  BOOST_TEST(outcome.message.find("ont changé depuis") != std::string::npos);
  BOOST_TEST(account(theirs).state == "closed");
}

BOOST_AUTO_TEST_CASE(another_school_neither_sees_nor_undoes_the_merge) {
  unsigned me = claire_dylan.account_id, theirs = julien_dylan.account_id;
  tst::activate(db, me, "claire@example.org");
  unsigned record = merge(me, theirs);
  tst::SchoolData other{db};
  unsigned their_secretary =
      tst::staff_member(db, other.school, ts::staff::bit(ts::staff::Role::secretariat), "Sam", other.family);
  BOOST_TEST(acc::merge_records(db, other.school, 10).empty());
  BOOST_TEST(acc::undo_merge(db, other.school, record, account(their_secretary)).kind == acc::UndoOutcome::not_found);
  BOOST_TEST(account(theirs).state == "closed");
  BOOST_TEST(acc::undo_merge(db, s.school, record + 1000000, account(secretary)).kind ==
             acc::UndoOutcome::not_found);
  // The académie (scope 0) sees every school's merges.
  BOOST_TEST(!acc::merge_records(db, 0, 1000).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(aide_reports, Merges)

BOOST_AUTO_TEST_CASE(a_reported_letter_is_suspended_until_handled_infonde_lets_it_serve_again) {
  unsigned julien_account = julien_dylan.account_id;
  auto letter = acc::current_letter(db, julien_account);
  BOOST_REQUIRE(letter);
  BOOST_TEST(!acc::letter_suspended(db, letter->id));
  BOOST_TEST(acc::report_letter(db, julien_account, letter->id));
  BOOST_TEST(acc::letter_suspended(db, letter->id));
  BOOST_TEST(!acc::report_letter(db, julien_account, letter->id), "reported once");
  BOOST_TEST(!acc::report_letter(db, claire_dylan.account_id, letter->id), "another account's letter");
  // A suspended letter cannot be merged.
  tst::activate(db, claire_dylan.account_id, "claire@example.org");
  BOOST_TEST(acc::merge_refusal(db, account(claire_dylan.account_id), account(julien_account)).find("signalé") !=
             std::string::npos);

  auto waiting = acc::reports(db, s.school, false, 10);
  BOOST_REQUIRE(waiting.size() == 1u);
  BOOST_TEST(waiting[0].letter_id == letter->id);
  BOOST_TEST(waiting[0].identifier == julien_dylan.identifier);
  BOOST_TEST(waiting[0].pupil_name == "Dylan " + s.family);
  BOOST_TEST(waiting[0].class_name == "4 C");
  // The follow-up: signalé while waiting.
  BOOST_TEST(*sql_value(db,
                        "SELECT COUNT(*) FROM letter l WHERE l.id = ? AND l.reported_at IS NOT NULL"
                        " AND l.report_handled_at IS NULL",
                        letter->id) == "1");

  // Another school: not found, nothing changed.
  tst::SchoolData other{db};
  BOOST_TEST(acc::reports(db, other.school, false, 10).empty());
  BOOST_TEST(acc::handle_report(db, other.school, letter->id, acc::ReportDecision::infonde, "", secretary).kind ==
             acc::HandleOutcome::not_found);
  BOOST_TEST(acc::letter_suspended(db, letter->id));

  auto done = acc::handle_report(db, s.school, letter->id, acc::ReportDecision::infonde, "Vérifié par téléphone",
                                 secretary);
  BOOST_TEST(done.kind == acc::HandleOutcome::handled);
  BOOST_TEST(done.identifier == julien_dylan.identifier);
  BOOST_TEST(!acc::letter_suspended(db, letter->id));
  BOOST_TEST(acc::report_judged_unfounded(db, letter->id));
  BOOST_TEST(!acc::report_letter(db, julien_account, letter->id), "judged: not reported again");
  auto again = acc::current_letter(db, julien_account);
  BOOST_REQUIRE(again);
  BOOST_TEST(again->id == letter->id, "the letter serves again");
  BOOST_TEST(acc::reports(db, s.school, false, 10).empty());
  auto handled = acc::reports(db, s.school, true, 10);
  BOOST_REQUIRE(handled.size() == 1u);
  BOOST_TEST(handled[0].decision == "infonde");
  BOOST_TEST(handled[0].comment == "Vérifié par téléphone");
  BOOST_TEST(handled[0].handled_by == account(secretary).identifier);
  BOOST_TEST(acc::handle_report(db, s.school, letter->id, acc::ReportDecision::annule, "", secretary).kind ==
             acc::HandleOutcome::already);
  BOOST_TEST(acc::current_letter(db, julien_account).has_value(), "a second decision changes nothing");
}

BOOST_AUTO_TEST_CASE(courrier_annule_keeps_the_letter_revoked) {
  unsigned julien_account = julien_dylan.account_id;
  auto letter = acc::current_letter(db, julien_account);
  BOOST_REQUIRE(letter);
  BOOST_TEST(acc::report_letter(db, julien_account, letter->id));
  BOOST_TEST(acc::handle_report(db, s.school, letter->id, acc::ReportDecision::annule, "", secretary).kind ==
             acc::HandleOutcome::handled);
  BOOST_TEST(!acc::current_letter(db, julien_account).has_value());
  BOOST_TEST(sql_long(db, "SELECT revoked_at IS NOT NULL FROM letter WHERE id = ?", letter->id) == 1);
  BOOST_TEST(!sql_value(db, "SELECT report_comment FROM letter WHERE id = ?", letter->id).has_value(),
             "an empty comment is none");
}

BOOST_AUTO_TEST_SUITE_END()

namespace {
bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

BOOST_FIXTURE_TEST_SUITE(aide_inactivity, Merges)

BOOST_AUTO_TEST_CASE(warned_once_at_335_days_closed_at_365_after_the_notice) {
  acc::IssuedLetter lea_pupil = s.pupil_letter(lea), florian_pupil = s.pupil_letter(florian);
  const unsigned idle = claire_dylan.account_id, old = julien_dylan.account_id, recent = lea_pupil.account_id,
                 never_warned = florian_pupil.account_id;
  tst::activate(db, idle, "claire@example.org");
  tst::activate(db, old, "julien@example.org");
  tst::activate(db, recent, "");
  tst::activate(db, never_warned, "");
  db.exec("UPDATE account SET last_login_at = UTC_TIMESTAMP() - INTERVAL 340 DAY WHERE id = ?", idle);
  db.exec("UPDATE account SET last_login_at = UTC_TIMESTAMP() - INTERVAL 370 DAY,"
          " inactivity_warned_at = UTC_TIMESTAMP() - INTERVAL 31 DAY WHERE id = ?", old);
  db.exec("UPDATE account SET last_login_at = UTC_TIMESTAMP() - INTERVAL 10 DAY WHERE id = ?", recent);
  db.exec("UPDATE account SET last_login_at = UTC_TIMESTAMP() - INTERVAL 400 DAY WHERE id = ?", never_warned);
  const std::string idle_id = account(idle).identifier, old_id = account(old).identifier,
                    recent_id = account(recent).identifier, never_id = account(never_warned).identifier;
  const long mails = sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = 'claire@example.org'");

  // Dry: said, nothing written.
  auto dry = acc::run_inactivity(db, true);
  BOOST_TEST(has(dry.warned, idle_id));
  BOOST_TEST(has(dry.closed, old_id));
  BOOST_TEST(account(old).state == "active");
  BOOST_TEST(!sql_value(db, "SELECT inactivity_warned_at FROM account WHERE id = ?", idle).has_value());
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = 'claire@example.org'") == mails);

  auto run = acc::run_inactivity(db, false);
  BOOST_TEST(has(run.warned, idle_id));
  BOOST_TEST(has(run.warned, never_id), "never warned: warned first, not closed");
  BOOST_TEST(!has(run.warned, recent_id));
  BOOST_TEST(has(run.closed, old_id));
  BOOST_TEST(!has(run.closed, never_id));
  BOOST_TEST(run.warned_without_address >= 1u);
  BOOST_TEST(account(old).state == "closed");
  BOOST_TEST(account(never_warned).state == "active");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = 'claire@example.org'") == mails + 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'inactivity_closed' AND account_id = ?", old) == 1);
  // Once: a second run warns nobody again.
  auto again = acc::run_inactivity(db, false);
  BOOST_TEST(!has(again.warned, idle_id));
  BOOST_TEST(!has(again.closed, idle_id), "warned today: 30 days of notice first");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = 'claire@example.org'") == mails + 1);
  // A sign-in after the warning re-arms it: idle again later, warned again.
  db.exec("UPDATE account SET inactivity_warned_at = UTC_TIMESTAMP() - INTERVAL 400 DAY,"
          " last_login_at = UTC_TIMESTAMP() - INTERVAL 370 DAY WHERE id = ?", idle);
  auto rearmed = acc::run_inactivity(db, false);
  BOOST_TEST(has(rearmed.warned, idle_id));
  BOOST_TEST(!has(rearmed.closed, idle_id));
  // Staff accounts are never concerned.
  db.exec("UPDATE account SET last_login_at = UTC_TIMESTAMP() - INTERVAL 400 DAY,"
          " inactivity_warned_at = UTC_TIMESTAMP() - INTERVAL 40 DAY WHERE id = ?", secretary);
  auto staff = acc::run_inactivity(db, false);
  BOOST_TEST(!has(staff.closed, account(secretary).identifier));
  BOOST_TEST(!has(staff.warned, account(secretary).identifier));
}

BOOST_AUTO_TEST_SUITE_END()
