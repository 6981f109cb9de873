// issue 13 — import, against MariaDB (lib/scolarite/import.h,
// lib/accounts/imports.h): the preview's counts, applying, the same files
// twice (no change), files with bad lines (nothing written), a pupil who
// left (left_at, the family account no longer holds the child, the pupil's
// own account closed), a record created without id adopted rather than
// doubled, the batch and audit rows. Each test runs in a rolled-back transaction.
#include <string>

#include "accounts/family.h"
#include "accounts/imports.h"
#include "fixture.h"

namespace acc = ts::accounts;
using ts::charset::Encoding;
using tst::sql_long;

namespace {

const std::string kPupilsHeader = "ELEVE_ID;INE;NOM;PRENOM;DATE_NAISS;DIVISION;DATE_ENTREE;DATE_SORTIE\n";
const std::string kRespHeader =
    "PERSONNE_ID;ELEVE_ID;CIVILITE;NOM;PRENOM;LIEN;RESP_LEGAL;ADRESSE;CODE_POSTAL;COMMUNE;TEL_PERSONNEL;"
    "TEL_PORTABLE;TEL_PROFESSIONNEL;MEL;ACCEPTE_SMS\n";

// Three pupils in two classes (one new), four responsables, five links.
struct Files {
  std::string family;
  std::string pupils, responsables;
  explicit Files(const std::string& fam) : family(fam) {
    pupils = kPupilsHeader + "E1;1234567890A;" + family + ";Léa;14/03/2012;4 C;01/09/2024;\n" + "E2;;" + family +
             ";Noé;02/07/2013;5 B;;\n" + "E3;;Cœur" + family + ";François;11/11/2011;3 A;;\n";
    responsables = kRespHeader + "P1;E1;MME;" + family + ";Maëlle;MERE;1;1 rue des Lilas;86000;Poitiers;;;;;OUI\n" +
                   "P1;E2;MME;" + family + ";Maëlle;MERE;1;1 rue des Lilas;86000;Poitiers;;;;;OUI\n" + "P2;E1;M.;" +
                   family + ";Jérôme;PERE;2;;;;;06 11 22 33 44;;;NON\n" + "P3;E3;MME;Cœur" + family +
                   ";Agnès;MERE;1;;;;;;;agnes@example.org;\n" + "P4;E3;M.;Cœur" + family + ";Loïc;TUTEUR;2;;;;;;;;\n";
  }
};

acc::ImportOutcome run(ts::Db& db, unsigned school, const Files& f, bool dry_run = false) {
  acc::ImportRequest req;
  req.establishment_id = school;
  req.pupils_file = f.pupils;
  req.responsables_file = f.responsables;
  req.dry_run = dry_run;
  return acc::run_import(db, req);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(import, tst::RolledBack)

BOOST_AUTO_TEST_CASE(preview_then_apply_then_nothing) {
  tst::SchoolData s(db);  // class "4 C" exists
  Files f(s.family);
  auto pv = run(db, s.school, f, true);
  BOOST_TEST(!pv.applied);
  BOOST_TEST(pv.preview.problems.empty());
  const auto& c = pv.preview.counts;
  BOOST_TEST(c.pupils_new == 3u);
  BOOST_TEST(c.classes_new == 2u);
  BOOST_TEST(c.responsables_new == 4u);
  BOOST_TEST(c.links_added == 5u);
  BOOST_TEST(c.pupils_left == 0u);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school) == 0);

  auto done = run(db, s.school, f);
  BOOST_TEST(done.applied);
  BOOST_TEST(done.preview.counts.pupils_new == 3u);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school) == 3);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM school_class WHERE establishment_id = ?", s.school) == 3);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM responsable WHERE source_establishment_id = ?", s.school) == 4);
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM pupil_responsable pr JOIN pupil p ON p.id = pr.pupil_id"
                      " WHERE p.establishment_id = ?",
                      s.school) == 5);
  BOOST_TEST(*tst::sql_value(db, "SELECT last_name FROM pupil WHERE establishment_id = ? AND source_id = 'E3'",
                             s.school) == "Cœur" + s.family);
  BOOST_TEST(*tst::sql_value(db,
                             "SELECT CONCAT(address, '|', accepts_sms) FROM responsable"
                             " WHERE source_establishment_id = ? AND source_id = 'P1'",
                             s.school) == "1 rue des Lilas, 86000 Poitiers|1");
  BOOST_TEST(*tst::sql_value(db,
                             "SELECT pr.link FROM pupil_responsable pr JOIN pupil p ON p.id = pr.pupil_id"
                             " JOIN responsable r ON r.id = pr.responsable_id"
                             " WHERE p.establishment_id = ? AND r.source_id = 'P4'",
                             s.school) == "tuteur");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM import_batch WHERE establishment_id = ? AND state = 'applied'",
                      s.school) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'import' AND detail LIKE ?",
                      s.uai + " : %") == 1);

  auto again = run(db, s.school, f);  // the same files: nothing changes
  BOOST_TEST(again.applied);
  BOOST_TEST(again.preview.counts.nothing());
  BOOST_TEST(again.preview.changes.empty());
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school) == 3);
}

