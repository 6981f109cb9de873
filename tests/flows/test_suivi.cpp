// The follow-up and the family account fiche (issue 13, docs/STAFF.md
// "Suivi" and "Fiche d'un compte de famille") through the real handlers: the
// pages by class and by school, the search and its CSV export, the
// statistiques' permission, and each helpdesk action (done, audited, 303 back
// to the fiche; refused with 404 and nothing changed for another school's
// staff). The families these tests change are their own (committed).
#include "accounts/family.h"
#include "accounts/letters.h"
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

// A responsable of school A (staff_cast) with a child in "4 C", past the
// first connection: waiting for the confirmation of `address`.
struct PendingFamily {
  unsigned account = 0;
  std::string identifier, address, session;
  PendingFamily(const std::string& first) {
    const auto& s = staff_cast();
    ts::Db& db = ctx().db;
    const std::string tag = tst::tag();
    ts::Transaction tx(db);
    const unsigned pupil = ts::scolarite::insert_pupil(db, s.school_a, s.class_a, "Zoé", "Suivi" + tst::capitalised(tag),
                                                       "2012-05-02");
    const unsigned resp =
        ts::scolarite::insert_responsable(db, "Mme", first, "Suivi" + tst::capitalised(tag), "");
    ts::scolarite::link_pupil_responsable(db, pupil, resp, 1);
    auto l = ts::accounts::issue_responsable_letter(db, tst::tiny_argon2(), resp, pupil);
    account = l.account_id;
    identifier = l.identifier;
    address = first + "." + tag + "@example.org";
    for (auto& ch : address) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    tst::first_connection(db, account, "$argon2id$not-a-real-hash", address);
    tx.commit();
    session = flows::session_for(account, ts::accounts::stage::pending);
  }
};

