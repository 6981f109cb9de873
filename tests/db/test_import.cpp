// issue 13 — import, against MariaDB (lib/scolarite/import.h,
// lib/accounts/imports.h): the preview's counts, applying, the same files
// twice (no change), files with bad lines (nothing written), a pupil who
// left (left_at, the family account no longer holds the child, the pupil's
// own account closed), a record created without id adopted rather than
// doubled, the batch and audit rows. Each test runs in a rolled-back transaction.
#include <set>
#include <string>
#include <vector>

#include "accounts/family.h"
#include "accounts/imports.h"
#include "scolarite/import.h"
#include "scolarite/records.h"
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
  // Run by teleservices-admin (no staff account): the row is still the school's.
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM audit_log WHERE event = 'import' AND detail LIKE ?"
                      " AND establishment_id = ? AND identifier = 'teleservices-admin'",
                      s.uai + " : %", s.school) == 1);

  auto again = run(db, s.school, f);  // the same files: nothing changes
  BOOST_TEST(again.applied);
  BOOST_TEST(again.preview.counts.nothing());
  BOOST_TEST(again.preview.changes.empty());
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school) == 3);
  // … and nothing is recorded: no second batch, no second audit row (as teleservices-admin says).
  BOOST_TEST(again.unchanged);
  BOOST_TEST(again.batch_id == 0u);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM import_batch WHERE establishment_id = ?", s.school) == 1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'import' AND establishment_id = ?",
                      s.school) == 1);
  BOOST_TEST(!done.unchanged);
  // A pending batch of the web with nothing left to apply is abandoned, not recorded as applied.
  const unsigned pending = ts::scolarite::insert_pending_batch(db, s.school, 0, std::string(32, 'n'),
                                                               std::string(32, 's'), "auto", f.pupils, f.responsables);
  acc::ImportRequest req;
  req.establishment_id = s.school;
  req.pupils_file = f.pupils;
  req.responsables_file = f.responsables;
  req.batch_id = pending;
  BOOST_TEST(acc::run_import(db, req).unchanged);
  BOOST_TEST(*tst::sql_value(db, "SELECT state FROM import_batch WHERE id = ?", pending) == "abandoned");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE event = 'import' AND establishment_id = ?",
                      s.school) == 1);
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

// `csv` (';', no quotes) without the columns `dropped`.
std::string without(const std::string& csv, const std::set<std::string>& dropped) {
  std::string out;
  std::vector<bool> keep;
  size_t start = 0;
  while (start < csv.size()) {
    const size_t end = csv.find('\n', start);
    const std::string line = csv.substr(start, end - start);
    start = end + 1;
    std::vector<std::string> fields(1);
    for (char c : line) {
      if (c == ';') fields.emplace_back();
      else fields.back() += c;
    }
    if (keep.empty())
      for (const auto& h : fields) keep.push_back(!dropped.count(h));
    std::string kept;
    for (size_t i = 0; i < fields.size(); ++i)
      if (keep[i]) kept += (kept.empty() ? "" : ";") + fields[i];
    out += kept + "\n";
  }
  return out;
}

