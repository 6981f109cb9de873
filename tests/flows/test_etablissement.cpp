// The staff side's screens (flow "etablissement", docs/STAFF.md), through the
// real handlers: the permission table applied once by the dispatcher to each
// route (403 with the French page), the scope of every id (another school's
// is 404 and changes nothing), and the pages' own rules (journal filters and
// export, creating a staff member, helpdesk unlock, Mon compte). The staff of
// flows::staff_cast() are committed; tests that change someone make their own.
#include "client.h"
#include "core/crypto.h"
#include "security/audit.h"
#include "staff/second_factor.h"
#include "staff/staff.h"

using flows::call;
using flows::ctx;
using flows::get;
using flows::post;
using flows::Req;
using flows::Res;
using flows::staff_cast;
using tst::sql_long;
using tst::sql_value;
using ts::staff::bit;
using ts::staff::Role;

namespace {

bool refused(const Res& r) { return r.status() == 403 && r.has("Accès refusé"); }

// A member of school A made for one test (committed), with a session at stage staff.
struct Member {
  unsigned id = 0;
  std::string identifier, session;
  Member(unsigned school, ts::staff::Roles roles, const std::string& first) {
    ts::Db& db = ctx().db;
    ts::Transaction tx(db);
    id = tst::staff_member(db, school, roles, first, staff_cast().family_a + tst::capitalised(tst::tag()));
    tx.commit();
    identifier = *sql_value(db, "SELECT identifier FROM account WHERE id = ?", id);
    session = flows::session_for(id, ts::accounts::stage::staff);
  }
};

std::string roles_of(unsigned id) {
  return sql_value(ctx().db, "SELECT COALESCE(GROUP_CONCAT(role ORDER BY role), '') FROM staff_role WHERE account_id = ?",
                   id)
      .value_or("");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(etablissement)

BOOST_AUTO_TEST_CASE(an_enseignant_is_refused_every_page_its_roles_do_not_allow) {
  const auto& s = staff_cast();
  for (const char* path : {"/etablissement/personnels", "/etablissement/personnels/nouveau", "/etablissement/journal",
                           "/etablissement/journal.csv", "/etablissement/suivi", "/etablissement/assistance"}) {
    BOOST_TEST_CONTEXT(path) {
      Res r = get(path, s.enseignant_a_session);
      BOOST_TEST(refused(r));
      BOOST_TEST(r.has("lang=\"fr\""));
    }
  }
  for (const char* path : {"/etablissement/personnels/fermer", "/etablissement/personnels/double-facteur",
                           "/etablissement/personnels/delegation", "/etablissement/assistance/deverrouiller"}) {
    BOOST_TEST_CONTEXT(path) {
      BOOST_TEST(refused(post(path, {{"id", std::to_string(s.direction_a)}}, s.enseignant_a_session)));
    }
  }
  // Nothing was done: the direction is still open with its role.
  BOOST_TEST(*sql_value(ctx().db, "SELECT state FROM account WHERE id = ?", s.direction_a) == "active");
  // What an enseignant may open: home (with its class and subject) and Mon compte.
  Res home = get("/etablissement", s.enseignant_a_session);
  BOOST_TEST(home.status() == 200);
  BOOST_TEST(home.has("4 C"));
  BOOST_TEST(home.has("Mathématiques"));
  BOOST_TEST(!home.has("href=\"/etablissement/journal\""));
  BOOST_TEST(get("/etablissement/compte", s.enseignant_a_session).status() == 200);
}

BOOST_AUTO_TEST_CASE(the_academie_reads_journal_and_suivi_of_every_school_but_not_personnels) {
  const auto& s = staff_cast();
  Res journal = get("/etablissement/journal", s.academie_session);
  BOOST_TEST(journal.status() == 200);
  BOOST_TEST((journal.has("<th scope=\"col\">Établissement</th>") || journal.has("Aucun événement")));
  Res suivi = get("/etablissement/suivi", s.academie_session);
  BOOST_TEST(suivi.status() == 200);
  BOOST_TEST(suivi.has("Collège " + s.family_a));
  BOOST_TEST(suivi.has("Collège " + s.family_b));
  BOOST_TEST(refused(get("/etablissement/personnels", s.academie_session)));
  BOOST_TEST(refused(get("/etablissement/assistance", s.academie_session)));
  Res home = get("/etablissement", s.academie_session);
  BOOST_TEST(home.has("Académie"));
  // A school's suivi shows its own school only.
  Res own = get("/etablissement/suivi", s.direction_a_session);
  BOOST_TEST(own.status() == 200);
  BOOST_TEST(!own.has("Collège " + s.family_b));
}

BOOST_AUTO_TEST_CASE(the_secretariat_reaches_suivi_and_assistance_only) {
  const auto& s = staff_cast();
  BOOST_TEST(get("/etablissement/suivi", s.secretariat_a_session).status() == 200);
  BOOST_TEST(get("/etablissement/assistance", s.secretariat_a_session).status() == 200);
  BOOST_TEST(refused(get("/etablissement/journal", s.secretariat_a_session)));
  BOOST_TEST(refused(get("/etablissement/personnels", s.secretariat_a_session)));
}

BOOST_AUTO_TEST_CASE(every_id_of_another_school_is_not_found_and_changes_nothing) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  const std::string b = std::to_string(s.vie_scolaire_b);
  const long audit_before = sql_long(db, "SELECT COUNT(*) FROM audit_log");
  BOOST_TEST(get("/etablissement/personnels/fiche", s.direction_a_session, "id=" + b).status() == 404);
  BOOST_TEST(get("/etablissement/personnels/fiche", s.direction_a_session, "id=999999999").status() == 404);
  BOOST_TEST(post("/etablissement/personnels/fermer", {{"id", b}}, s.direction_a_session).status() == 404);
  BOOST_TEST(post("/etablissement/personnels/double-facteur", {{"id", b}}, s.direction_a_session).status() == 404);
  BOOST_TEST(post("/etablissement/personnels/delegation", {{"id", b}, {"action", "accorder"}}, s.direction_a_session)
                 .status() == 404);
  BOOST_TEST(post("/etablissement/assistance/deverrouiller", {{"id", std::to_string(s.family_account_b)}},
                  s.direction_a_session)
                 .status() == 404);
  Res search = get("/etablissement/assistance", s.direction_a_session, "identifiant=" + s.family_identifier_b);
  BOOST_TEST(search.status() == 404);
  BOOST_TEST(!search.has(s.family_identifier_b + "</caption>"));
  // School B's member is as it was, and nothing was audited.
  BOOST_TEST(*sql_value(db, "SELECT state FROM account WHERE id = ?", s.vie_scolaire_b) == "active");
  BOOST_TEST(roles_of(s.vie_scolaire_b) == "vie_scolaire");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log") == audit_before);
  // School B's list does not show A's staff, and the reverse.
  Res list_a = get("/etablissement/personnels", s.direction_a_session);
  BOOST_TEST(!list_a.has(">Victor " + s.family_b + "<"));
  BOOST_TEST(list_a.has(">Emile " + s.family_a + "<"));
}

BOOST_AUTO_TEST_CASE(direction_grants_and_takes_back_the_delegation_and_resets_a_second_factor) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  Member m(s.school_a, bit(Role::enseignant), "Gaston");
  const std::string id = std::to_string(m.id);
  Res granted = post("/etablissement/personnels/delegation", {{"id", id}, {"action", "accorder"}},
                     s.direction_a_session);
  BOOST_TEST(granted.status() == 303);
  BOOST_TEST(granted.location() == "/etablissement/personnels/fiche?id=" + id + "&modifie=delegation-accordee");
  BOOST_TEST(roles_of(m.id) == "enseignant,assistance");
  // The delegated member now reaches assistance (the roles are read with the session).
  BOOST_TEST(get("/etablissement/assistance", m.session).status() == 200);
  BOOST_TEST(refused(get("/etablissement/suivi", m.session)));
  Res fiche = get("/etablissement/personnels/fiche", s.direction_a_session, "id=" + id + "&modifie=delegation-accordee");
  BOOST_TEST(fiche.status() == 200);
  BOOST_TEST(fiche.has("La délégation d'assistance aux familles a été accordée."));
  BOOST_TEST(fiche.has("value=\"retirer\""));
  BOOST_TEST(post("/etablissement/personnels/delegation", {{"id", id}, {"action", "retirer"}}, s.direction_a_session)
                 .status() == 303);
  BOOST_TEST(roles_of(m.id) == "enseignant");
  BOOST_TEST(refused(get("/etablissement/assistance", m.session)));
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM audit_log WHERE account_id = ? AND event IN ('delegation_granted',"
                      " 'delegation_revoked') AND detail = ?",
                      s.direction_a, m.identifier) == 2);
  // An unknown action changes nothing.
  BOOST_TEST(post("/etablissement/personnels/delegation", {{"id", id}, {"action", "tout"}}, s.direction_a_session)
                 .status() == 422);
  // The second factor reset ends the member's sessions, audited.
  Res reset = post("/etablissement/personnels/double-facteur", {{"id", id}}, s.direction_a_session);
  BOOST_TEST(reset.status() == 303);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM session WHERE account_id = ?", m.id) == 0);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'staff_second_factor_reset' AND detail = ?",
                      m.identifier) == 1);
}

