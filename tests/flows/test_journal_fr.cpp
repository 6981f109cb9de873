// The audit trail is read by school secretaries and the académie (the
// journal, a family's fiche, docs/STAFF.md): every row's detail is plain
// French. The common actions are driven through the real handlers — a
// family's wrong letter password, its sign-in with the letter, a wrong date
// of birth, the first connection, wrong passwords up to the lock, a sign-in
// refused while locked, the secretary's help (unlock, resend, correct the
// address), the activation, a sign-in and a sign-out; a staff member's wrong
// password, its password step and a wrong code; the family's regroupement
// and a child attached (accounts named by identifier, never "n° 123") — and
// no detail of the rows they wrote may hold the English words the trail once had.
#include <algorithm>
#include <cctype>
#include <regex>

#include "accounts/letters.h"
#include "client.h"
#include "core/crypto.h"
#include "scolarite/records.h"
#include "staff/staff.h"
#include "web/session.h"

using flows::call;
using flows::ctx;
using flows::get;
using flows::Req;
using flows::Res;
using flows::staff_cast;
using tst::sql_long;
using tst::sql_value;

namespace {

// One client address for this test's requests: its failures are not counted
// against the other tests' default address.
const std::string kClient = "198.51.100." + tst::tag();
// And a second one, for the steps after the failures of the first.
const std::string kOtherClient = "203.0.113." + tst::tag();

// A POST from kClient, with the session's CSRF token (or a fresh ts_pre
// cookie's when there is no session).
Res post_here(const std::string& path, std::vector<std::pair<std::string, std::string>> form,
              const std::string& session = "", const std::string& client = kClient) {
  Req r;
  r.method = "POST";
  r.path = path;
  r.remote = client;
  if (!session.empty()) r.cookies[ts::web::kSessionCookie] = session;
  else r.cookies[ts::web::kPreCookie] = ts::crypto::new_token(256);
  form.emplace_back("csrf_token", flows::csrf_for(r.cookies));
  r.form = std::move(form);
  return call(r);
}

std::string session_of(const Res& res) { return res.cookie(ts::web::kSessionCookie).value_or(""); }

// The activation code of the latest mail to `address` ("" when none).
std::string activation_code(const std::string& address) {
  auto body = sql_value(ctx().db, "SELECT body_text FROM outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1",
                        address);
  std::smatch m;
  if (!body || !std::regex_search(*body, m, std::regex("/validerAdresseMail\\?code=([A-Za-z0-9_-]+)"))) return "";
  return m[1].str();
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(journal_fr)

BOOST_AUTO_TEST_CASE(the_details_of_the_common_actions_are_in_french) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  const long before = sql_long(db, "SELECT COALESCE(MAX(id), 0) FROM audit_log");
  const std::string tag = tst::tag(), last = "Journal" + tst::capitalised(tag);
  const std::string address = lower("anne." + last + "@example.org"), fixed = lower("anne2." + last + "@example.org");
  const std::string password = "Tilleul2024";

  // A responsable's letter (school A, class "4 C").
  const auto issued = flows::school_a_letter("Anne", last);
  const std::string identifier = issued.identifier, letter_password = issued.password;
  const unsigned account = issued.account_id;

  // The family: a wrong letter password, the letter, a wrong date, the first connection.
  BOOST_TEST(post_here("/connexion", {{"identifiant", identifier}, {"mot_de_passe", "ZZZZ2222"}}).status() == 422);
  const std::string letter = session_of(post_here("/connexion", {{"identifiant", identifier}, {"mot_de_passe", letter_password}}));
  BOOST_REQUIRE(!letter.empty());
  const std::vector<std::pair<std::string, std::string>> first = {{"mot_de_passe", password},
                                                                  {"mot_de_passe_confirmation", password},
                                                                  {"email", address},
                                                                  {"email_confirmation", address}};
  auto with_date = [&](const char* date) {
    auto f = first;
    f.emplace_back("date_naissance", date);
    return f;
  };
  BOOST_TEST(post_here("/premiere-connexion", with_date("01/01/2011"), letter).status() == 422);
  BOOST_TEST(post_here("/premiere-connexion", with_date("02/05/2012"), letter).status() == 303);

  // Wrong passwords up to the lock; then even the right one is refused.
  for (int i = 0; i < ctx().cfg.max_failed_logins; ++i)
    post_here("/connexion", {{"identifiant", identifier}, {"mot_de_passe", "PasLeBon2024"}});
  BOOST_TEST(sql_long(db, "SELECT locked_until > UTC_TIMESTAMP() FROM account WHERE id = ?", account) == 1);
  post_here("/connexion", {{"identifiant", identifier}, {"mot_de_passe", password}});

  // The secretary's help: unlock, resend, correct the address.
  const std::string id = std::to_string(account);
  BOOST_TEST(post_here("/etablissement/famille/deverrouiller", {{"id", id}}, s.secretariat_a_session).status() == 303);
  // (the first connection's mail is made older than the resend interval)
  db.exec("UPDATE email_token SET created_at = created_at - INTERVAL 1 HOUR WHERE account_id = ?", account);
  BOOST_TEST(post_here("/etablissement/famille/renvoyer", {{"id", id}}, s.secretariat_a_session).status() == 303);
  BOOST_TEST(post_here("/etablissement/famille/adresse",
                       {{"id", id}, {"nouvelle_adresse", fixed}, {"confirmation_adresse", fixed}},
                       s.secretariat_a_session)
                 .status() == 303);

  // The activation, a sign-in, a sign-out.
  const std::string code = activation_code(fixed);
  BOOST_REQUIRE(!code.empty());
  BOOST_TEST(get("/validerAdresseMail", "", "code=" + code).status() == 200);
  const std::string full = session_of(post_here("/connexion", {{"identifiant", identifier}, {"mot_de_passe", password}}));
  BOOST_REQUIRE(!full.empty());
  post_here("/deconnexion", {}, full);

  // A staff member: a wrong password, the password step, a wrong code.
  std::string staff_identifier;
  {
    ts::Transaction tx(db);
    ts::staff::NewStaff n;
    n.first_name = "Paul";
    n.last_name = last;
    n.email = lower("paul." + last + "@example.org");
    n.establishment_id = s.school_a;
    n.roles = ts::staff::bit(ts::staff::Role::secretariat);
    auto created = ts::staff::create_staff(db, n);
    ts::staff::enrol_password(db, created.account_id, ts::crypto::hash_password(password, tst::tiny_argon2()));
    staff_identifier = created.identifier;
    tx.commit();
  }
  BOOST_TEST(post_here("/personnel", {{"identifiant", staff_identifier}, {"mot_de_passe", "PasLeBon2024"}}).status() ==
             422);
  const std::string factor = session_of(post_here("/personnel", {{"identifiant", staff_identifier}, {"mot_de_passe", password}}));
  BOOST_REQUIRE(!factor.empty());
  BOOST_TEST(post_here("/personnel/code", {{"code", "000000"}}, factor).status() == 422);

  // The family's regroupement (issue 13 review): Paul's letter account for
  // Zoé merged into Anne's, then her son Léo, whose letter account held only
  // him, attached with his date of birth (another client address: this one
  // has failures enough).
  unsigned paul_account = 0, leo = 0, leo_account = 0;
  std::string paul_identifier, leo_identifier, letter_of_paul;
  {
    ts::Transaction tx(db);
    const unsigned zoe = static_cast<unsigned>(sql_long(db, "SELECT pupil_id FROM letter WHERE account_id = ?", account));
    const unsigned anne = static_cast<unsigned>(sql_long(db, "SELECT responsable_id FROM account WHERE id = ?", account));
    const unsigned paul = ts::scolarite::insert_responsable(db, "M.", "Paul", last, "");
    ts::scolarite::link_pupil_responsable(db, zoe, paul, 2);
    const auto p = ts::accounts::issue_responsable_letter(db, tst::tiny_argon2(), paul, zoe);
    paul_account = p.account_id;
    paul_identifier = p.identifier;
    letter_of_paul = p.password;
    leo = ts::scolarite::insert_pupil(db, s.school_a, s.class_a, "Léo", last, "2013-09-14");
    ts::scolarite::link_pupil_responsable(db, leo, anne, 1);
    const auto l = ts::accounts::issue_responsable_letter(db, tst::tiny_argon2(), anne, leo);
    leo_account = l.account_id;
    leo_identifier = l.identifier;
    tx.commit();
  }
  const std::string again = session_of(
      post_here("/connexion", {{"identifiant", identifier}, {"mot_de_passe", password}}, "", kOtherClient));
  BOOST_REQUIRE(!again.empty());
  BOOST_TEST(post_here("/compte/regroupement", {{"identifiant", paul_identifier}, {"mot_de_passe", letter_of_paul}},
                       again, kOtherClient)
                 .status() == 200);
  BOOST_TEST(post_here("/compte/regroupement/confirmer", {{"decision", "valider"}}, again, kOtherClient).status() ==
             200);
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", paul_account) == "closed");
  BOOST_TEST(post_here("/compte/regroupement/enfant", {{"eleve", std::to_string(leo)}, {"date_naissance", "14/09/2013"}},
                       again, kOtherClient)
                 .status() == 303);
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", leo_account) == "closed");
  // The accounts are named by their identifier, never by their number.
  const std::string merged =
      sql_value(db, "SELECT detail FROM audit_log WHERE id > ? AND event = 'regroupement'", before).value_or("");
  BOOST_TEST(merged.rfind("compte " + paul_identifier + " fermé (état courrier) et regroupé dans ce compte ; ", 0) == 0,
             merged);
  BOOST_TEST(merged.find("n° " + std::to_string(paul_account)) == std::string::npos, merged);
  BOOST_TEST(*sql_value(db, "SELECT detail FROM audit_log WHERE id > ? AND event = 'regroupement_enfant'", before) ==
             "élève n° " + std::to_string(leo) + " rattaché ; comptes du courrier fermés : " + leo_identifier);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE id > ? AND LOCATE('compte n°', detail) > 0", before) ==
             0);

