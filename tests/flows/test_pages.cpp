// A few page rules end to end, in-process: the pages run their own
// transactions, so every test makes its own school, letters and addresses
// (unique names: tests never depend on each other's data).
#include <regex>

#include "accounts/account.h"
#include "accounts/family.h"
#include "accounts/sessions.h"
#include "client.h"
#include "core/text.h"
#include "web/session.h"

using flows::call;
using flows::ctx;
using flows::get;
using flows::post;
using flows::Req;
using flows::Res;
using tst::sql_long;
using tst::sql_value;

namespace {

// A school with Dylan and Florian Martin-like children and Claire's letter for Dylan.
struct Family {
  ts::Db& db = ctx().db;
  tst::SchoolData s = [this] {
    ts::Transaction tx(db);
    tst::SchoolData data(db);
    tx.commit();
    return data;
  }();
  unsigned dylan = 0, florian = 0, claire = 0;
  ts::accounts::IssuedLetter letter;
  std::string address = "claire." + s.tag + "@example.org";

  Family() {
    ts::Transaction tx(db);
    dylan = s.pupil("Dylan", "2012-03-14");
    florian = s.pupil("Florian", "2014-09-02");
    claire = s.responsable("Claire");
    letter = s.responsable_letter(claire, dylan);
    ts::scolarite::link_pupil_responsable(db, florian, claire, 1);
    tx.commit();
  }
  std::string state() { return sql_value(db, "SELECT state FROM account WHERE id = ?", letter.account_id).value_or(""); }
  // The stage of the session of a cookie ("" when none).
  std::string stage_of(const std::string& cookie) {
    return sql_value(db, "SELECT stage FROM session WHERE id_hash = ?", ts::crypto::sha256(cookie)).value_or("");
  }
  // Login with the letter: the session cookie.
  std::string letter_login() {
    Res res = post("/connexion", {{"identifiant", letter.identifier}, {"mot_de_passe", letter.password}});
    BOOST_REQUIRE(res.cookie(ts::web::kSessionCookie).has_value());
    return *res.cookie(ts::web::kSessionCookie);
  }
};

std::string client_address() { return "203.0.113." + tst::tag(); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(pages, Family)

BOOST_AUTO_TEST_CASE(login_with_a_letter_goes_to_first_connection) {
  // The login page gives a visitor a ts_pre cookie and the token bound to it.
  Res page = get("/connexion");
  BOOST_TEST(page.status() == 200);
  auto pre = page.cookie(ts::web::kPreCookie);
  BOOST_REQUIRE(pre.has_value());
  std::string token = page.csrf_field();
  BOOST_TEST(token == flows::csrf_for({{ts::web::kPreCookie, *pre}}));

  // Typed in lower case, as families do.
  Req r;
  r.method = "POST";
  r.path = "/connexion";
  r.cookies[ts::web::kPreCookie] = *pre;
  r.form = {{"identifiant", ts::ascii_upper(letter.identifier)},
            {"mot_de_passe", ts::ascii_lower(letter.password)},
            {"csrf_token", token}};
  Res res = call(r);
  BOOST_TEST(res.status() == 303);
  BOOST_TEST(res.location() == "/premiere-connexion");
  auto cookie = res.cookie(ts::web::kSessionCookie);
  BOOST_REQUIRE(cookie.has_value());
  BOOST_TEST(cookie->size() == 43u);
  BOOST_TEST(res.cookie_max_age(ts::web::kSessionCookie) == -1);  // a browser-session cookie
  BOOST_TEST(stage_of(*cookie) == "first_connection");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'login_letter'",
                      letter.account_id) == 1);

  Res next = get("/premiere-connexion", *cookie);
  BOOST_TEST(next.status() == 200);
  BOOST_TEST(next.has(letter.identifier));
  BOOST_TEST(next.has("Dylan"));  // the child named on the letter
}

BOOST_AUTO_TEST_CASE(a_wrong_letter_password_is_refused_and_counted) {
  Req r;
  r.method = "POST";
  r.path = "/connexion";
  r.remote = client_address();
  r.cookies[ts::web::kPreCookie] = ts::crypto::new_token(256);
  r.form = {{"identifiant", letter.identifier}, {"mot_de_passe", "ZZZZ2222"}, {"csrf_token", flows::csrf_for(r.cookies)}};
  Res res = call(r);
  BOOST_TEST(res.status() == 422);
  BOOST_TEST(res.has("Identifiant ou mot de passe incorrect."));
  BOOST_TEST(res.has("<title>Erreur : Connexion"));  // every form shown again with errors says so first
  BOOST_TEST(!res.cookie(ts::web::kSessionCookie).has_value());
  BOOST_TEST(sql_long(db, "SELECT failed_logins FROM account WHERE id = ?", letter.account_id) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM rate_event WHERE kind = 'login_ip' AND subject = ?",
                      ts::crypto::sha256(r.remote)) == 1);
}