// Issue 13 (B): a column absent from a file's header leaves the stored
// values of its field alone; present with empty cells, it empties them.
BOOST_AUTO_TEST_CASE(absent_optional_columns_keep_the_stored_values) {
  tst::SchoolData s(db);
  Files f(s.family);
  run(db, s.school, f);
  // The school's records, every field the files may hold.
  const auto stored = [&] {
    return *tst::sql_value(
        db,
        "SELECT CONCAT(GROUP_CONCAT(DISTINCT CONCAT_WS('|', p.source_id, COALESCE(p.ine, ''),"
        " COALESCE(p.entered_on, ''), COALESCE(p.leaving_on, '')) ORDER BY p.id), '/',"
        " GROUP_CONCAT(DISTINCT CONCAT_WS('|', r.source_id, COALESCE(r.civility, ''), COALESCE(r.address, ''),"
        " COALESCE(r.phone, ''), COALESCE(r.mobile_phone, ''), COALESCE(r.work_phone, ''),"
        " COALESCE(r.contact_email, ''), COALESCE(r.accepts_sms, '')) ORDER BY r.id), '/',"
        " GROUP_CONCAT(DISTINCT CONCAT_WS('|', pr.pupil_id, pr.responsable_id, pr.legal_rank, COALESCE(pr.link, ''))"
        " ORDER BY pr.pupil_id, pr.responsable_id))"
        " FROM pupil p JOIN pupil_responsable pr ON pr.pupil_id = p.id JOIN responsable r ON r.id = pr.responsable_id"
        " WHERE p.establishment_id = ?",
        s.school);
  };
  const std::string before = stored();
  Files g(s.family);
  g.pupils = without(f.pupils, {"INE", "DATE_ENTREE", "DATE_SORTIE"});
  g.responsables = without(f.responsables, {"CIVILITE", "LIEN", "ADRESSE", "CODE_POSTAL", "COMMUNE", "TEL_PERSONNEL",
                                            "TEL_PORTABLE", "TEL_PROFESSIONNEL", "MEL", "ACCEPTE_SMS"});
  BOOST_TEST(g.pupils.find("1234567890A") == std::string::npos);
  auto pv = run(db, s.school, g, true);
  BOOST_TEST(pv.preview.problems.empty());
  BOOST_TEST(pv.preview.counts.nothing());
  BOOST_TEST(run(db, s.school, g).preview.counts.nothing());
  BOOST_TEST(stored() == before);  // every field of every record as it was
  BOOST_TEST(before.find("1234567890A|2024-09-01") != std::string::npos);
  BOOST_TEST(before.find("P1|Mme|1 rue des Lilas, 86000 Poitiers|||||1") != std::string::npos);
  BOOST_TEST(before.find("agnes@example.org") != std::string::npos);

  // The columns present, their cells empty: the values go, and the preview says so.
  Files h(s.family);
  h.pupils = kPupilsHeader + "E1;;" + s.family + ";Léa;14/03/2012;4 C;01/09/2024;\n" + "E2;;" + s.family +
             ";Noé;02/07/2013;5 B;;\n" + "E3;;Cœur" + s.family + ";François;11/11/2011;3 A;;\n";
  h.responsables = without(f.responsables, {"CIVILITE", "LIEN", "ADRESSE", "CODE_POSTAL", "COMMUNE", "TEL_PERSONNEL",
                                            "TEL_PORTABLE", "TEL_PROFESSIONNEL", "ACCEPTE_SMS"});
  const std::string p3 = "Agnès;1;agnes@example.org";
  h.responsables.replace(h.responsables.find(p3), p3.size(), "Agnès;1;");
  pv = run(db, s.school, h, true);
  BOOST_TEST(pv.preview.counts.pupils_changed == 1u);
  BOOST_TEST(pv.preview.counts.responsables_changed == 1u);
  bool ine = false, mail = false;
  for (const auto& c : pv.preview.changes) {
    ine = ine || c.detail == "INE : 1234567890A → (vide)";
    mail = mail || c.detail == "adresse mail : agnes@example.org → (vide)";
  }
  BOOST_TEST(ine);
  BOOST_TEST(mail);
  run(db, s.school, h);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ? AND source_id = 'E1' AND ine IS NULL",
                      s.school) == 1);
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM responsable WHERE source_establishment_id = ? AND source_id = 'P3'"
                      " AND contact_email IS NULL",
                      s.school) == 1);
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

// Files with problems: only the problems, no change announced (a pupil whose
// line is wrong is not "left"); a pupils' file failing whole does not make
// every responsables' line a problem.
BOOST_AUTO_TEST_CASE(with_problems_only_the_problems) {
  tst::SchoolData s(db);
  Files f(s.family);
  BOOST_TEST(run(db, s.school, f).applied);
  Files bad(s.family);
  const auto at = bad.pupils.find("14/03/2012");
  bad.pupils.replace(at, 10, "99/99/2012");
  auto out = run(db, s.school, bad, true);
  BOOST_TEST(out.preview.problems.size() == 1u);
  BOOST_TEST(out.preview.changes.empty());
  BOOST_TEST(out.preview.counts.nothing());

  Files no_column(s.family);
  no_column.pupils.replace(0, no_column.pupils.find('\n'), "ELEVE_ID;INE;NOM;DATE_NAISS;DIVISION");
  auto whole = run(db, s.school, no_column, true);
  BOOST_TEST(whole.preview.problem_count == 1u);
  BOOST_TEST(whole.preview.problems.front().field == "PRENOM");
  BOOST_TEST(whole.preview.changes.empty());
}