BOOST_AUTO_TEST_CASE(changes_are_counted) {
  tst::SchoolData s(db);
  Files f(s.family);
  run(db, s.school, f);
  Files g(s.family);
  // Léa changes class; P2 leaves E1; Agnès's mail changes; P4 becomes rank 1.
  g.pupils = kPupilsHeader + "E1;1234567890A;" + s.family + ";Léa;14/03/2012;3 A;01/09/2024;\n" + "E2;;" + s.family +
             ";Noé;02/07/2013;5 B;;\n" + "E3;;Cœur" + s.family + ";François;11/11/2011;3 A;;\n";
  g.responsables = kRespHeader + "P1;E1;MME;" + s.family + ";Maëlle;MERE;1;1 rue des Lilas;86000;Poitiers;;;;;OUI\n" +
                   "P1;E2;MME;" + s.family + ";Maëlle;MERE;1;1 rue des Lilas;86000;Poitiers;;;;;OUI\n" + "P3;E3;MME;Cœur" +
                   s.family + ";Agnès;MERE;1;;;;;;;agnes.c@example.org;\n" + "P4;E3;M.;Cœur" + s.family +
                   ";Loïc;TUTEUR;1;;;;;;;;\n";
  auto pv = run(db, s.school, g, true);
  const auto& c = pv.preview.counts;
  BOOST_TEST(c.pupils_changed == 1u);
  BOOST_TEST(c.classes_new == 0u);
  BOOST_TEST(c.responsables_changed == 1u);
  BOOST_TEST(c.links_removed == 1u);
  BOOST_TEST(c.links_changed == 1u);
  BOOST_TEST(c.pupils_new + c.pupils_left + c.responsables_new + c.links_added == 0u);
  auto done = run(db, s.school, g);
  BOOST_TEST(done.applied);
  BOOST_TEST(run(db, s.school, g).preview.counts.nothing());
}

BOOST_AUTO_TEST_CASE(bad_lines_change_nothing) {
  tst::SchoolData s(db);
  Files f(s.family);
  f.pupils += "E4;;;Jean;31/02/2012;4 C;;\n";  // line 5: NOM empty, no such date
  auto out = run(db, s.school, f);
  BOOST_TEST(!out.applied);
  BOOST_TEST(out.preview.problems.size() == 2u);
  BOOST_TEST(out.preview.problems[0].line == 5u);
  BOOST_TEST(out.preview.problems[0].field == "NOM");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school) == 0);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM import_batch WHERE establishment_id = ?", s.school) == 0);
  BOOST_CHECK_THROW(ts::scolarite::apply_import(
                        db, s.school, ts::scolarite::parse_import(f.pupils, f.responsables, Encoding::automatic)),
                    std::logic_error);
}