BOOST_AUTO_TEST_CASE(first_connection_then_the_activation_link_opens_the_services) {
  std::string cookie = letter_login();
  Res done = post("/premiere-connexion",
                  {{"mot_de_passe", "Tilleul2024"},
                   {"mot_de_passe_confirmation", "Tilleul2024"},
                   {"email", address},
                   {"email_confirmation", address},
                   {"date_naissance", "14/03/2012"}},
                  cookie);
  BOOST_TEST(done.status() == 303);
  BOOST_TEST(done.location() == "/compte-en-attente");
  BOOST_TEST(state() == "pending_email");
  auto pending = done.cookie(ts::web::kSessionCookie);
  BOOST_REQUIRE(pending.has_value());
  BOOST_TEST(*pending != cookie);  // a new id for the new stage
  BOOST_TEST(stage_of(*pending) == "pending");
  // The letter-stage cookie lives on at the new stage for two minutes only
  // (a form posted twice reaches the outcome), then is gone.
  BOOST_TEST(stage_of(cookie) == "pending");
  BOOST_TEST(sql_long(db, "SELECT expires_at <= UTC_TIMESTAMP() + INTERVAL 2 MINUTE FROM session WHERE id_hash = ?",
                      ts::crypto::sha256(cookie)) == 1);
  BOOST_TEST(get("/services", *pending).location() == "/compte-en-attente");
  BOOST_TEST(get("/compte-en-attente", *pending).has(address));

  // The activation mail is in the outbox; its link confirms the address.
  auto body = sql_value(db, "SELECT body_text FROM outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1", address);
  BOOST_REQUIRE(body.has_value());
  std::smatch m;
  BOOST_REQUIRE(std::regex_search(*body, m, std::regex("/validerAdresseMail\\?code=([A-Za-z0-9_-]+)")));
  Res confirmed = get("/validerAdresseMail", "", "code=" + m[1].str());
  BOOST_TEST(confirmed.status() == 200);
  BOOST_TEST(state() == "active");
  BOOST_TEST(stage_of(*pending) == "full");  // the waiting session reaches the services
  Res again = get("/validerAdresseMail", "", "code=" + m[1].str());
  BOOST_TEST(again.has("Adresse déjà confirmée"));

  Res services = get("/services", *pending);
  BOOST_TEST(services.status() == 200);
  BOOST_TEST(services.has("Dylan"));
}

BOOST_AUTO_TEST_CASE(a_wrong_birth_date_keeps_the_letter) {
  std::string cookie = letter_login();
  Res res = post("/premiere-connexion",
                 {{"mot_de_passe", "Tilleul2024"},
                  {"mot_de_passe_confirmation", "Tilleul2024"},
                  {"email", address},
                  {"email_confirmation", address},
                  {"date_naissance", "15/03/2012"}},
                 cookie);
  BOOST_TEST(res.status() == 422);
  BOOST_TEST(res.has("ne correspond pas"));
  BOOST_TEST(state() == "letter");
  // Counted as a wrong date of birth, beside the passwords' count (lockout.h).
  BOOST_TEST(sql_long(db, "SELECT failed_birth_dates FROM account WHERE id = ?", letter.account_id) == 1);
  BOOST_TEST(sql_long(db, "SELECT failed_logins FROM account WHERE id = ?", letter.account_id) == 0);
  BOOST_TEST(stage_of(cookie) == "first_connection");
}