// A file of bad lines: the first kProblemsKept problems kept, all counted.
BOOST_AUTO_TEST_CASE(the_problems_are_capped_and_counted) {
  tst::SchoolData s(db);
  Files f(s.family);
  for (int i = 0; i < 400; ++i) f.pupils += "E1;bad;;;99/99/9999;\n";  // each: ELEVE_ID, INE, NOM, PRENOM, DATE_NAISS, DIVISION
  auto out = run(db, s.school, f, true);
  BOOST_TEST(!out.applied);
  BOOST_TEST(out.preview.problems.size() == ts::scolarite::kProblemsKept);
  BOOST_TEST(out.preview.problem_count == 400u * 6u);
  BOOST_TEST(out.preview.problems.front().line == 5u);
  BOOST_TEST(out.preview.problems.back().file == "élèves");
}

// A preview gone stale (the records changed before the confirmation) is not
// applied: the new preview comes back, nothing written.
BOOST_AUTO_TEST_CASE(a_stale_preview_is_not_applied) {
  tst::SchoolData s(db);
  Files f(s.family);
  const std::string announced = ts::scolarite::preview_digest(run(db, s.school, f, true).preview);
  acc::ImportRequest req;
  req.establishment_id = s.school;
  req.pupils_file = f.pupils;
  req.responsables_file = f.responsables;
  req.expected_digest = announced;
  {
    ts::Transaction outer(db);  // the same preview still holds: applied
    auto same = acc::run_import(db, req);
    BOOST_TEST(same.applied);
    BOOST_TEST(!same.stale);
  }  // rolled back
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school) == 0);
  Files g(s.family);
  g.pupils = kPupilsHeader + "E1;1234567890A;" + s.family + ";Léa;14/03/2012;4 C;01/09/2024;\n";
  g.responsables = kRespHeader;
  BOOST_TEST(run(db, s.school, g).applied);  // meanwhile, another import
  auto stale = acc::run_import(db, req);
  BOOST_TEST(!stale.applied);
  BOOST_TEST(stale.stale);
  BOOST_TEST(stale.preview.counts.pupils_new == 2u);
  BOOST_TEST(ts::scolarite::preview_digest(stale.preview) != announced);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school) == 1);
  req.expected_digest = ts::scolarite::preview_digest(stale.preview);
  BOOST_TEST(acc::run_import(db, req).applied);  // confirmed again
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school) == 3);
}

// Headers and values with decomposed accents (NFD, as Mac software writes
// them) read as their composed form (NFC).
BOOST_AUTO_TEST_CASE(decomposed_accents_in_headers_and_values) {
  const std::string e_acute = "E\xCC\x81", e_small = "e\xCC\x81", e_grave = "e\xCC\x80";  // + U+0301, U+0300
  const std::string pupils = "ELEVE_ID;NOM;PR" + e_acute + "NOM;N" + e_small + "(e) le;DIVISION\n" +
                             "E1;Lef" + e_grave + "vre;Chlo" + e_small + ";14/03/2012;4 A\n";
  const std::string resp = "PERSONNE_ID;ELEVE_ID;NOM;PR" + e_acute + "NOM;RESP_L" + e_acute + "GAL\n" +
                           "P1;E1;Lef" + e_grave + "vre;J" + e_small + "r" + "\xC3\xB4me;1\n";
  auto f = ts::scolarite::parse_import(pupils, resp, Encoding::utf8);
  BOOST_TEST(f.problems.empty());
  BOOST_REQUIRE(f.pupils.size() == 1u);
  BOOST_TEST(f.pupils[0].first_name == "Chloé");
  BOOST_TEST(f.pupils[0].last_name == "Lefèvre");
  BOOST_REQUIRE(f.responsables.size() == 1u);
  BOOST_TEST(f.responsables[0].first_name == "Jérôme");
}