BOOST_AUTO_TEST_CASE(direction_mails_a_new_enrolment_link_that_replaces_the_earlier_ones) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  Member m(s.school_a, bit(Role::secretariat), "Hortense");
  const std::string id = std::to_string(m.id);
  auto email = *sql_value(db, "SELECT email FROM account WHERE id = ?", m.id);
  const long mails_before = sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = ?", email);
  Res sent = post("/etablissement/personnels/lien", {{"id", id}}, s.direction_a_session);
  BOOST_TEST(sent.status() == 303);
  BOOST_TEST(sent.location() == "/etablissement/personnels/fiche?id=" + id + "&modifie=lien");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = ?", email) == mails_before + 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = ? AND body_text LIKE '%/personnel/activer?code=%'",
                      email) >= 1);
  // Only the newest link serves.
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM email_token WHERE account_id = ? AND purpose = 'staff_enrolment'"
                      " AND used_at IS NULL AND expires_at > UTC_TIMESTAMP()",
                      m.id) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'staff_enrolment_link' AND detail = ?",
                      m.identifier) == 1);
  Res fiche = get("/etablissement/personnels/fiche", s.direction_a_session, "id=" + id + "&modifie=lien");
  BOOST_TEST(fiche.has("Un nouveau lien d'activation a été envoyé"));
  // Not to oneself (409), not for an enseignant of the school (403), not another school's member (404).
  BOOST_TEST(post("/etablissement/personnels/lien", {{"id", std::to_string(s.direction_a)}}, s.direction_a_session)
                 .status() == 409);
  BOOST_TEST(refused(post("/etablissement/personnels/lien", {{"id", id}}, s.enseignant_a_session)));
  BOOST_TEST(post("/etablissement/personnels/lien", {{"id", std::to_string(s.vie_scolaire_b)}}, s.direction_a_session)
                 .status() == 404);
}