BOOST_AUTO_TEST_CASE(a_pupil_who_left) {
  tst::SchoolData s(db);
  Files f(s.family);
  run(db, s.school, f);
  const unsigned lea = static_cast<unsigned>(
      sql_long(db, "SELECT id FROM pupil WHERE establishment_id = ? AND source_id = 'E1'", s.school));
  const unsigned noe = static_cast<unsigned>(
      sql_long(db, "SELECT id FROM pupil WHERE establishment_id = ? AND source_id = 'E2'", s.school));
  const unsigned p1 = static_cast<unsigned>(
      sql_long(db, "SELECT id FROM responsable WHERE source_establishment_id = ? AND source_id = 'P1'", s.school));
  const unsigned p2 = static_cast<unsigned>(
      sql_long(db, "SELECT id FROM responsable WHERE source_establishment_id = ? AND source_id = 'P2'", s.school));
  auto mother = s.responsable_letter(p1, lea, false);  // holds Léa
  acc::add_child(db, mother.account_id, noe, p1);      // and Noé
  auto father = s.responsable_letter(p2, lea, false);  // holds Léa only
  auto own = s.pupil_letter(lea);                      // Léa's own account
  tst::activate(db, own.account_id, "");

  Files g(s.family);  // Léa left on 30/06/2025; the file still lists her
  g.pupils = kPupilsHeader + "E1;1234567890A;" + s.family + ";Léa;14/03/2012;4 C;01/09/2024;30/06/2025\n" + "E2;;" +
             s.family + ";Noé;02/07/2013;5 B;;\n" + "E3;;Cœur" + s.family + ";François;11/11/2011;3 A;;\n";
  auto out = run(db, s.school, g);
  BOOST_TEST(out.applied);
  BOOST_TEST(out.preview.counts.pupils_left == 1u);
  BOOST_TEST(sql_long(db, "SELECT left_at IS NOT NULL FROM pupil WHERE id = ?", lea) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE id = ?", lea) == 1);  // never deleted
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE pupil_id = ?", lea) == 0);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ? AND pupil_id = ?",
                      mother.account_id, noe) == 1);  // Noé stays
  BOOST_TEST(*tst::sql_value(db, "SELECT state FROM account WHERE id = ?", own.account_id) == "closed");
  BOOST_TEST(*tst::sql_value(db, "SELECT state FROM account WHERE id = ?", father.account_id) == "closed");
  BOOST_TEST(*tst::sql_value(db, "SELECT state FROM account WHERE id = ?", mother.account_id) == "letter");
  BOOST_TEST(out.accounts_closed == 2u);

  // Absent from the next file: already left, nothing more.
  Files h(s.family);
  h.pupils = kPupilsHeader + "E2;;" + s.family + ";Noé;02/07/2013;5 B;;\n" + "E3;;Cœur" + s.family +
             ";François;11/11/2011;3 A;;\n";
  h.responsables = kRespHeader + "P1;E2;MME;" + s.family + ";Maëlle;MERE;1;1 rue des Lilas;86000;Poitiers;;;;;OUI\n" +
                   "P3;E3;MME;Cœur" + s.family + ";Agnès;MERE;1;;;;;;;agnes@example.org;\n" + "P4;E3;M.;Cœur" +
                   s.family + ";Loïc;TUTEUR;2;;;;;;;;\n";
  auto pv = run(db, s.school, h, true);
  BOOST_TEST(pv.preview.counts.pupils_left == 0u);
  // François is absent: he leaves.
  h.pupils = kPupilsHeader + "E2;;" + s.family + ";Noé;02/07/2013;5 B;;\n";
  h.responsables = kRespHeader + "P1;E2;MME;" + s.family + ";Maëlle;MERE;1;1 rue des Lilas;86000;Poitiers;;;;;OUI\n";
  BOOST_TEST(run(db, s.school, h, true).preview.counts.pupils_left == 1u);
}

BOOST_AUTO_TEST_CASE(records_without_ids_are_adopted) {
  tst::SchoolData s(db);
  const unsigned lea = s.pupil("Léa", "2012-03-14");
  const unsigned maelle = s.responsable("Maëlle");
  ts::scolarite::link_pupil_responsable(db, lea, maelle, 1);
  Files f(s.family);
  auto out = run(db, s.school, f);
  BOOST_TEST(out.applied);
  BOOST_TEST(out.preview.counts.pupils_new == 2u);  // Noé, François; Léa adopted
  BOOST_TEST(out.preview.counts.responsables_new == 3u);
  BOOST_TEST(*tst::sql_value(db, "SELECT source_id FROM pupil WHERE id = ?", lea) == "E1");
  BOOST_TEST(*tst::sql_value(db, "SELECT source_id FROM responsable WHERE id = ?", maelle) == "P1");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school) == 3);
}

BOOST_AUTO_TEST_CASE(another_school_is_untouched) {
  tst::SchoolData a(db), b(db);
  Files f(a.family);
  run(db, a.school, f);
  auto out = run(db, b.school, f);  // the same ids, in school B: B's own records
  BOOST_TEST(out.preview.counts.pupils_new == 3u);
  BOOST_TEST(out.preview.counts.pupils_left == 0u);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ? AND left_at IS NULL", a.school) == 3);
}

BOOST_AUTO_TEST_SUITE_END()