// "peut-être" for ACCEPTE_SMS says what is expected; a birth date in the
// future and a pupils' file with a header alone are refused.
BOOST_AUTO_TEST_CASE(sms_future_birth_and_empty_pupils_file) {
  tst::SchoolData s(db);
  Files f(s.family);
  const auto at = f.responsables.find(";OUI\n");
  f.responsables.replace(at, 5, ";peut-être\n");
  f.pupils += "E9;;Futur;Léo;01/01/2099;4 C;;\n";
  auto out = run(db, s.school, f, true);
  BOOST_REQUIRE(out.preview.problems.size() == 2u);
  BOOST_TEST(out.preview.problems[0].file == "élèves");  // the pupils' file first
  BOOST_TEST(out.preview.problems[0].line == 5u);
  BOOST_TEST(out.preview.problems[0].field == "DATE_NAISS");
  BOOST_TEST(out.preview.problems[0].reason == "date de naissance dans le futur");
  BOOST_TEST(out.preview.problems[1].field == "ACCEPTE_SMS");
  BOOST_TEST(out.preview.problems[1].reason == "OUI ou NON attendu");

  Files empty(s.family);
  empty.pupils = kPupilsHeader;
  empty.responsables = kRespHeader;
  auto none = run(db, s.school, empty, true);
  BOOST_REQUIRE(none.preview.problems.size() == 1u);
  BOOST_TEST(none.preview.problems[0].reason == "le fichier des élèves ne contient aucun élève");
}