BOOST_AUTO_TEST_CASE(the_services_home_lists_the_children) {
  {
    ts::Transaction tx(db);
    tst::activate(db, letter.account_id, address);
    ts::accounts::add_child(db, letter.account_id, florian, claire);
    tx.commit();
  }
  std::string cookie = flows::session_for(letter.account_id, ts::accounts::stage::full);
  Res res = get("/services", cookie);
  BOOST_TEST(res.status() == 200);
  BOOST_TEST(res.has("Bienvenue, Claire " + s.family));
  BOOST_TEST(res.has("Dylan " + s.family));
  BOOST_TEST(res.has("Florian " + s.family));
  BOOST_TEST(res.has("Collège " + s.family));      // the school, in the cards and the menu
  BOOST_TEST(res.has("Responsable : Claire " + s.family));
  // The elder first.
  BOOST_TEST(res.body().find("Dylan " + s.family) < res.body().find("Florian " + s.family));
  // HEAD: the same answer without a body on the wire (serialize), head set.
  Req head;
  head.method = "HEAD";
  head.path = "/services";
  head.cookies[ts::web::kSessionCookie] = cookie;
  Res h = call(head);
  BOOST_TEST(h.head);
  BOOST_TEST(h.status() == 200);
  std::string wire = ts::web::serialize(h.response, h.head);
  BOOST_TEST(wire.find("Bienvenue") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_pupil_account_sees_its_own_schooling) {
  unsigned pupil_account;
  {
    ts::Transaction tx(db);
    pupil_account = s.pupil_letter(florian).account_id;
    tst::activate(db, pupil_account, "");
    tx.commit();
  }
  Res res = get("/services", flows::session_for(pupil_account, ts::accounts::stage::full));
  BOOST_TEST(res.status() == 200);
  BOOST_TEST(res.has("Votre scolarité"));
  BOOST_TEST(res.has("Florian " + s.family));
  BOOST_TEST(!res.has("Dylan"));
  BOOST_TEST(res.has("Aucune adresse mail"));
  // Mon compte: a pupil has no fiche de renseignements, so its menu offers none.
  Res compte = get("/compte", flows::session_for(pupil_account, ts::accounts::stage::full));
  BOOST_TEST(compte.status() == 200);
  BOOST_TEST(!compte.has("href=\"/compte/fiche\""));
  {
    ts::Transaction tx(db);
    tst::activate(db, letter.account_id, address);
    tx.commit();
  }
  Res parent = get("/compte", flows::session_for(letter.account_id, ts::accounts::stage::full));
  BOOST_TEST(parent.status() == 200);
  BOOST_TEST(parent.has("href=\"/compte/fiche\""));
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session) {
  {
    ts::Transaction tx(db);
    tst::activate(db, letter.account_id, address);
    tx.commit();
  }
  std::string cookie = flows::session_for(letter.account_id, ts::accounts::stage::full);
  BOOST_TEST(get("/services", cookie).status() == 200);
  Res res = post("/deconnexion", {}, cookie);
  BOOST_TEST(res.status() == 303);
  BOOST_TEST(res.location() == "/connexion?deconnexion=1");
  BOOST_TEST(res.cookie(ts::web::kSessionCookie) == std::string(""));
  BOOST_TEST(res.cookie_max_age(ts::web::kSessionCookie) == 0);
  BOOST_TEST(stage_of(cookie) == "");
  BOOST_TEST(get("/services", cookie).location() == "/connexion");
  BOOST_TEST(get("/connexion", "", "deconnexion=1").status() == 200);
}

BOOST_AUTO_TEST_CASE(a_signed_in_visitor_of_the_login_page_goes_to_the_services) {
  {
    ts::Transaction tx(db);
    tst::activate(db, letter.account_id, address);
    tx.commit();
  }
  std::string cookie = flows::session_for(letter.account_id, ts::accounts::stage::full);
  BOOST_TEST(get("/connexion", cookie).location() == "/services");
}

BOOST_AUTO_TEST_CASE(a_closed_accounts_session_goes_back_to_the_login) {
  {
    ts::Transaction tx(db);
    tst::activate(db, letter.account_id, address);
    tx.commit();
  }
  std::string cookie = flows::session_for(letter.account_id, ts::accounts::stage::full);
  db.exec("UPDATE account SET state = 'closed' WHERE id = ?", letter.account_id);
  BOOST_TEST(get("/services", cookie).location() == "/connexion");
  BOOST_TEST(stage_of(cookie) == "");
}

BOOST_AUTO_TEST_CASE(a_responsable_gets_the_regroupement_form) {
  {
    ts::Transaction tx(db);
    tst::activate(db, letter.account_id, address);
    tx.commit();
  }
  Res res = get("/compte/regroupement", flows::session_for(letter.account_id, ts::accounts::stage::full));
  BOOST_TEST(res.status() == 200);
  BOOST_TEST(!res.csrf_field().empty());
}

BOOST_AUTO_TEST_CASE(a_regroupement_absorbs_a_letter_account_and_ends_its_sessions) {
  // Julien's letter names Léa; Claire (active) merges it into her account.
  unsigned lea;
  ts::accounts::IssuedLetter julien;
  {
    ts::Transaction tx(db);
    tst::activate(db, letter.account_id, address);
    lea = s.pupil("Léa", "2011-11-30");
    julien = s.responsable_letter(s.responsable("Julien"), lea);
    tx.commit();
  }
  std::string mine = flows::session_for(letter.account_id, ts::accounts::stage::full);
  std::string theirs = flows::session_for(julien.account_id, ts::accounts::stage::first_connection);
  Res ask = post("/compte/regroupement", {{"identifiant", julien.identifier}, {"mot_de_passe", julien.password}}, mine);
  BOOST_TEST(ask.status() == 200);
  BOOST_TEST(ask.has(julien.identifier));
  BOOST_TEST(ask.has("Léa"));
  BOOST_TEST(state() == "active");
  Res done = post("/compte/regroupement/confirmer", {{"decision", "valider"}}, mine);
  BOOST_TEST(done.status() == 200);
  BOOST_TEST(sql_value(db, "SELECT state FROM account WHERE id = ?", julien.account_id) == std::string("closed"));
  BOOST_TEST(stage_of(theirs) == "");  // the closed account's session ended
  BOOST_TEST(get("/premiere-connexion", theirs).location() == "/connexion");
  Res services = get("/services", mine);
  BOOST_TEST(services.has("Léa " + s.family));
  BOOST_TEST(services.has("Dylan " + s.family));
  // Confirming again (a double click): the outcome again, and still one merge.
  Res again = post("/compte/regroupement/confirmer", {{"decision", "valider"}}, mine);
  BOOST_TEST(again.status() == 200);
  BOOST_TEST(again.has("Confirmation de regroupement de comptes"));
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'regroupement'",
                      letter.account_id) == 1);
  // Once ANNULER forgot it, nothing waits any more.
  BOOST_TEST(post("/compte/regroupement/confirmer", {{"decision", "annuler"}}, mine).status() == 303);
  BOOST_TEST(post("/compte/regroupement/confirmer", {{"decision", "valider"}}, mine).status() == 409);
}

