// issue 13 — import: what the import reads before any database work.
// lib/core/charset.h (UTF-8 with and without BOM, Windows-1252 and
// ISO-8859-15 through iconv, the "auto" rule) and the reader of
// lib/core/csv.h (quotes, embedded separators and line breaks, the
// separator detected, each record's line), and lib/scolarite/import.h's
// checks of the rows (parse_import: line, field and reason of each problem).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "core/charset.h"
#include "core/csv.h"
#include "scolarite/import.h"

namespace cs = ts::charset;
using cs::Encoding;

namespace {
// "é ç œ" in Windows-1252 and in ISO-8859-15.
const std::string kCp1252 = "\xE9 \xE7 \x9C";
const std::string kLatin9 = "\xE9 \xE7 \xBD";
const std::string kUtf8 = "é ç œ";

const char* kPupilsHeader = "ELEVE_ID;INE;NOM;PRENOM;DATE_NAISS;DIVISION;DATE_ENTREE;DATE_SORTIE\n";
const char* kRespHeader =
    "PERSONNE_ID;ELEVE_ID;CIVILITE;NOM;PRENOM;LIEN;RESP_LEGAL;ADRESSE;CODE_POSTAL;COMMUNE;TEL_PERSONNEL;"
    "TEL_PORTABLE;TEL_PROFESSIONNEL;MEL;ACCEPTE_SMS\n";
}  // namespace

BOOST_AUTO_TEST_SUITE(charset)

BOOST_AUTO_TEST_CASE(utf8_with_and_without_bom) {
  auto d = cs::to_utf8("\xEF\xBB\xBF" + kUtf8, Encoding::automatic);
  BOOST_TEST(d.ok);
  BOOST_TEST(d.had_bom);
  BOOST_TEST(d.text == kUtf8);
  BOOST_TEST((d.used == Encoding::utf8));
  d = cs::to_utf8(kUtf8, Encoding::automatic);
  BOOST_TEST(d.ok);
  BOOST_TEST(!d.had_bom);
  BOOST_TEST(d.text == kUtf8);
  d = cs::to_utf8("\xEF\xBB\xBF" + kUtf8, Encoding::utf8);
  BOOST_TEST(d.text == kUtf8);
}

BOOST_AUTO_TEST_CASE(windows_1252_auto_and_chosen) {
  auto d = cs::to_utf8(kCp1252, Encoding::automatic);  // invalid UTF-8: read as Windows-1252
  BOOST_TEST(d.ok);
  BOOST_TEST((d.used == Encoding::windows1252));
  BOOST_TEST(d.text == kUtf8);
  d = cs::to_utf8(kCp1252, Encoding::windows1252);
  BOOST_TEST(d.text == kUtf8);
  d = cs::to_utf8("\x80 \xAB\xBB", Encoding::windows1252);
  BOOST_TEST(d.text == "€ «»");
}

BOOST_AUTO_TEST_CASE(iso_8859_15) {
  auto d = cs::to_utf8(kLatin9, Encoding::iso885915);
  BOOST_TEST(d.ok);
  BOOST_TEST(d.text == kUtf8);
  d = cs::to_utf8("\xA4", Encoding::iso885915);
  BOOST_TEST(d.text == "€");
}