long audits(const std::string& event, const std::string& identifier) {
  return sql_long(ctx().db, "SELECT COUNT(*) FROM audit_log WHERE event = ? AND detail = ?", event, identifier);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(suivi)

BOOST_AUTO_TEST_CASE(the_follow_up_shows_each_account_by_class_and_school_and_exports_it) {
  const auto& s = staff_cast();
  const std::string klass = std::to_string(s.class_a);
  Res page = get("/etablissement/suivi", s.direction_a_session);
  BOOST_TEST(page.status() == 200);
  for (const char* label : {"Lettre non générée", "Non utilisée", "En attente de confirmation", "Actif", "Expiré",
                            "Fermé", "Verrouillé", "Signalé", "Taux d'activation"})
    BOOST_TEST(page.has(label), label);
  BOOST_TEST(page.has("href=\"/etablissement/suivi?classe=" + klass + "#classe\""));
  Res one = get("/etablissement/suivi", s.direction_a_session, "classe=" + klass);
  BOOST_TEST(one.status() == 200);
  BOOST_TEST(one.has("<a href=\"/etablissement/famille?id=" + std::to_string(s.family_account_a) + "\">" +
                     s.family_identifier_a + "</a>"));
  BOOST_TEST(!one.has(s.family_identifier_b));
  // Another school's class, or none: 404.
  const long class_b = sql_long(ctx().db, "SELECT id FROM school_class WHERE establishment_id = ?", s.school_b);
  BOOST_TEST(get("/etablissement/suivi", s.direction_a_session, "classe=" + std::to_string(class_b)).status() == 404);
  // Not a class id at all: not found either (it was the school's page, the parameter ignored).
  BOOST_TEST(get("/etablissement/suivi", s.direction_a_session, "classe=abc").status() == 404);
  // The académie: one row per school.
  Res all = get("/etablissement/suivi", s.academie_session);
  BOOST_TEST(all.has("Collège " + s.family_a + " ("));
  BOOST_TEST(all.has("Collège " + s.family_b + " ("));

  // Search: by the family's surname, scoped; a bad state is a 422 at its field.
  Res found = get("/etablissement/suivi/recherche", s.secretariat_a_session, "nom=" + flows::urlencode(s.family_a));
  BOOST_TEST(found.status() == 200);
  BOOST_TEST(found.has(s.family_identifier_a));
  BOOST_TEST(!get("/etablissement/suivi/recherche", s.secretariat_a_session, "nom=" + flows::urlencode(s.family_b))
                  .has(s.family_identifier_b));
  // A page number out of range is a wrong link: 404 (its message linked to no field).
  BOOST_TEST(get("/etablissement/suivi/recherche", s.secretariat_a_session, "nom=a&page=99").status() == 404);
  BOOST_TEST(get("/etablissement/suivi/recherche", s.secretariat_a_session, "nom=a&page=x").status() == 404);
  Res bad = get("/etablissement/suivi/recherche", s.secretariat_a_session, "etat=perdu");
  BOOST_TEST(bad.status() == 422);
  BOOST_TEST(bad.has("Choisissez un état dans la liste."));
  Res active = get("/etablissement/suivi/recherche", s.secretariat_a_session, "etat=actif&classe=" + klass);
  BOOST_TEST(active.has(s.family_identifier_a));

  // CSV: BOM, ';', the header; the académie's with the school first.
  Res csv = get("/etablissement/suivi.csv", s.secretariat_a_session, "classe=" + klass);
  BOOST_TEST(csv.status() == 200);
  BOOST_TEST(csv.response.content_type == "text/csv; charset=utf-8");
  BOOST_TEST(csv.header("Content-Disposition").find("attachment; filename=\"suivi-T") == 0);
  const std::string header =
      "\xEF\xBB\xBF" "Classe;Élève;Type de compte;Titulaire;Identifiant;État;Dernière connexion\r\n";
  BOOST_TEST(csv.body().substr(0, header.size()) == header);
  BOOST_TEST(csv.has(";Responsable;Claire " + s.family_a + ";" + s.family_identifier_a + ";Actif;"));
  Res csv_all = get("/etablissement/suivi.csv", s.academie_session, "nom=" + flows::urlencode(s.family_b));
  BOOST_TEST(csv_all.body().find("\xEF\xBB\xBF" "Établissement;Classe;") == 0);
  BOOST_TEST(csv_all.has(s.family_identifier_b));

  // Statistiques: direction (its school) and académie; not the secrétariat.
  Res stats = get("/etablissement/statistiques", s.direction_a_session);
  BOOST_TEST(stats.status() == 200);
  BOOST_TEST(stats.has("Collège " + s.family_a));
  BOOST_TEST(!stats.has("Collège " + s.family_b));
  BOOST_TEST(get("/etablissement/statistiques", s.academie_session).has("Collège " + s.family_b));
  BOOST_TEST(get("/etablissement/statistiques", s.secretariat_a_session).status() == 403);
  // The fiche needs assistance: the académie is refused.
  BOOST_TEST(get("/etablissement/famille", s.academie_session, "id=" + std::to_string(s.family_account_a)).status() ==
             403);
}

BOOST_AUTO_TEST_CASE(each_helpdesk_action_is_done_audited_and_refused_for_another_school) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  PendingFamily f("Inès");
  const std::string id = std::to_string(f.account);

  // School B's staff: the fiche and every action are not found, nothing changes.
  const long audit_before = sql_long(db, "SELECT COUNT(*) FROM audit_log");
  BOOST_TEST(get("/etablissement/famille", s.direction_b_session, "id=" + id).status() == 404);
  BOOST_TEST(post("/etablissement/famille/renvoyer", {{"id", id}}, s.direction_b_session).status() == 404);
  BOOST_TEST(post("/etablissement/famille/adresse",
                  {{"id", id}, {"nouvelle_adresse", "x@example.org"}, {"confirmation_adresse", "x@example.org"}},
                  s.direction_b_session)
                 .status() == 404);
  BOOST_TEST(post("/etablissement/famille/fermer", {{"id", id}, {"confirmer", "1"}}, s.direction_b_session).status() ==
             404);
  BOOST_TEST(post("/etablissement/famille/deverrouiller", {{"id", id}}, s.direction_b_session).status() == 404);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log") == audit_before);
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", f.account) == "pending_email");

  Res fiche = get("/etablissement/famille", s.secretariat_a_session, "id=" + id);
  BOOST_TEST(fiche.status() == 200);
  BOOST_TEST(fiche.has("<td id=\"etat-du-compte\">En attente de confirmation</td>"));
  BOOST_TEST(fiche.has("Zoé Suivi"));
  BOOST_TEST(fiche.has("action=\"/etablissement/courriers/compte\""));
  BOOST_TEST(fiche.has("name=\"compte\" value=\"" + id + "\""));

  // Resend the activation mail: a new link to the address waiting.
  const long mails = sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = ?", f.address);
  Res resent = post("/etablissement/famille/renvoyer", {{"id", id}}, s.secretariat_a_session);
  BOOST_TEST(resent.status() == 303);
  BOOST_TEST(resent.location() == "/etablissement/famille?id=" + id + "&modifie=renvoye");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = ?", f.address) == mails + 1);
  BOOST_TEST(audits("helpdesk_activation_resent", f.identifier) == 1);
  BOOST_TEST(get("/etablissement/famille", s.secretariat_a_session, "id=" + id + "&modifie=renvoye")
                 .has("Un nouveau lien d&#39;activation a été envoyé"));

  // Correct the address: the confirmation must match (422), then the new one waits and is mailed.
  const std::string fixed = "ines.corrigee." + tst::tag() + "@example.org";
  Res mismatch = post("/etablissement/famille/adresse",
                      {{"id", id}, {"nouvelle_adresse", fixed}, {"confirmation_adresse", "autre@example.org"}},
                      s.secretariat_a_session);
  BOOST_TEST(mismatch.status() == 422);
  BOOST_TEST(mismatch.has("La confirmation ne correspond pas à l&#39;adresse mail saisie."));
  Res corrected = post("/etablissement/famille/adresse",
                       {{"id", id}, {"nouvelle_adresse", fixed}, {"confirmation_adresse", fixed}},
                       s.secretariat_a_session);
  BOOST_TEST(corrected.status() == 303);
  BOOST_TEST(*sql_value(db, "SELECT pending_email FROM account WHERE id = ?", f.account) == fixed);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = ?", fixed) == 1);
  BOOST_TEST(audits("helpdesk_email_corrected", f.identifier) == 1);

  // Unlock.
  db.exec("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE id = ?", f.account);
  BOOST_TEST(get("/etablissement/famille", s.secretariat_a_session, "id=" + id).has("Verrouillé"));
  BOOST_TEST(post("/etablissement/famille/deverrouiller", {{"id", id}}, s.secretariat_a_session).status() == 303);
  BOOST_TEST(sql_long(db, "SELECT locked_until > UTC_TIMESTAMP() FROM account WHERE id = ?", f.account) == 0);
  BOOST_TEST(audits("helpdesk_unlock", f.identifier) == 1);

  // Close: the box unticked is a 422; ticked, closed, its sessions ended, audited.
  Res unticked = post("/etablissement/famille/fermer", {{"id", id}}, s.secretariat_a_session);
  BOOST_TEST(unticked.status() == 422);
  BOOST_TEST(unticked.has("Cochez la case pour confirmer la fermeture du compte."));
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", f.account) == "pending_email");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM session WHERE account_id = ?", f.account) >= 1);
  Res closed = post("/etablissement/famille/fermer", {{"id", id}, {"confirmer", "1"}}, s.secretariat_a_session);
  BOOST_TEST(closed.status() == 303);
  BOOST_TEST(closed.location() == "/etablissement/famille?id=" + id + "&modifie=ferme");
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", f.account) == "closed");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM session WHERE account_id = ?", f.account) == 0);
  BOOST_TEST(audits("helpdesk_closed", f.identifier) == 1);
  // The fiche still opens (the closed account's letter named a pupil of the school), with its trail.
  Res after = get("/etablissement/famille", s.secretariat_a_session, "id=" + id + "&modifie=ferme");
  BOOST_TEST(after.status() == 200);
  BOOST_TEST(after.has("<td id=\"etat-du-compte\">Fermé</td>"));
  BOOST_TEST(after.has("Compte fermé par l&#39;assistance"));  // (variables are HTML-escaped)
  BOOST_TEST(after.has("Mail d&#39;activation renvoyé par l&#39;assistance"));
  BOOST_TEST(!after.has("action=\"/etablissement/famille/fermer\""));
  // A second click changes nothing more.
  BOOST_TEST(post("/etablissement/famille/fermer", {{"id", id}, {"confirmer", "1"}}, s.secretariat_a_session).status() ==
             303);
  BOOST_TEST(audits("helpdesk_closed", f.identifier) == 1);
  // The actions no longer find a closed account (it holds no child): 404.
  BOOST_TEST(post("/etablissement/famille/renvoyer", {{"id", id}}, s.secretariat_a_session).status() == 404);
}