BOOST_AUTO_TEST_CASE(a_child_only_a_letter_account_holds_is_attached_with_its_birth_date) {
  // Claire's second letter (for Florian) is unused; her active account attaches Florian.
  ts::accounts::IssuedLetter second;
  {
    ts::Transaction tx(db);
    tst::activate(db, letter.account_id, address);
    second = s.responsable_letter(claire, florian, false);
    tx.commit();
  }
  std::string mine = flows::session_for(letter.account_id, ts::accounts::stage::full);
  Res entry = get("/compte/regroupement", mine);
  BOOST_TEST(entry.has("Florian"));
  Res refused = post("/compte/regroupement/enfant", {{"eleve", std::to_string(florian)}, {"date_naissance", "01/01/2014"}},
                     mine);
  BOOST_TEST(refused.status() == 422);
  BOOST_TEST(sql_long(db, "SELECT failed_birth_dates FROM account WHERE id = ?", letter.account_id) == 1);
  Res ok = post("/compte/regroupement/enfant", {{"eleve", std::to_string(florian)}, {"date_naissance", "02/09/2014"}},
                mine);
  BOOST_TEST(ok.status() == 303);
  BOOST_TEST(ok.location() == "/compte/enfants");
  BOOST_TEST(sql_value(db, "SELECT state FROM account WHERE id = ?", second.account_id) == std::string("closed"));
  BOOST_TEST(get("/services", mine).has("Florian " + s.family));
  // Sent again (a double click): the outcome again, nothing done twice.
  Res again = post("/compte/regroupement/enfant", {{"eleve", std::to_string(florian)}, {"date_naissance", "02/09/2014"}},
                   mine);
  BOOST_TEST(again.status() == 303);
  BOOST_TEST(again.location() == "/compte/enfants");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE pupil_id = ?", florian) == 1);
  // A pupil the account has no link to is not found (another family's id: 404, issue 11), even with its true date.
  unsigned stranger;
  {
    ts::Transaction tx(db);
    stranger = s.pupil("Zoé", "2013-01-01");
    tx.commit();
  }
  BOOST_TEST(post("/compte/regroupement/enfant", {{"eleve", std::to_string(stranger)}, {"date_naissance", "01/01/2013"}},
                  mine).status() == 404);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE pupil_id = ?", stranger) == 0);
}

// A responsable whose only child left the school (the import released it):
// the services page and Mon compte say why the list is empty (a fresh tester
// found an empty "Enfants rattachés au compte" with no word).
BOOST_AUTO_TEST_CASE(an_account_without_child_says_why) {
  ts::Db& db = ctx().db;
  unsigned account = 0;
  {
    ts::Transaction tx(db);
    tst::SchoolData school(db);
    const unsigned pupil = school.pupil("Inès");
    const unsigned resp = school.responsable("Laure");
    account = school.responsable_letter(resp, pupil).account_id;
    tst::activate(db, account, "laure." + school.tag + "@example.org");
    ts::accounts::release_pupil(db, pupil);
    tx.commit();
  }
  const std::string session = flows::session_for(account, ts::accounts::stage::full);
  for (const char* path : {"/services", "/compte/enfants"}) {
    Res page = get(path, session);
    BOOST_TEST(page.status() == 200);
    BOOST_TEST(page.has("Aucun élève n'est rattaché à ce compte : un élève qui a quitté l'établissement"),
               path);
  }
}

BOOST_AUTO_TEST_SUITE_END()
