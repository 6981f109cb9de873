// issue 13 — aide, through the real handlers of flow etablissement: the
// school's regroupements and undoing one (permission assistance; another
// school's staff: 404 and nothing changed; twice: 409 in French). The
// families these tests change are their own (committed).
#include "accounts/family.h"
#include "accounts/letters.h"
#include "accounts/regroupement.h"
#include "client.h"
#include "scolarite/records.h"

using flows::ctx;
using flows::get;
using flows::post;
using flows::Res;
using flows::staff_cast;
using tst::sql_long;
using tst::sql_value;

namespace {

// Two responsables of school A's pupil Zoé, both active; Paul's account
// merged into Anne's (lib, committed). `record`: the merge's record.
struct MergedFamily {
  unsigned kept = 0, closed = 0, record = 0;
  std::string kept_identifier, closed_identifier;
  MergedFamily() {
    const auto& s = staff_cast();
    ts::Db& db = ctx().db;
    const std::string last = "Aide" + tst::capitalised(tst::tag());
    ts::Transaction tx(db);
    const unsigned pupil = ts::scolarite::insert_pupil(db, s.school_a, s.class_a, "Zoé", last, "2012-05-02");
    const unsigned anne = ts::scolarite::insert_responsable(db, "Mme", "Anne", last, "");
    const unsigned paul = ts::scolarite::insert_responsable(db, "M.", "Paul", last, "");
    ts::scolarite::link_pupil_responsable(db, pupil, anne, 1);
    ts::scolarite::link_pupil_responsable(db, pupil, paul, 2);
    auto a = ts::accounts::issue_responsable_letter(db, tst::tiny_argon2(), anne, pupil);
    auto p = ts::accounts::issue_responsable_letter(db, tst::tiny_argon2(), paul, pupil);
    kept = a.account_id;
    closed = p.account_id;
    kept_identifier = a.identifier;
    closed_identifier = p.identifier;
    tst::activate(db, kept, "anne." + tst::tag() + "@example.org");
    tst::activate(db, closed, "paul." + tst::tag() + "@example.org");
    auto pair = ts::accounts::lock_pair(db, kept, closed);
    ts::accounts::merge_into(db, pair->first, pair->second);
    record = static_cast<unsigned>(
        sql_long(db, "SELECT MAX(id) FROM regroupement_record WHERE kept_account_id = ?", kept));
    tx.commit();
  }
};

long audits(const std::string& event, const std::string& identifier) {
  return sql_long(ctx().db, "SELECT COUNT(*) FROM audit_log WHERE event = ? AND detail = ?", event, identifier);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(aide)

BOOST_AUTO_TEST_CASE(a_regroupement_is_listed_and_undone_by_its_school_only) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  MergedFamily f;
  const std::string record = std::to_string(f.record);
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", f.closed) == "closed");

  // The list: school A's staff with assistance see it; school B's do not; the académie has no assistance.
  Res list = get("/etablissement/regroupements", s.secretariat_a_session);
  BOOST_TEST(list.status() == 200);
  BOOST_TEST(list.has("id=\"regroupement-" + record + "\""));
  BOOST_TEST(list.has(f.closed_identifier + " (Paul "));
  BOOST_TEST(list.has("name=\"regroupement\" value=\"" + record + "\""));
  BOOST_TEST(!get("/etablissement/regroupements", s.direction_b_session).has("id=\"regroupement-" + record + "\""));
  BOOST_TEST(get("/etablissement/regroupements", s.academie_session).status() == 403);
  BOOST_TEST(get("/etablissement/regroupements", s.enseignant_a_session).status() == 403);

  // School B's staff: 404, nothing changed, nothing audited.
  const long audit_before = sql_long(db, "SELECT COUNT(*) FROM audit_log");
  BOOST_TEST(post("/etablissement/regroupements/annuler", {{"regroupement", record}}, s.direction_b_session).status() ==
             404);
  BOOST_TEST(post("/etablissement/regroupements/annuler", {{"regroupement", "abc"}}, s.secretariat_a_session)
                 .status() == 404);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log") == audit_before);
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", f.closed) == "closed");

  // School A's secrétariat undoes it: both accounts back, audited on both, 303 to the list.
  Res undone = post("/etablissement/regroupements/annuler", {{"regroupement", record}}, s.secretariat_a_session);
  BOOST_TEST(undone.status() == 303);
  BOOST_TEST(undone.location() == "/etablissement/regroupements?modifie=annule");
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", f.closed) == "active");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ?", f.closed) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_responsable WHERE account_id = ?", f.kept) == 0);
  BOOST_TEST(audits("helpdesk_regroupement_undone", f.closed_identifier) == 1);
  BOOST_TEST(audits("helpdesk_regroupement_undone", f.kept_identifier) == 1);
  Res after = get("/etablissement/regroupements", s.secretariat_a_session, "modifie=annule");
  BOOST_TEST(after.has("Le regroupement a été annulé"));
  BOOST_TEST(after.has("Annulé le "));
  BOOST_TEST(!after.has("name=\"regroupement\" value=\"" + record + "\""));
  // The fiche's trail shows it.
  BOOST_TEST(get("/etablissement/famille", s.secretariat_a_session, "id=" + std::to_string(f.closed))
                 .has("Regroupement annulé par l&#39;assistance"));