// A family whose children are in two schools (or a child carried over by a
// change of school): neither school closes the account the other's family
// still uses (409, nothing changed).
BOOST_AUTO_TEST_CASE(an_account_that_also_serves_another_school_is_not_closed) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  const auto l = flows::school_a_letter("Inès", "Partage" + tst::capitalised(tst::tag()));
  {
    ts::Transaction tx(db);
    const unsigned klass_b = ts::scolarite::insert_class(db, s.school_b, "3 P" + tst::tag().substr(0, 4));
    const unsigned pupil_b = ts::scolarite::insert_pupil(db, s.school_b, klass_b, "Noé", "Partage", "2011-04-03");
    const unsigned resp = static_cast<unsigned>(
        sql_long(db, "SELECT responsable_id FROM account_child WHERE account_id = ? LIMIT 1", l.account_id));
    ts::accounts::add_child(db, l.account_id, pupil_b, resp);
    tx.commit();
  }
  const std::string id = std::to_string(l.account_id);
  for (const std::string* session : {&s.secretariat_a_session, &s.direction_b_session}) {
    Res refused = post("/etablissement/famille/fermer", {{"id", id}, {"confirmer", "1"}}, *session);
    BOOST_TEST(refused.status() == 409);
    BOOST_TEST(refused.has("Ce compte donne aussi accès à un élève d&#39;un autre établissement"));
    BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", l.account_id) == "letter");
    BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ?", l.account_id) == 2);
  }
  BOOST_TEST(audits("helpdesk_closed", l.identifier) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