BOOST_AUTO_TEST_CASE(direction_cannot_close_itself_nor_delegate_to_direction) {
  const auto& s = staff_cast();
  Member boss(s.school_a, bit(Role::direction), "Hector");
  const std::string me = std::to_string(boss.id);
  Res own = post("/etablissement/personnels/fermer", {{"id", me}}, boss.session);
  BOOST_TEST(own.status() == 409);
  BOOST_TEST(own.has("propre compte"));
  BOOST_TEST(*sql_value(ctx().db, "SELECT state FROM account WHERE id = ?", boss.id) == "active");
  Res to_direction = post("/etablissement/personnels/delegation",
                          {{"id", std::to_string(s.direction_a)}, {"action", "accorder"}}, boss.session);
  BOOST_TEST(to_direction.status() == 409);
  BOOST_TEST(roles_of(s.direction_a) == "direction");
  // Closing another member: closed, sessions ended, audited; the fiche says so.
  Member other(s.school_a, bit(Role::secretariat), "Ines");
  Res closed = post("/etablissement/personnels/fermer", {{"id", std::to_string(other.id)}}, boss.session);
  BOOST_TEST(closed.status() == 303);
  BOOST_TEST(*sql_value(ctx().db, "SELECT state FROM account WHERE id = ?", other.id) == "closed");
  BOOST_TEST(sql_long(ctx().db, "SELECT COUNT(*) FROM session WHERE account_id = ?", other.id) == 0);
  Res fiche = get("/etablissement/personnels/fiche", boss.session, "id=" + std::to_string(other.id) + "&modifie=ferme");
  BOOST_TEST(fiche.has("Le compte a été fermé"));
  BOOST_TEST(fiche.has("Fermé"));
}

