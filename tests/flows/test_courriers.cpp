// Flow "courriers" (issue 13 — courriers; docs/STAFF.md "Courriers")
// through the real handlers: the route table and the permission each route
// needs (an enseignant is refused, 403 in French), the PDF's headers, a
// wrong choice (422), and another school's class or account (404, nothing
// generated). The accounts these tests create are their own (committed).
#include "accounts/letters.h"
#include "client.h"
#include "web/http.h"
#include "scolarite/records.h"

using flows::ctx;
using flows::get;
using flows::post;
using flows::Res;
using flows::staff_cast;
using tst::sql_long;

namespace {

bool refused(const Res& r) { return r.status() == 403 && r.has("Accès refusé"); }

// A pupil of school A's "4 C" with its letter (committed): its account id.
unsigned pupil_account_a() {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  ts::Transaction tx(db);
  const std::string tag = tst::tag();
  const unsigned pupil =
      ts::scolarite::insert_pupil(db, s.school_a, s.class_a, "Noé", "Courrier" + tst::capitalised(tag), "2012-05-02");
  const auto l = ts::accounts::issue_pupil_letter(db, tst::tiny_argon2(), pupil);
  tx.commit();
  return l.account_id;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(courriers)

BOOST_AUTO_TEST_CASE(the_routes_need_their_permission) {
  const auto& s = staff_cast();
  const std::string klass = std::to_string(s.class_a);
  Res page = get("/etablissement/courriers", s.secretariat_a_session);
  BOOST_TEST(page.status() == 200);
  BOOST_TEST(page.has("<option value=\"" + klass + "\">4 C</option>"));
  BOOST_TEST(page.has("action=\"/etablissement/courriers/generer\""));
  BOOST_TEST(page.has("action=\"/etablissement/courriers/relancer\""));
  BOOST_TEST(get("/etablissement", s.secretariat_a_session).has("href=\"/etablissement/courriers\""));
  BOOST_TEST(!get("/etablissement", s.enseignant_a_session).has("href=\"/etablissement/courriers\""));
  // An enseignant, the académie: refused before the page runs.
  BOOST_TEST(refused(get("/etablissement/courriers", s.enseignant_a_session)));
  BOOST_TEST(refused(get("/etablissement/courriers", s.academie_session)));
  BOOST_TEST(refused(post("/etablissement/courriers/generer", {{"classe", klass}, {"destinataires", "tous"}},
                          s.enseignant_a_session)));
  BOOST_TEST(refused(post("/etablissement/courriers/relancer", {{"classe", klass}}, s.enseignant_a_session)));
  BOOST_TEST(refused(post("/etablissement/courriers/compte", {{"compte", "1"}}, s.enseignant_a_session)));
  // No session: the staff sign-in.
  Res none = get("/etablissement/courriers");
  BOOST_TEST(none.status() == 303);
  BOOST_TEST(none.location() == "/personnel");
  // A GET of a form address goes to the page.
  BOOST_TEST(get("/etablissement/courriers/generer", s.secretariat_a_session).location() == "/etablissement/courriers");
}

BOOST_AUTO_TEST_CASE(the_letter_is_a_pdf_and_another_schools_ids_are_not_found) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  const unsigned account = pupil_account_a();
  const std::string id = std::to_string(account);
  const long class_b = sql_long(db, "SELECT id FROM school_class WHERE establishment_id = ?", s.school_b);

  // School B's direction: school A's account and class are not found, nothing generated.
  const long letters_before = sql_long(db, "SELECT COUNT(*) FROM letter");
  BOOST_TEST(post("/etablissement/courriers/compte", {{"compte", id}}, s.direction_b_session).status() == 404);
  BOOST_TEST(post("/etablissement/courriers/generer", {{"classe", std::to_string(s.class_a)}, {"destinataires", "tous"}},
                  s.direction_b_session)
                 .status() == 404);
  BOOST_TEST(post("/etablissement/courriers/relancer", {{"classe", std::to_string(s.class_a)}}, s.direction_b_session)
                 .status() == 404);
  // A's direction, B's class: 404 too; wrong choices: 422 in French.
  BOOST_TEST(post("/etablissement/courriers/generer", {{"classe", std::to_string(class_b)}, {"destinataires", "tous"}},
                  s.direction_a_session)
                 .status() == 404);
  Res wrong = post("/etablissement/courriers/generer", {{"classe", std::to_string(s.class_a)}, {"destinataires", "profs"}},
                   s.direction_a_session);
  BOOST_TEST(wrong.status() == 422);
  BOOST_TEST(wrong.has("Choisissez les courriers à générer"));
  BOOST_TEST(post("/etablissement/courriers/generer", {{"classe", ""}, {"destinataires", "tous"}}, s.direction_a_session)
                 .status() == 422);
  BOOST_TEST(post("/etablissement/courriers/relancer", {{"classe", std::to_string(s.class_a)}, {"nouveau_mot_de_passe", "x"}},
                  s.direction_a_session)
                 .status() == 422);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter") == letters_before);

  // The fiche's "Régénérer le courrier": a PDF, not cached, the old letter revoked.
  Res pdf = post("/etablissement/courriers/compte", {{"compte", id}}, s.secretariat_a_session);
  BOOST_TEST(pdf.status() == 200);
  BOOST_TEST(pdf.response.content_type == "application/pdf");
  BOOST_TEST(pdf.body().rfind("%PDF-", 0) == 0);
  // Not cached: the one Cache-Control header every answer carries (http.cpp serialize), not a second one.
  const std::string wire = ts::web::serialize(pdf.response, false);
  BOOST_TEST(wire.find("Cache-Control: no-store\r\n") != std::string::npos);
  BOOST_TEST(wire.find("Cache-Control:") == wire.rfind("Cache-Control:"));
  BOOST_TEST(pdf.header("Content-Disposition").find("attachment; filename=\"courriers-") == 0);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE account_id = ? AND revoked_at IS NULL", account) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE account_id = ?", account) == 2);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'helpdesk_letter' AND detail ="
                          " (SELECT identifier FROM account WHERE id = ?)",
                      account) == 1);
}

