// issue 13 — aide: a new password demanded at the next sign-in, through the
// real handlers: the renewal page (flow connexion, stage renew: the only
// page such a session reaches; bad passwords 422 in French; a right one
// clears the demand and leads to the services) and the staff page (flow
// etablissement, permission renouvellement: direction and académie; another
// school's identifiers untouched). The accounts these tests change are their own.
#include <ctime>

#include "accounts/letters.h"
#include "accounts/sessions.h"
#include "client.h"
#include "core/crypto.h"
#include "web/session.h"
#include "scolarite/records.h"

using flows::cast;
using flows::ctx;
using flows::get;
using flows::post;
using flows::Res;
using flows::staff_cast;
using tst::sql_long;

namespace {

const char* kPage = "/connexion/nouveau-mot-de-passe";

// An active pupil account of `school` (class `klass`) with a real password
// ("Ancien2026"), committed: its id and identifier.
struct Pupil {
  unsigned id = 0;
  std::string identifier;
  Pupil(unsigned school, unsigned klass) {
    ts::Db& db = ctx().db;
    ts::Transaction tx(db);
    const std::string last = "Renouv" + tst::capitalised(tst::tag());
    const unsigned p = ts::scolarite::insert_pupil(db, school, klass, "Inès", last, "2012-02-02");
    auto l = ts::accounts::issue_pupil_letter(db, tst::tiny_argon2(), p);
    tst::activate(db, l.account_id, "", ts::crypto::hash_password("Ancien2026", tst::tiny_argon2()));
    tx.commit();
    id = l.account_id;
    identifier = l.identifier;
  }
  bool flagged() const { return sql_long(ctx().db, "SELECT renew_password_at IS NOT NULL FROM account WHERE id = ?", id); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(renewal)

BOOST_AUTO_TEST_CASE(a_renew_session_reaches_only_the_renewal_page) {
  const auto& c = cast();
  for (const char* path : {"/services", "/compte", "/compte/enfants", "/compte-en-attente", "/premiere-connexion"}) {
    BOOST_TEST_CONTEXT(path) {
      Res r = get(path, c.renew_session);
      BOOST_TEST(r.status() == 303);
      BOOST_TEST(r.location() == kPage);
    }
  }
  Res page = get(kPage, c.renew_session);
  BOOST_TEST(page.status() == 200);
  BOOST_TEST(page.has("Votre établissement vous demande de choisir un nouveau mot de passe"));
  BOOST_TEST(page.has("name=\"nouveau_mot_de_passe\""));
  // Other stages do not see it.
  BOOST_TEST(get(kPage, c.responsable_session).location() == "/services");
  BOOST_TEST(get(kPage).location() == "/connexion");
}

BOOST_AUTO_TEST_CASE(a_bad_new_password_is_422_in_french_and_changes_nothing) {
  const auto& c = cast();
  const std::string hash_before =
      *tst::sql_value(ctx().db, "SELECT COALESCE(password_hash, '') FROM account WHERE id = ?", c.renewing);
  Res weak = post(kPage, {{"nouveau_mot_de_passe", "court"}, {"confirmation", "court"}}, c.renew_session);
  BOOST_TEST(weak.status() == 422);
  BOOST_TEST(weak.has("8 à 14 caractères"));
  Res different = post(kPage, {{"nouveau_mot_de_passe", "Nouveau2026"}, {"confirmation", "Nouveau2027"}},
                       c.renew_session);
  BOOST_TEST(different.status() == 422);
  BOOST_TEST(different.has("La confirmation"));
  BOOST_TEST(*tst::sql_value(ctx().db, "SELECT COALESCE(password_hash, '') FROM account WHERE id = ?", c.renewing) ==
             hash_before);
  BOOST_TEST(sql_long(ctx().db, "SELECT renew_password_at IS NOT NULL FROM account WHERE id = ?", c.renewing) == 1);
}

BOOST_AUTO_TEST_CASE(the_current_password_is_refused_a_new_one_leads_to_the_services) {
  const auto& s = staff_cast();
  Pupil p(s.school_a, s.class_a);
  ctx().db.exec("UPDATE account SET renew_password_at = UTC_TIMESTAMP() WHERE id = ?", p.id);
  const std::string other = flows::session_for(p.id, ts::accounts::stage::full);  // signed in elsewhere
  const std::string session = flows::session_for(p.id, ts::accounts::stage::renew);
  Res same = post(kPage, {{"nouveau_mot_de_passe", "Ancien2026"}, {"confirmation", "Ancien2026"}}, session);
  BOOST_TEST(same.status() == 422);
  BOOST_TEST(same.has("différent de votre mot de passe actuel"));
  BOOST_TEST(p.flagged());

  Res done = post(kPage, {{"nouveau_mot_de_passe", "Nouveau2026"}, {"confirmation", "Nouveau2026"}}, session);
  BOOST_TEST(done.status() == 303);
  BOOST_TEST(done.location() == "/services");
  BOOST_TEST(!p.flagged());
  auto cookie = done.cookie(ts::web::kSessionCookie);
  BOOST_REQUIRE(cookie.has_value());
  BOOST_TEST(get("/services", *cookie).status() == 200);
  BOOST_TEST(get("/services", other).location() == "/connexion");  // the other session ended
  BOOST_TEST(sql_long(ctx().db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event = 'password_renewed'",
                      p.id) == 1);
}

BOOST_AUTO_TEST_CASE(the_staff_page_needs_the_permission_renouvellement) {
  const auto& s = staff_cast();
  BOOST_TEST(get("/etablissement/renouvellement", s.secretariat_a_session).status() == 403);
  BOOST_TEST(get("/etablissement/renouvellement", s.enseignant_a_session).status() == 403);
  Res direction = get("/etablissement/renouvellement", s.direction_a_session);
  BOOST_TEST(direction.status() == 200);
  BOOST_TEST(direction.has("value=\"" + std::to_string(s.class_a) + "\""));
  Res academie = get("/etablissement/renouvellement", s.academie_session);
  BOOST_TEST(academie.status() == 200);
  BOOST_TEST(academie.has("tous les établissements"));
  BOOST_TEST(post("/etablissement/renouvellement", {{"qui", "tous"}, {"confirmer", "1"}}, s.secretariat_a_session)
                 .status() == 403);
  // The home menu links it for those allowed only.
  BOOST_TEST(get("/etablissement", s.direction_a_session).has("href=\"/etablissement/renouvellement\""));
  BOOST_TEST(!get("/etablissement", s.secretariat_a_session).has("href=\"/etablissement/renouvellement\""));
}

BOOST_AUTO_TEST_CASE(the_staff_form_refuses_bad_input_with_422_next_to_the_fields) {
  const auto& s = staff_cast();
  const long audit_before = sql_long(ctx().db, "SELECT COUNT(*) FROM audit_log WHERE event = 'renewal_demanded'");
  Res none = post("/etablissement/renouvellement", {{"qui", ""}}, s.direction_a_session);
  BOOST_TEST(none.status() == 422);
  BOOST_TEST(none.has("Choisissez les comptes concernés."));
  BOOST_TEST(none.has("Cochez la case pour confirmer"));
  Res date = post("/etablissement/renouvellement",
                  {{"qui", "tous"}, {"sauf_depuis", "31/02/2026"}, {"confirmer", "1"}}, s.direction_a_session);
  BOOST_TEST(date.status() == 422);
  BOOST_TEST(date.has("La date doit être une date valide, au format JJ/MM/AAAA."));
  // An exclusion date after today would leave everyone out: refused.
  const std::time_t tomorrow = std::time(nullptr) + 2 * 86400;
  std::tm tm{};
  localtime_r(&tomorrow, &tm);
  char day[11];
  std::strftime(day, sizeof day, "%d/%m/%Y", &tm);
  Res future = post("/etablissement/renouvellement", {{"qui", "tous"}, {"sauf_depuis", day}, {"confirmer", "1"}},
                    s.direction_a_session);
  BOOST_TEST(future.status() == 422);
  BOOST_TEST(future.has("La date ne peut pas être dans le futur"));
  Res ids = post("/etablissement/renouvellement", {{"qui", "identifiants"}, {"identifiants", ""}, {"confirmer", "1"}},
                 s.direction_a_session);
  BOOST_TEST(ids.status() == 422);
  BOOST_TEST(ids.has("Saisissez au moins un identifiant"));
  Res klass = post("/etablissement/renouvellement", {{"qui", "classe"}, {"classe", "999999999"}, {"confirmer", "1"}},
                   s.direction_a_session);
  BOOST_TEST(klass.status() == 422);
  BOOST_TEST(klass.has("Choisissez une classe de l&#39;établissement."));
  BOOST_TEST(sql_long(ctx().db, "SELECT COUNT(*) FROM audit_log WHERE event = 'renewal_demanded'") == audit_before);
}

BOOST_AUTO_TEST_CASE(identifiers_of_another_school_are_untouched_and_listed) {
  const auto& s = staff_cast();
  Pupil p(s.school_a, s.class_a);
  Res b = post("/etablissement/renouvellement",
               {{"qui", "identifiants"}, {"identifiants", p.identifier + "\r\ninconnu-x"}, {"confirmer", "1"}},
               s.direction_b_session);
  BOOST_TEST(b.status() == 303);
  BOOST_TEST(b.location() == "/etablissement/renouvellement?fait=0&inconnus=" + p.identifier + ",inconnu-x");
  Res shown = get("/etablissement/renouvellement", s.direction_b_session, b.location().substr(b.location().find('?') + 1));
  BOOST_TEST(shown.status() == 200);
  BOOST_TEST(shown.has("0 comptes devront choisir un nouveau mot de passe à leur prochaine connexion."));
  BOOST_TEST(shown.has("<li>" + p.identifier + "</li>"));
  BOOST_TEST(!p.flagged());
  Res a = post("/etablissement/renouvellement",
               {{"qui", "identifiants"}, {"identifiants", p.identifier}, {"confirmer", "1"}}, s.direction_a_session);
  BOOST_TEST(a.status() == 303);
  BOOST_TEST(a.location() == "/etablissement/renouvellement?fait=1");
  BOOST_TEST(get("/etablissement/renouvellement", s.direction_a_session, "fait=1")
                 .has("1 compte devra choisir un nouveau mot de passe à leur prochaine connexion."));
  BOOST_TEST(p.flagged());
  // A crafted outcome shows only well-formed identifiers (escaped by the template anyway).
  BOOST_TEST(!get("/etablissement/renouvellement", s.direction_a_session, "fait=2&inconnus=%3Cb%3E,x").has("<b>"));
}

BOOST_AUTO_TEST_SUITE_END()