// The purge clears the files of previews never confirmed within the hour.
BOOST_AUTO_TEST_CASE(stale_pending_batches_are_abandoned_by_the_purge) {
  tst::SchoolData s(db);
  Files f(s.family);
  const std::string session(32, 's');
  const unsigned old_batch = ts::scolarite::insert_pending_batch(db, s.school, 0, std::string(32, 'o'), session,
                                                                 "auto", f.pupils, f.responsables);
  const unsigned fresh = ts::scolarite::insert_pending_batch(db, s.school, 0, std::string(32, 'f'), session, "auto",
                                                             f.pupils, f.responsables);
  db.exec("UPDATE import_batch SET created_at = UTC_TIMESTAMP() - INTERVAL 61 MINUTE WHERE id = ?", old_batch);
  const unsigned would = ts::scolarite::abandon_stale_batches(db, true);
  BOOST_TEST(would >= 1u);
  BOOST_TEST(*tst::sql_value(db, "SELECT state FROM import_batch WHERE id = ?", old_batch) == "pending");
  BOOST_TEST(ts::scolarite::abandon_stale_batches(db, false) == would);
  BOOST_TEST(*tst::sql_value(db,
                             "SELECT CONCAT(state, '|', pupils_file IS NULL, responsables_file IS NULL,"
                             " token_hash IS NULL) FROM import_batch WHERE id = ?",
                             old_batch) == "abandoned|111");
  BOOST_TEST(*tst::sql_value(db, "SELECT CONCAT(state, '|', pupils_file IS NULL) FROM import_batch WHERE id = ?",
                             fresh) == "pending|0");
  BOOST_TEST(ts::scolarite::abandon_stale_batches(db, true) == 0u);
  BOOST_TEST(!ts::scolarite::find_pending_batch(db, s.school, std::string(32, 'o'), session));
  BOOST_TEST(ts::scolarite::find_pending_batch(db, s.school, std::string(32, 'f'), session).has_value());
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

// issue 13 — "an account survives a pupil's change of school within the
// académie (the new school's import attaches it)": Léa (INE 1234567890A)
// leaves school A for school B; her own account and her mother's come along,
// whichever school imports first; never to a school of another académie.
namespace {
// School B's files: Léa (another ELEVE_ID, the same INE) and her mother (another PERSONNE_ID, the same name).
Files arrival(const std::string& family) {
  Files f(family);
  f.pupils = kPupilsHeader + "B7;1234567890A;" + family + ";Léa;14/03/2012;5 A;01/09/2025;\n";
  f.responsables = kRespHeader + "Q9;B7;MME;" + family + ";Maëlle;MERE;1;;;;;;;;\n";
  return f;
}
// School A's files once Léa left (30/06/2025).
Files departure(const std::string& family) {
  Files g(family);
  g.pupils = kPupilsHeader + "E1;1234567890A;" + family + ";Léa;14/03/2012;4 C;01/09/2024;30/06/2025\n" + "E2;;" +
             family + ";Noé;02/07/2013;5 B;;\n" + "E3;;Cœur" + family + ";François;11/11/2011;3 A;;\n";
  return g;
}
unsigned lea_in(ts::Db& db, unsigned school, const char* source_id) {
  return static_cast<unsigned>(
      sql_long(db, "SELECT id FROM pupil WHERE establishment_id = ? AND source_id = ?", school, source_id));
}
struct Accounts {
  unsigned own = 0, mother = 0;
};
// In school A: Léa's own account and her mother's (who holds Noé too), both active.
Accounts lea_accounts(ts::Db& db, tst::SchoolData& a) {
  run(db, a.school, Files(a.family));
  const auto lea = static_cast<unsigned>(
      sql_long(db, "SELECT id FROM pupil WHERE establishment_id = ? AND source_id = 'E1'", a.school));
  const auto p1 = static_cast<unsigned>(
      sql_long(db, "SELECT id FROM responsable WHERE source_establishment_id = ? AND source_id = 'P1'", a.school));
  Accounts out;
  out.own = a.pupil_letter(lea).account_id;
  out.mother = a.responsable_letter(p1, lea, false).account_id;
  acc::add_child(db, out.mother, lea_in(db, a.school, "E2"), p1);  // and Noé, who stays in A
  tst::activate(db, out.own, "");
  tst::activate(db, out.mother, "maelle." + a.tag + "@example.org");
  return out;
}
void check_carried(ts::Db& db, const Accounts& acc, unsigned b_school) {
  const unsigned lea_b = lea_in(db, b_school, "B7");
  BOOST_TEST(*tst::sql_value(db, "SELECT CONCAT(state, '|', pupil_id) FROM account WHERE id = ?", acc.own) ==
             "active|" + std::to_string(lea_b));
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account WHERE id = ? AND closed_reason IS NULL", acc.own) == 1);
  BOOST_TEST(*tst::sql_value(db, "SELECT state FROM account WHERE id = ?", acc.mother) == "active");
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM account_child ac JOIN responsable r ON r.id = ac.responsable_id"
                      " WHERE ac.account_id = ? AND ac.pupil_id = ? AND r.source_id = 'Q9'",
                      acc.mother, lea_b) == 1);
  // School A's Léa is no longer held; the rows are in B's journal.
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ? AND pupil_id <> ?", acc.mother,
                      lea_b) == 1);  // Noé (E2) only
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM audit_log WHERE event = 'account_carried_over' AND establishment_id = ?"
                      " AND account_id IN (?, ?)",
                      b_school, acc.own, acc.mother) == 2);
}
// The end of the detail of the school's latest audit row `import`.
std::string import_detail(ts::Db& db, const tst::SchoolData& s) {
  const std::string d = tst::sql_value(db,
                                       "SELECT detail FROM audit_log WHERE event = 'import' AND establishment_id = ?"
                                       " ORDER BY id DESC LIMIT 1",
                                       s.school)
                            .value_or("");
  const auto at = d.find(" ; comptes partis");
  return at == std::string::npos ? d : d.substr(at + 3);
}
std::string carried_text(unsigned departed, unsigned arrived) {
  return "comptes partis vers un autre établissement de l'académie (élèves sortis) : " + std::to_string(departed) +
         " ; comptes venus d'un autre établissement de l'académie : " + std::to_string(arrived);
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_pupil_who_changes_school_keeps_the_accounts_leaving_school_first) {
  tst::SchoolData a(db), b(db);
  const Accounts acc = lea_accounts(db, a);
  auto left = run(db, a.school, departure(a.family));
  BOOST_TEST(left.departed.total() + left.arrived.total() == 0u);  // B does not know Léa yet
  BOOST_TEST(import_detail(db, a) == carried_text(0, 0));
  BOOST_TEST(*tst::sql_value(db, "SELECT CONCAT(state, '|', closed_reason) FROM account WHERE id = ?", acc.own) ==
             "closed|left");
  auto came = run(db, b.school, arrival(a.family));
  BOOST_TEST(came.applied);
  BOOST_TEST(came.arrived.pupil_accounts == 1u);
  BOOST_TEST(came.arrived.family_links == 1u);
  BOOST_TEST(came.departed.total() == 0u);
  BOOST_TEST(import_detail(db, b) == carried_text(0, 2));  // arrivals, in B's journal
  check_carried(db, acc, b.school);
  // The same files again: nothing more.
  auto again = run(db, b.school, arrival(a.family));
  BOOST_TEST(again.arrived.total() + again.departed.total() == 0u);
}