BOOST_AUTO_TEST_CASE(refusals_say_why) {
  auto d = cs::to_utf8(kCp1252, Encoding::utf8);  // chosen UTF-8, but is not
  BOOST_TEST(!d.ok);
  BOOST_TEST(d.error.find("UTF-8") != std::string::npos);
  d = cs::to_utf8("ab\x81", Encoding::windows1252);  // unassigned in CP1252
  BOOST_TEST(!d.ok);
  BOOST_TEST(d.error.find("position 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(names) {
  Encoding e{};
  BOOST_TEST(cs::encoding_from_name("Windows-1252", e));
  BOOST_TEST((e == Encoding::windows1252));
  BOOST_TEST(cs::encoding_from_name("auto", e));
  BOOST_TEST((e == Encoding::automatic));
  BOOST_TEST(cs::encoding_from_name("iso-8859-15", e));
  BOOST_TEST(!cs::encoding_from_name("ebcdic", e));
  BOOST_TEST(std::string(cs::encoding_name(Encoding::utf8)) == "utf-8");
  BOOST_TEST(!cs::is_utf8("\xC0\xAF"));  // overlong
  BOOST_TEST(cs::is_utf8(kUtf8));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(csv_reader)

BOOST_AUTO_TEST_CASE(quotes_separators_and_line_breaks) {
  const std::string text =
      "A;B;C\r\n"
      "\"x;y\";\"il a dit \"\"oui\"\"\";z\r\n"
      "\"ligne 1\nligne 2\";b;c\r\n"
      "\r\n"
      "  d ;e;f\n";
  auto t = ts::csv::read(text);
  BOOST_TEST(t.error.empty());
  BOOST_TEST(t.separator == ';');
  BOOST_REQUIRE(t.records.size() == 4u);
  BOOST_TEST(t.records[1].fields[0] == "x;y");
  BOOST_TEST(t.records[1].fields[1] == "il a dit \"oui\"");
  BOOST_TEST(t.records[1].line == 2u);
  BOOST_TEST(t.records[2].fields[0] == "ligne 1\nligne 2");
  BOOST_TEST(t.records[2].line == 3u);
  BOOST_TEST(t.records[3].line == 6u);  // after the embedded break and the blank line
  BOOST_TEST(t.records[3].fields[0] == "d");
}

BOOST_AUTO_TEST_CASE(comma_detected) {
  auto t = ts::csv::read("NOM,PRENOM,\"DATE;X\"\nDupont,\"Élise, dite Lili\",x\n");
  BOOST_TEST(t.separator == ',');
  BOOST_REQUIRE(t.records.size() == 2u);
  BOOST_TEST(t.records[1].fields[1] == "Élise, dite Lili");
  BOOST_TEST(ts::csv::detect_separator("a;b,c;d\n") == ';');
}

BOOST_AUTO_TEST_CASE(open_quote_is_an_error) {
  auto t = ts::csv::read("A;B\n\"ouvert;b\n");
  BOOST_TEST(!t.error.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(import_rows)

BOOST_AUTO_TEST_CASE(good_rows_in_windows_1252) {
  std::string pupils = std::string(kPupilsHeader) + "E1;1234567890A;C\xE9sar;Fran\xE7ois;14/03/2012;4 A;01/09/2024;\n";
  std::string resp = std::string(kRespHeader) +
                     "P1;E1;MME;C\x9Curet;Ma\xEBlle;MERE;1;12 rue des \x9Cillets;86000;Poitiers;05 49 00 00 01;"
                     "06 12 34 56 78;;maelle@example.org;OUI\n";
  auto f = ts::scolarite::parse_import(pupils, resp, Encoding::automatic);
  BOOST_TEST(f.problems.empty());
  BOOST_REQUIRE(f.pupils.size() == 1u);
  BOOST_TEST(f.pupils[0].last_name == "César");
  BOOST_TEST(f.pupils[0].first_name == "François");
  BOOST_TEST(f.pupils[0].birth_date == "2012-03-14");
  BOOST_REQUIRE(f.responsables.size() == 1u);
  BOOST_TEST(f.responsables[0].last_name == "Cœuret");
  BOOST_TEST(f.responsables[0].civility == "Mme");
  BOOST_TEST(f.responsables[0].link == "mère");
  BOOST_TEST(f.responsables[0].address == "12 rue des œillets, 86000 Poitiers");
  BOOST_TEST(*f.responsables[0].accepts_sms);
}

BOOST_AUTO_TEST_CASE(each_problem_has_line_and_field) {
  std::string pupils = std::string(kPupilsHeader) +
                       "E1;;Durand;Léa;31/02/2012;4 A;;\n"   // line 2: no such date
                       "E1;;Durand;Paul;01/02/2012;4 A;;\n"  // line 3: id repeated
                       "E3;BAD;;Jean;01/02/2012;;;\n";       // line 4: INE, NOM, DIVISION
  std::string resp = std::string(kRespHeader) + "P1;E9;M.;Martin;Luc;PERE;3;;;;12;;;pas-une-adresse;peut-être\n";
  auto f = ts::scolarite::parse_import(pupils, resp, Encoding::utf8);
  auto has = [&](const std::string& file, size_t line, const std::string& field) {
    for (const auto& p : f.problems)
      if (p.file == file && p.line == line && p.field == field) return true;
    return false;
  };
  BOOST_TEST(has("élèves", 2, "DATE_NAISS"));
  BOOST_TEST(has("élèves", 3, "ELEVE_ID"));
  BOOST_TEST(has("élèves", 4, "INE"));
  BOOST_TEST(has("élèves", 4, "NOM"));
  BOOST_TEST(has("élèves", 4, "DIVISION"));
  BOOST_TEST(has("responsables", 2, "ELEVE_ID"));
  BOOST_TEST(has("responsables", 2, "RESP_LEGAL"));
  BOOST_TEST(has("responsables", 2, "TEL_PERSONNEL"));
  BOOST_TEST(has("responsables", 2, "MEL"));
  BOOST_TEST(has("responsables", 2, "ACCEPTE_SMS"));
}

BOOST_AUTO_TEST_CASE(missing_column_and_empty_file) {
  auto f = ts::scolarite::parse_import("ELEVE_ID;NOM\nE1;X\n", "", Encoding::utf8);
  bool prenom = false, empty = false;
  for (const auto& p : f.problems) {
    if (p.file == "élèves" && p.field == "PRENOM" && p.line == 1) prenom = true;
    if (p.file == "responsables" && p.line == 0) empty = true;
  }
  BOOST_TEST(prenom);
  BOOST_TEST(empty);
}

BOOST_AUTO_TEST_CASE(accented_headers_and_aliases) {
  auto f = ts::scolarite::parse_import("Numéro élève,Nom,Prénom,Né(e) le,Classe\nE1,Dupré,Zoé,2012-05-06,5 B\n",
                                       std::string(kRespHeader), Encoding::utf8);
  BOOST_TEST(f.problems.empty());
  BOOST_REQUIRE(f.pupils.size() == 1u);
  BOOST_TEST(f.pupils[0].first_name == "Zoé");
  BOOST_TEST(f.pupils[0].division == "5 B");
}

// A problem of this file, line and field, whose reason holds `words`; how many problems it has.
bool has_problem(const ts::scolarite::ImportFiles& f, const std::string& file, size_t line, const std::string& field,
                 const std::string& words = "") {
  for (const auto& p : f.problems)
    if (p.file == file && p.line == line && p.field == field && p.reason.find(words) != std::string::npos)
      return true;
  return false;
}

// Issue 13 (A): a UTF-8 file read as Windows-1252 or ISO-8859-15 would have
// its accents mangled ("Lefèvre" -> "LefÃ¨vre"): refused, BOM or not.
BOOST_AUTO_TEST_CASE(utf8_file_chosen_as_a_single_byte_encoding_is_refused) {
  const std::string pupils = std::string(kPupilsHeader) + "E1;;Lefèvre;Chloé;14/03/2012;4 A;;\n";
  const std::string resp = std::string(kRespHeader) + "P1;E1;MME;Lefèvre;Maëlle;MERE;1;;;;;;;;\n";
  const std::string bom = ts::csv::kUtf8Bom;
  for (Encoding e : {Encoding::windows1252, Encoding::iso885915})
    for (const std::string& p : {pupils, bom + pupils}) {
      auto f = ts::scolarite::parse_import(p, bom + resp, e);
      BOOST_TEST(f.pupils.empty());
      BOOST_TEST(f.responsables.empty());
      BOOST_TEST(f.problem_count == 2u);  // one for each file, and no "colonne absente" for a BOM
      BOOST_TEST(has_problem(f, "élèves", 0, "", "ce fichier est en UTF-8"));
      BOOST_TEST(has_problem(f, "responsables", 0, "", "« UTF-8 » ou « détection automatique »"));
    }
  // Plain ASCII is the same in all three: accepted.
  auto f = ts::scolarite::parse_import(std::string(kPupilsHeader) + "E1;;Martin;Paul;14/03/2012;4 A;;\n",
                                       std::string(kRespHeader), Encoding::windows1252);
  BOOST_TEST(f.problems.empty());
  // A Windows-1252 file is still read as such.
  f = ts::scolarite::parse_import(std::string(kPupilsHeader) + "E1;;Lef\xE8vre;Chlo\xE9;14/03/2012;4 A;;\n",
                                  std::string(kRespHeader), Encoding::windows1252);
  BOOST_TEST(f.problems.empty());
  BOOST_REQUIRE(f.pupils.size() == 1u);
  BOOST_TEST(f.pupils[0].last_name == "Lefèvre");
}

// Issue 13 (A): a byte that cannot be read names the line and the column, not a byte position.
BOOST_AUTO_TEST_CASE(unreadable_bytes_name_line_and_column) {
  const std::string pupils = std::string(kPupilsHeader) + "E1;;Martin;Paul;14/03/2012;4 A;;\n" +
                             "E2;;Lef\xE8vre;Chlo\xE9;14/03/2012;4 A;;\n";  // Windows-1252, line 3
  auto f = ts::scolarite::parse_import(pupils, std::string(kRespHeader), Encoding::utf8);
  BOOST_TEST(f.problem_count == 1u);
  BOOST_TEST(has_problem(f, "élèves", 3, "NOM", "le fichier n'est pas en UTF-8"));
  for (const auto& p : f.problems) BOOST_TEST(p.reason.find("position") == std::string::npos);
  // Unassigned in Windows-1252 (0x81), line 2, column PRENOM.
  f = ts::scolarite::parse_import(std::string(kPupilsHeader) + "E1;;Martin;Pa\x81ul;14/03/2012;4 A;;\n",
                                  std::string(kRespHeader), Encoding::windows1252);
  BOOST_TEST(f.problem_count == 1u);
  BOOST_TEST(has_problem(f, "élèves", 2, "PRENOM", "caractère non valide en Windows-1252"));
  // Lines ended by CR alone (old Mac files) or CRLF are counted as csv::read counts them.
  for (const char* eol : {"\r", "\r\n"}) {
    f = ts::scolarite::parse_import(std::string("ELEVE_ID;NOM;PRENOM;DATE_NAISS;DIVISION") + eol +
                                        "E1;Martin;Paul;14/03/2012;4 A" + eol + "E2;Lef\xE8vre;Lou;14/03/2012;4 A" + eol,
                                    std::string(kRespHeader), Encoding::utf8);
    BOOST_TEST(has_problem(f, "élèves", 3, "NOM", "UTF-8"));
  }
  // An alias in the header: the column is named as docs/IMPORT.md names it.
  f = ts::scolarite::parse_import("Numéro élève;Nom;Prénom;Né(e) le;Classe\nE1;Martin;Paul;14/03/2012;4 \xC3\n",
                                  std::string(kRespHeader), Encoding::utf8);
  BOOST_TEST(has_problem(f, "élèves", 2, "DIVISION", "UTF-8"));
}

// Issue 13 (C): the same PERSONNE_ID on two lines: each field that differs is
// its own problem, named; the same fields raise nothing.
BOOST_AUTO_TEST_CASE(same_person_each_differing_field_named) {
  const std::string pupils = std::string(kPupilsHeader) + "E1;;Martin;Paul;14/03/2012;4 A;;\n" +
                             "E2;;Martin;Lou;14/03/2014;6 A;;\n";
  const std::string resp = std::string(kRespHeader) +
                           "P1;E1;MME;Martin;Léa;MERE;1;;;;05 49 00 00 01;;;lea@example.org;OUI\n" +
                           "P1;E2;Madame;Martin;Lucie;MERE;1;;;;0549000001;;;autre@example.org;OUI\n";
  auto f = ts::scolarite::parse_import(pupils, resp, Encoding::utf8);
  BOOST_TEST(f.problem_count == 2u);
  BOOST_TEST(has_problem(f, "responsables", 3, "PRENOM", "différente de celle de la ligne 2"));
  BOOST_TEST(has_problem(f, "responsables", 3, "MEL", "différente de celle de la ligne 2"));
  BOOST_TEST(!has_problem(f, "responsables", 3, "NOM"));  // the same: "Madame" = "MME", phones alike
}

// Issue 13 (C): a cell with a control character, or too long, gives that
// problem only (not also "valeur obligatoire" for the value cleared).
BOOST_AUTO_TEST_CASE(bad_cell_gives_only_its_problem) {
  const std::string long_division(100, 'A');
  const std::string pupils = std::string(kPupilsHeader) + "E1;;Mar\u202Etin;Paul;14/03/2012;" + long_division +
                             ";;\n" + "E2;;Martin;Lou\x01;14/03/2014;6 A;;\n";
  const std::string resp = std::string(kRespHeader) + "P1;E1;MME;Martin;Léa;MERE;1;;;;;;;;\n" +
                           "P1;E2;MME;Mar\u202Etin;Léa;MERE;1;;;;;;;;\n";
  auto f = ts::scolarite::parse_import(pupils, resp, Encoding::utf8);
  BOOST_TEST(f.problem_count == 4u);
  BOOST_TEST(has_problem(f, "élèves", 2, "NOM", "caractères de contrôle"));
  BOOST_TEST(has_problem(f, "élèves", 2, "DIVISION", "valeur trop longue"));
  BOOST_TEST(has_problem(f, "élèves", 3, "PRENOM", "caractères de contrôle"));
  BOOST_TEST(has_problem(f, "responsables", 3, "NOM", "caractères de contrôle"));
  for (const auto& p : f.problems) BOOST_TEST(p.reason != "valeur obligatoire");
}

// Issue 13 (C): an id cell with a problem of its own raises none on the
// lines that name it ("élève absent du fichier", "lien déjà présent").
BOOST_AUTO_TEST_CASE(bad_id_cell_gives_only_its_problem) {
  const std::string pupils = std::string(kPupilsHeader) + "E\u202E1;;Martin;Paul;14/03/2012;4 A;;\n" +
                             "E2;;Martin;Lou;14/03/2014;6 A;;\n";
  const std::string resp = std::string(kRespHeader) + "P1;E1;MME;Martin;Léa;MERE;1;;;;;;;;\n" +
                           "P1;E\x01" "2;MME;Martin;Léa;MERE;1;;;;;;;;\n" + "P1;E\x02" "2;MME;Martin;Léa;MERE;1;;;;;;;;\n";
  auto f = ts::scolarite::parse_import(pupils, resp, Encoding::utf8);
  BOOST_TEST(f.problem_count == 3u);
  BOOST_TEST(has_problem(f, "élèves", 2, "ELEVE_ID", "caractères de contrôle"));
  BOOST_TEST(has_problem(f, "responsables", 3, "ELEVE_ID", "caractères de contrôle"));
  BOOST_TEST(has_problem(f, "responsables", 4, "ELEVE_ID", "caractères de contrôle"));
}

// Issue 13 (B): the optional columns a header does not name are told apart
// from those present with empty cells.
BOOST_AUTO_TEST_CASE(absent_optional_columns_are_listed) {
  auto f = ts::scolarite::parse_import("ELEVE_ID;NOM;PRENOM;DATE_NAISS;DIVISION\nE1;Martin;Paul;14/03/2012;4 A\n",
                                       "PERSONNE_ID;ELEVE_ID;NOM;PRENOM;RESP_LEGAL;MEL\nP1;E1;Martin;Léa;1;\n",
                                       Encoding::utf8);
  BOOST_TEST(f.problems.empty());
  BOOST_TEST((f.pupils_absent == std::set<std::string>{"INE", "DATE_ENTREE", "DATE_SORTIE"}));
  BOOST_TEST(f.responsables_absent.count("TEL_PORTABLE") == 1u);
  BOOST_TEST(f.responsables_absent.count("MEL") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