  // Twice: 409 in French, nothing more.
  Res again = post("/etablissement/regroupements/annuler", {{"regroupement", record}}, s.secretariat_a_session);
  BOOST_TEST(again.status() == 409);
  BOOST_TEST(again.has("Ce regroupement a déjà été annulé."));
  BOOST_TEST(audits("helpdesk_regroupement_undone", f.closed_identifier) == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(aide_reports)

BOOST_AUTO_TEST_CASE(a_letter_reported_is_suspended_and_handled_by_its_school_only) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  const std::string last = "Signal" + tst::capitalised(tst::tag());
  const auto issued = flows::school_a_letter("Anne", last);
  const unsigned account = issued.account_id;
  const std::string identifier = issued.identifier, password = issued.password;
  const std::string letter_session = flows::session_for(account, ts::accounts::stage::first_connection);
  // The first-connection page links to the report; the form asks for the box.
  BOOST_TEST(get("/premiere-connexion", letter_session).has("href=\"/premiere-connexion/signalement\""));
  Res form = get("/premiere-connexion/signalement", letter_session);
  BOOST_TEST(form.status() == 200);
  BOOST_TEST(form.has("Je ne suis pas le représentant légal de cet élève"));
  Res unticked = post("/premiere-connexion/signalement", {}, letter_session);
  BOOST_TEST(unticked.status() == 422);
  BOOST_TEST(unticked.has("Cochez la case pour confirmer que ce courrier ne vous concerne pas."));
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE account_id = ? AND reported_at IS NOT NULL", account) == 0);

  Res reported = post("/premiere-connexion/signalement", {{"confirmer", "1"}}, letter_session);
  BOOST_TEST(reported.status() == 200);
  BOOST_TEST(reported.has("Signalement enregistré"));
  BOOST_TEST(reported.cookie_max_age("ts_session") == 0, "the session's cookie is cleared");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM session WHERE account_id = ?", account) == 0);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'letter_reported' AND account_id = ?",
                      account) == 1);
  // The letter signs nobody in: a clear 403.
  Res login = post("/connexion", {{"identifiant", identifier}, {"mot_de_passe", password}});
  BOOST_TEST(login.status() == 403);
  BOOST_TEST(login.has("Courrier suspendu"));
  // The follow-up shows it signalé.
  BOOST_TEST(get("/etablissement/famille", s.secretariat_a_session, "id=" + std::to_string(account))
                 .has("<td id=\"etat-du-compte\">Signalé</td>"));

  const long letter = sql_long(db, "SELECT id FROM letter WHERE account_id = ?", account);
  const std::string id = std::to_string(letter);
  // School A's list shows it; school B's does not and cannot handle it.
  Res list = get("/etablissement/signalements", s.secretariat_a_session);
  BOOST_TEST(list.status() == 200);
  BOOST_TEST(list.has("id=\"signalement-" + id + "\""));
  BOOST_TEST(!get("/etablissement/signalements", s.direction_b_session).has("id=\"signalement-" + id + "\""));
  BOOST_TEST(post("/etablissement/signalements/traite", {{"signalement", id}, {"decision", "infonde"}, {"commentaire", ""}},
                  s.direction_b_session)
                 .status() == 404);
  BOOST_TEST(get("/etablissement/signalements", s.enseignant_a_session).status() == 403);
  // No decision: 422; the summary links to that report's decision, the
  // message stands next to it and the comment typed is kept.
  Res none = post("/etablissement/signalements/traite", {{"signalement", id}, {"commentaire", "Appel du père <b>"}},
                  s.secretariat_a_session);
  BOOST_TEST(none.status() == 422);
  BOOST_TEST(none.has("<a href=\"#decision-" + id + "\">Choisissez une décision"));
  BOOST_TEST(none.has("id=\"decision-" + id + "-erreur\">Choisissez une décision"));
  BOOST_TEST(none.has("fr-fieldset fr-fieldset--error\" id=\"decision-" + id + "\""));
  BOOST_TEST(none.has(">Appel du père &lt;b&gt;</textarea>"));
  // Infondé: the letter serves again, audited.
  Res handled = post("/etablissement/signalements/traite",
                     {{"signalement", id}, {"decision", "infonde"}, {"commentaire", "Vérifié"}}, s.secretariat_a_session);
  BOOST_TEST(handled.status() == 303);
  BOOST_TEST(handled.location() == "/etablissement/signalements?modifie=traite");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'helpdesk_report_handled' AND detail = ?",
                      identifier) == 1);
  BOOST_TEST(post("/connexion", {{"identifiant", identifier}, {"mot_de_passe", password}}).status() == 303);
  // Judged unfounded: reporting it again is refused with a message, not a silent sign-out.
  const std::string judged = flows::session_for(account, ts::accounts::stage::first_connection);
  Res twice = post("/premiere-connexion/signalement", {{"confirmer", "1"}}, judged);
  BOOST_TEST(twice.status() == 409);
  BOOST_TEST(twice.has("Courrier déjà vérifié"));
  BOOST_TEST(get("/premiere-connexion", judged).status() == 200, "the session lives on");
  Res again = post("/etablissement/signalements/traite",
                   {{"signalement", id}, {"decision", "annule"}, {"commentaire", ""}}, s.secretariat_a_session);
  BOOST_TEST(again.status() == 409);
  BOOST_TEST(get("/etablissement/signalements", s.secretariat_a_session).has("Signalement infondé"));
}

BOOST_AUTO_TEST_SUITE_END()