BOOST_AUTO_TEST_CASE(creating_a_staff_member_mails_the_link_and_never_shows_it) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  const std::string last = "Nouveau" + tst::capitalised(tst::tag());
  const std::string address = "jeanne." + tst::tag() + "@example.org";
  // Errors first: 422, nothing created.
  Res bad = post("/etablissement/personnels/nouveau",
                 {{"prenom", ""}, {"nom", last}, {"courriel", "pas-une-adresse"}, {"role_enseignant", "1"},
                  {"matieres", ""}},
                 s.direction_a_session);
  BOOST_TEST(bad.status() == 422);
  BOOST_TEST(bad.has("Saisissez le prénom."));
  BOOST_TEST(bad.has("href=\"#courriel\""));
  BOOST_TEST(bad.has("Saisissez au moins une discipline"));
  BOOST_TEST(bad.has("Cochez au moins une classe"));
  Res no_role = post("/etablissement/personnels/nouveau", {{"prenom", "Jeanne"}, {"nom", last}, {"courriel", address}},
                     s.direction_a_session);
  BOOST_TEST(no_role.status() == 422);
  BOOST_TEST(no_role.has("Cochez au moins un rôle."));
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM staff WHERE last_name = ?", last) == 0);

  const std::vector<std::pair<std::string, std::string>> form = {{"prenom", "Jeanne"},
                                                                 {"nom", last},
                                                                 {"courriel", address},
                                                                 {"role_enseignant", "1"},
                                                                 {"matieres", "Français, Latin"},
                                                                 {"classe_" + std::to_string(s.class_a), "1"}};
  // Post/Redirect/Get: the new member's fiche tells it (a reload sends nothing again).
  Res created = post("/etablissement/personnels/nouveau", form, s.direction_a_session);
  BOOST_TEST(created.status() == 303);
  auto id = sql_value(db, "SELECT account_id FROM staff WHERE last_name = ?", last);
  BOOST_REQUIRE(id.has_value());
  BOOST_TEST(created.location() == "/etablissement/personnels/fiche?id=" + *id + "&modifie=cree");
  const std::string identifier = *sql_value(db, "SELECT identifier FROM account WHERE id = ?", *id);
  Res ok = get("/etablissement/personnels/fiche", s.direction_a_session, "id=" + *id + "&modifie=cree");
  BOOST_TEST(ok.has("Le compte a été créé avec l'identifiant « " + identifier + " »"));
  BOOST_TEST(ok.has("activation a été envoyé à " + address));
  BOOST_TEST(!ok.has("/personnel/activer"));
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM staff_teaching WHERE account_id = ?", *id) == 2);
  BOOST_TEST(roles_of(static_cast<unsigned>(std::stoul(*id))) == "enseignant");
  auto body = sql_value(db, "SELECT body_text FROM outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1", address);
  BOOST_REQUIRE(body.has_value());
  BOOST_TEST(body->find("/personnel/activer?code=") != std::string::npos);
  BOOST_TEST(*sql_value(db, "SELECT subject FROM outbox WHERE to_address = ? ORDER BY id DESC LIMIT 1", address) ==
             "Votre compte Scolarité services (personnel)");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'staff_created' AND account_id = ?"
                      " AND detail LIKE CONCAT(?, '%')",
                      s.direction_a, identifier) == 1);
  // The same form posted again (a double click): the same outcome, one account, one mail.
  Res twin = post("/etablissement/personnels/nouveau", form, s.direction_a_session);
  BOOST_TEST(twin.status() == 303);
  BOOST_TEST(twin.location() == created.location());
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM staff WHERE last_name = ?", last) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM outbox WHERE to_address = ?", address) == 1);
}