  // Every event of those steps was written…
  for (const char* event : {"login_failure", "login_letter", "first_connection_failure", "first_connection", "lock",
                            "login_refused", "helpdesk_unlock", "helpdesk_activation_resent",
                            "helpdesk_email_corrected", "activation", "login_success", "logout",
                            "staff_password_ok", "second_factor_failure", "regroupement", "regroupement_enfant"})
    BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE id > ? AND event = ?", before, event) >= 1, event);
  // … the helpdesk rows name the family by its identifier, exactly …
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE id > ? AND event LIKE 'helpdesk%' AND detail <> ?",
                      before, identifier) == 0);
  // … and no detail is in English.
  for (const char* word : {"wrong", "password", "locked", "after", "mail queued", "address", "letter", "by ", "totp",
                           "failures", "unknown", "expired", "reported", "confirmed", "pending", "enrolment"})
    BOOST_TEST(sql_long(db,
                        "SELECT COUNT(*) FROM audit_log WHERE id > ? AND LOCATE(?, LOWER(COALESCE(detail, ''))) > 0"
                        " AND COALESCE(detail, '') NOT IN (?, ?)",
                        before, std::string(word), identifier, staff_identifier) == 0,
               word);
  // The lock says why, in French.
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE id > ? AND event = 'lock' AND detail = ?", before,
                      "compte verrouillé après " + std::to_string(ctx().cfg.max_failed_logins) + " échecs") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