// A generation longer than a web request allows ([courriers] web_seconds,
// below nginx's 60 s) is refused with nothing kept: no letter, no new
// password, no audit row (a fresh tester saw nginx answer "not saved" while
// a whole school's letters were committed two minutes later).
BOOST_AUTO_TEST_CASE(a_generation_past_its_deadline_keeps_nothing) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  pupil_account_a();  // at least one letter to renew
  const int saved = ctx().cfg.letters_web_seconds;
  ctx().cfg.letters_web_seconds = 0;
  const long letters = sql_long(db, "SELECT COUNT(*) FROM letter");
  const long passwords = sql_long(db, "SELECT COUNT(*) FROM letter WHERE revoked_at IS NULL");
  const long audits = sql_long(db, "SELECT COUNT(*) FROM audit_log");
  Res whole = post("/etablissement/courriers/generer", {{"classe", "tout"}, {"destinataires", "tous"}},
                   s.secretariat_a_session);
  Res renotify = post("/etablissement/courriers/relancer",
                      {{"classe", std::to_string(s.class_a)}, {"nouveau_mot_de_passe", "1"}}, s.secretariat_a_session);
  ctx().cfg.letters_web_seconds = saved;
  for (const Res* r : {&whole, &renotify}) {
    BOOST_TEST(r->status() == 503);
    BOOST_TEST(r->has("Trop de courriers pour une seule demande"));
    BOOST_TEST(r->has("rien n&#39;a été enregistré"));
    BOOST_TEST(r->response.content_type.find("text/html") == 0);
  }
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter") == letters);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM letter WHERE revoked_at IS NULL") == passwords);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log") == audits);
  // Within the limit, the same request gives the PDF.
  BOOST_TEST(post("/etablissement/courriers/generer", {{"classe", std::to_string(s.class_a)}, {"destinataires", "eleves"}},
                  s.secretariat_a_session)
                 .response.content_type == "application/pdf");
}

BOOST_AUTO_TEST_SUITE_END()