BOOST_AUTO_TEST_CASE(a_pupil_who_changes_school_keeps_the_accounts_new_school_first) {
  tst::SchoolData a(db), b(db);
  const Accounts acc = lea_accounts(db, a);
  // B imports Léa while A still has her: A's accounts stay A's.
  auto came = run(db, b.school, arrival(a.family));
  BOOST_TEST(came.arrived.total() + came.departed.total() == 0u);
  BOOST_TEST(import_detail(db, b) == carried_text(0, 0));
  BOOST_TEST(*tst::sql_value(db, "SELECT pupil_id FROM account WHERE id = ?", acc.own) ==
             std::to_string(lea_in(db, a.school, "E1")));
  // A marks her as left: the accounts go to B instead of being closed.
  auto left = run(db, a.school, departure(a.family));
  BOOST_TEST(left.departed.pupil_accounts == 1u);
  BOOST_TEST(left.departed.family_links == 1u);
  BOOST_TEST(left.arrived.total() == 0u);  // departures, not arrivals
  BOOST_TEST(import_detail(db, a) == carried_text(2, 0));
  BOOST_TEST(left.accounts_closed == 0u);
  check_carried(db, acc, b.school);
}

// Review of issue 13: the mother holds Léa in her active account, and a
// second account, an unused letter for Léa's brother Noé (who stays in A).
// Léa's change of school gives the new row to the account that held Léa
// only — never to the sibling's letter, though it is the same parent's.
namespace {
void only_the_account_that_held_the_pupil(ts::Db& db, bool new_school_first) {
  tst::SchoolData a(db), b(db);
  run(db, a.school, Files(a.family));
  const unsigned lea_a = lea_in(db, a.school, "E1"), noe = lea_in(db, a.school, "E2");
  const auto p1 = static_cast<unsigned>(
      sql_long(db, "SELECT id FROM responsable WHERE source_establishment_id = ? AND source_id = 'P1'", a.school));
  const unsigned mother = a.responsable_letter(p1, lea_a, false).account_id;
  tst::activate(db, mother, "maelle." + a.tag + "@example.org");
  const unsigned sibling = a.responsable_letter(p1, noe, false).account_id;  // the same parent's, Noé only
  if (new_school_first) {
    run(db, b.school, arrival(a.family));
    auto left = run(db, a.school, departure(a.family));
    BOOST_TEST(left.departed.family_links == 1u);
  } else {
    run(db, a.school, departure(a.family));
    BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM released_child WHERE account_id = ? AND pupil_id = ?", mother,
                        lea_a) == 1);  // the link kept when Léa left
    BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM released_child WHERE account_id = ?", sibling) == 0);
    auto came = run(db, b.school, arrival(a.family));
    BOOST_TEST(came.arrived.family_links == 1u);
  }
  const unsigned lea_b = lea_in(db, b.school, "B7");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ? AND pupil_id = ?", mother, lea_b) ==
             1);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ? AND pupil_id = ?", sibling,
                      lea_b) == 0);
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ?", sibling) == 1);  // Noé
  BOOST_TEST(*tst::sql_value(db, "SELECT state FROM account WHERE id = ?", sibling) == "letter");
  BOOST_TEST(sql_long(db,
                      "SELECT COUNT(*) FROM audit_log WHERE event = 'account_carried_over' AND account_id = ?",
                      sibling) == 0);
  // The kept link is spent: B's next import (the same files) changes nothing.
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM released_child WHERE account_id = ? AND pupil_id = ?", mother,
                      lea_a) == 0);
  BOOST_TEST(run(db, b.school, arrival(a.family)).unchanged);
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_sibling_account_of_the_same_parent_does_not_get_the_pupil_leaving_school_first) {
  only_the_account_that_held_the_pupil(db, false);
}

BOOST_AUTO_TEST_CASE(a_sibling_account_of_the_same_parent_does_not_get_the_pupil_new_school_first) {
  only_the_account_that_held_the_pupil(db, true);
}

BOOST_AUTO_TEST_CASE(a_pupil_going_to_another_academie_takes_no_account) {
  tst::SchoolData a(db);
  const std::string uai = "U" + a.tag;
  const unsigned lyon = ts::scolarite::insert_establishment(db, uai.substr(0, 8), "Collège de Lyon", "Académie de Lyon",
                                                            "", "", "", "");
  const Accounts acc = lea_accounts(db, a);
  run(db, a.school, departure(a.family));
  auto came = run(db, lyon, arrival(a.family));
  BOOST_TEST(came.applied);
  BOOST_TEST(came.arrived.total() + came.departed.total() == 0u);
  BOOST_TEST(*tst::sql_value(db, "SELECT state FROM account WHERE id = ?", acc.own) == "closed");
  BOOST_TEST(sql_long(db, "SELECT COUNT(*) FROM account_child WHERE account_id = ? AND pupil_id = ?", acc.mother,
                      lea_in(db, lyon, "B7")) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