BOOST_AUTO_TEST_CASE(the_journal_validates_its_filters_and_exports_csv) {
  const auto& s = staff_cast();
  Res bad = get("/etablissement/journal", s.direction_a_session, "du=2026-02-30");
  BOOST_TEST(bad.status() == 422);
  BOOST_TEST(bad.has("AAAA-MM-JJ"));
  Res reversed = get("/etablissement/journal", s.direction_a_session, "du=2026-03-02&au=2026-03-01");
  BOOST_TEST(reversed.status() == 422);
  BOOST_TEST(reversed.has("postérieure"));
  BOOST_TEST(get("/etablissement/journal.csv", s.direction_a_session, "au=demain").status() == 422);

  // A row of school A's journal, by a member of A.
  Member m(s.school_a, bit(Role::secretariat), "Julie");
  {
    ts::Transaction tx(ctx().db);
    ts::security::audit(ctx().db, m.id, m.identifier, "test_event", "=cmd|' /C calc'!A0; \"dit\"", "192.0.2.1");
    ts::security::audit(ctx().db, m.id, m.identifier, "staff_closed", "quelqu'un", "192.0.2.1");
    tx.commit();
  }
  Res page = get("/etablissement/journal", s.direction_a_session, "identifiant=" + m.identifier);
  BOOST_TEST(page.status() == 200);
  BOOST_TEST(page.has("test_event"));  // an event without a French label shows its type
  BOOST_TEST(page.has("<td>Compte de personnel fermé</td>"));
  BOOST_TEST(!get("/etablissement/journal", s.direction_b_session, "identifiant=" + m.identifier).has("test_event"));
  Res csv = get("/etablissement/journal.csv", s.direction_a_session, "identifiant=" + m.identifier);
  BOOST_TEST(csv.status() == 200);
  BOOST_TEST(csv.response.content_type == "text/csv; charset=utf-8");
  BOOST_TEST(csv.header("Content-Disposition").find("attachment; filename=\"journal-T") == 0);
  const std::string header = "\xEF\xBB\xBF" "Date;Identifiant;Événement;Détail;Adresse IP\r\n";
  BOOST_TEST(csv.body().substr(0, header.size()) == header);
  BOOST_TEST(csv.has(";" + m.identifier + ";Compte de personnel fermé;quelqu'un;192.0.2.1\r\n"));
  BOOST_TEST(csv.has(";" + m.identifier + ";test_event;\"'=cmd|' /C calc'!A0; \"\"dit\"\"\";192.0.2.1\r\n"));
  Res all = get("/etablissement/journal.csv", s.academie_session, "identifiant=" + m.identifier);
  BOOST_TEST(all.body().find("\xEF\xBB\xBF" "Établissement;Date;") == 0);
  BOOST_TEST(all.header("Content-Disposition").find("journal-academie-") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(assistance_lifts_the_lock_of_a_family_of_the_school) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  db.exec("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR, failed_logins = 3 WHERE id = ?",
          s.family_account_a);
  Res found = get("/etablissement/assistance", s.secretariat_a_session, "identifiant=" + s.family_identifier_a);
  BOOST_TEST(found.status() == 200);
  BOOST_TEST(found.has("Bloqué jusqu'au"));
  BOOST_TEST(found.has("c***@example.org"));
  BOOST_TEST(!found.has("type=\"password\""));
  Res unlocked = post("/etablissement/assistance/deverrouiller", {{"id", std::to_string(s.family_account_a)}},
                      s.secretariat_a_session);
  BOOST_TEST(unlocked.status() == 303);
  BOOST_TEST(unlocked.location() ==
             "/etablissement/assistance?identifiant=" + s.family_identifier_a + "&modifie=deverrouille");
  BOOST_TEST(sql_long(db, "SELECT locked_until IS NULL OR locked_until <= UTC_TIMESTAMP() FROM account WHERE id = ?",
                      s.family_account_a) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'helpdesk_unlock' AND account_id = ?"
                      " AND detail = ?",
                      s.secretariat_a, s.family_identifier_a) >= 1);
}

BOOST_AUTO_TEST_CASE(mon_compte_regenerates_the_recovery_codes_once) {
  const auto& s = staff_cast();
  Member m(s.school_a, bit(Role::vie_scolaire), "Kevin");
  Res page = get("/etablissement/compte", m.session);
  BOOST_TEST(page.status() == 200);
  BOOST_TEST(page.has("action=\"/etablissement/compte/mot-de-passe\""));
  // The password is asked again: wrong, a 422 at the field (counted); right, the codes.
  Res no_password = post("/etablissement/compte/codes-de-secours", {{"mot_de_passe_codes", "pasLeBon1"}}, m.session);
  BOOST_TEST(no_password.status() == 422);
  BOOST_TEST(no_password.has("Le mot de passe actuel est incorrect."));
  BOOST_TEST(ts::staff::recovery_codes_left(ctx().db, m.id) == 0);
  ctx().db.exec("UPDATE account SET password_hash = ?, failed_logins = 0 WHERE id = ?",
                ts::crypto::hash_password("Kevin2024ok", tst::tiny_argon2()), m.id);
  Res codes = post("/etablissement/compte/codes-de-secours", {{"mot_de_passe_codes", "Kevin2024ok"}}, m.session);
  BOOST_TEST(codes.status() == 200);
  BOOST_TEST(codes.has("<ol id=\"codes-de-secours\">"));
  BOOST_TEST(ts::staff::recovery_codes_left(ctx().db, m.id) == 10);
  BOOST_TEST(sql_long(ctx().db, "SELECT COUNT(*) FROM audit_log WHERE event = 'recovery_codes_regenerated'"
                      " AND account_id = ?",
                      m.id) == 1);
  // A wrong current password: 422 at the field, counted.
  Res wrong = post("/etablissement/compte/mot-de-passe",
                   {{"mot_de_passe_actuel", "pasLeBon1"}, {"mot_de_passe", "nouveau1A"}, {"confirmation", "nouveau1A"}},
                   m.session);
  BOOST_TEST(wrong.status() == 422);
  BOOST_TEST(wrong.has("Le mot de passe actuel est incorrect."));
}

BOOST_AUTO_TEST_SUITE_END()
