#include "import.h"

#include <ctime>
#include <map>
#include <set>
#include <stdexcept>

#include "core/crypto.h"
#include "core/csv.h"
#include "core/text.h"
#include "core/validators.h"
#include "records.h"

namespace ts::scolarite {
namespace {

constexpr const char* kToday = "SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')";
constexpr const char* kPupilsOf =
    "SELECT p.id, COALESCE(p.source_id, ''), COALESCE(p.ine, ''), p.first_name, p.last_name,"
    " DATE_FORMAT(p.birth_date, '%Y-%m-%d'), COALESCE(c.name, ''), COALESCE(DATE_FORMAT(p.entered_on, '%Y-%m-%d'), ''),"
    " COALESCE(DATE_FORMAT(p.leaving_on, '%Y-%m-%d'), ''), p.left_at IS NOT NULL"
    " FROM pupil p LEFT JOIN school_class c ON c.id = p.class_id WHERE p.establishment_id = ? ORDER BY p.id";
constexpr const char* kInsertPupil =
    "INSERT INTO pupil (establishment_id, class_id, first_name, last_name, birth_date, ine, source_id, entered_on,"
    " leaving_on, left_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), ?, NULLIF(?, ''), NULLIF(?, ''),"
    " IF(?, UTC_TIMESTAMP(), NULL))";
constexpr const char* kUpdatePupil =
    "UPDATE pupil SET class_id = ?, first_name = ?, last_name = ?, birth_date = ?, ine = NULLIF(?, ''), source_id = ?,"
    " entered_on = NULLIF(?, ''), leaving_on = NULLIF(?, '') WHERE id = ? AND establishment_id = ?";
constexpr const char* kLeavePupil = "UPDATE pupil SET left_at = UTC_TIMESTAMP() WHERE id = ? AND left_at IS NULL";
constexpr const char* kReturnPupil = "UPDATE pupil SET left_at = NULL WHERE id = ?";
// The responsables an import of this school may match: those it imported,
// and those linked to its pupils (imported before with no id: the demo).
constexpr const char* kResponsablesOf =
    "SELECT r.id, COALESCE(r.source_id, ''), COALESCE(r.civility, ''), r.first_name, r.last_name,"
    " COALESCE(r.address, ''), COALESCE(r.phone, ''), COALESCE(r.mobile_phone, ''), COALESCE(r.work_phone, ''),"
    " COALESCE(r.contact_email, ''), COALESCE(r.accepts_sms + 0, -1), COALESCE(r.source_establishment_id, 0)"
    " FROM responsable r WHERE r.source_establishment_id = ? OR r.id IN (SELECT pr.responsable_id"
    " FROM pupil_responsable pr JOIN pupil p ON p.id = pr.pupil_id WHERE p.establishment_id = ?) ORDER BY r.id";
constexpr const char* kInsertResponsable =
    "INSERT INTO responsable (source_establishment_id, source_id, civility, first_name, last_name, address, phone,"
    " mobile_phone, work_phone, contact_email, accepts_sms) VALUES (?, ?, NULLIF(?, ''), ?, ?, NULLIF(?, ''),"
    " NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), ?)";
constexpr const char* kUpdateResponsable =
    "UPDATE responsable SET source_establishment_id = ?, source_id = ?, civility = NULLIF(?, ''), first_name = ?,"
    " last_name = ?, address = NULLIF(?, ''), phone = NULLIF(?, ''), mobile_phone = NULLIF(?, ''),"
    " work_phone = NULLIF(?, ''), contact_email = NULLIF(?, ''), accepts_sms = ? WHERE id = ?";
constexpr const char* kLinksOf =
    "SELECT pr.pupil_id, pr.responsable_id, pr.legal_rank, COALESCE(pr.link, '') FROM pupil_responsable pr"
    " JOIN pupil p ON p.id = pr.pupil_id WHERE p.establishment_id = ?";
constexpr const char* kInsertLink =
    "INSERT INTO pupil_responsable (pupil_id, responsable_id, legal_rank, link) VALUES (?, ?, ?, NULLIF(?, ''))";
constexpr const char* kUpdateLink =
    "UPDATE pupil_responsable SET legal_rank = ?, link = NULLIF(?, '') WHERE pupil_id = ? AND responsable_id = ?";
constexpr const char* kDeleteLink = "DELETE FROM pupil_responsable WHERE pupil_id = ? AND responsable_id = ?";

constexpr const char* kInsertPending =
    "INSERT INTO import_batch (establishment_id, account_id, token_hash, session_hash, encoding, pupils_file,"
    " responsables_file, pupils_digest, responsables_digest, preview_digest, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), UTC_TIMESTAMP())";
constexpr const char* kRenewPending =
    "UPDATE import_batch SET token_hash = ?, preview_digest = ? WHERE id = ? AND state = 'pending'";
constexpr const char* kAbandonBatch =
    "UPDATE import_batch SET state = 'abandoned', token_hash = NULL, session_hash = NULL, pupils_file = NULL,"
    " responsables_file = NULL WHERE id = ? AND state = 'pending'";
constexpr const char* kFindPending =
    "SELECT id, establishment_id, state, encoding, pupils_file, responsables_file, COALESCE(preview_digest, '')"
    " FROM import_batch"
    " WHERE token_hash = ? AND session_hash = ? AND establishment_id = ? AND state = 'pending'"
    " AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR FOR UPDATE";
constexpr const char* kMarkApplied =
    "UPDATE import_batch SET state = 'applied', applied_at = UTC_TIMESTAMP(), token_hash = NULL,"
    " pupils_file = NULL, responsables_file = NULL, preview_digest = NULL, pupils_new = ?, pupils_changed = ?, pupils_left = ?,"
    " classes_new = ?, responsables_new = ?, responsables_changed = ?, links_added = ?, links_removed = ?,"
    " links_changed = ? WHERE id = ?";
constexpr const char* kInsertApplied =
    "INSERT INTO import_batch (establishment_id, account_id, state, encoding, pupils_digest, responsables_digest,"
    " created_at, applied_at, pupils_new, pupils_changed, pupils_left, classes_new, responsables_new,"
    " responsables_changed, links_added, links_removed, links_changed)"
    " VALUES (?, ?, 'applied', ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ?, ?, ?, ?, ?, ?, ?, ?, ?)";
// A pending batch lives one hour (kFindPending); the purge clears the files of older ones.
constexpr const char* kCountStale =
    "SELECT COUNT(*) FROM import_batch WHERE state = 'pending' AND created_at <= UTC_TIMESTAMP() - INTERVAL 1 HOUR";
constexpr const char* kAbandonStale =
    "UPDATE import_batch SET state = 'abandoned', token_hash = NULL, session_hash = NULL, pupils_file = NULL,"
    " responsables_file = NULL WHERE state = 'pending' AND created_at <= UTC_TIMESTAMP() - INTERVAL 1 HOUR";

const char* const kPupilsFile = "élèves";
const char* const kResponsablesFile = "responsables";

// ------------------------------------------------------------------ reading

// A header as a key: accents of French headers dropped, upper case, every
// other character '_' ("Né(e) le" -> "NE_E_LE", "Prénom" -> "PRENOM").
std::string header_key(const std::string& h) {
  static const std::pair<const char*, char> kAccents[] = {
      {"é", 'E'}, {"è", 'E'}, {"ê", 'E'}, {"ë", 'E'}, {"É", 'E'}, {"È", 'E'}, {"Ê", 'E'}, {"à", 'A'},
      {"â", 'A'}, {"À", 'A'}, {"ç", 'C'}, {"Ç", 'C'}, {"î", 'I'}, {"ï", 'I'}, {"ô", 'O'}, {"û", 'U'},
  };
  std::string out;
  for (size_t i = 0; i < h.size();) {
    bool done = false;
    for (const auto& [from, to] : kAccents) {
      const std::string f = from;
      if (h.compare(i, f.size(), f) == 0) {
        out += to;
        i += f.size();
        done = true;
        break;
      }
    }
    if (done) continue;
    const auto c = static_cast<unsigned char>(h[i++]);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
    else if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

struct Column {
  const char* name;  // as docs/IMPORT.md and the problems name it
  std::vector<const char*> aliases;
  bool required;
  size_t max_len;
};

const std::vector<Column>& pupil_columns() {
  static const std::vector<Column> k = {
      {"ELEVE_ID", {"ELEVE_ID", "ID_ELEVE", "NUMERO_ELEVE"}, true, 20},
      {"INE", {"INE", "ID_NATIONAL", "NUMERO_INE"}, false, 11},
      {"NOM", {"NOM", "NOM_DE_FAMILLE"}, true, 80},
      {"PRENOM", {"PRENOM", "PRENOM_1", "PRENOM1"}, true, 80},
      {"DATE_NAISS", {"DATE_NAISS", "DATE_NAISSANCE", "NE_E_LE"}, true, 10},
      {"DIVISION", {"DIVISION", "CLASSE"}, true, 20},
      {"DATE_ENTREE", {"DATE_ENTREE", "DATE_ENTREE_ETABLISSEMENT"}, false, 10},
      {"DATE_SORTIE", {"DATE_SORTIE", "DATE_SORTIE_ETABLISSEMENT"}, false, 10},
  };
  return k;
}

const std::vector<Column>& responsable_columns() {
  static const std::vector<Column> k = {
      {"PERSONNE_ID", {"PERSONNE_ID", "ID_PERSONNE", "RESPONSABLE_ID"}, true, 20},
      {"ELEVE_ID", {"ELEVE_ID", "ID_ELEVE", "NUMERO_ELEVE"}, true, 20},
      {"CIVILITE", {"CIVILITE"}, false, 10},
      {"NOM", {"NOM", "NOM_DE_FAMILLE"}, true, 80},
      {"PRENOM", {"PRENOM", "PRENOM_1", "PRENOM1"}, true, 80},
      {"LIEN", {"LIEN", "LIEN_DE_PARENTE", "LIEN_PARENTE"}, false, 40},
      {"RESP_LEGAL", {"RESP_LEGAL", "RESPONSABLE_LEGAL", "RANG"}, true, 2},
      {"ADRESSE", {"ADRESSE", "LIGNE1_ADRESSE", "ADRESSE_1"}, false, 200},
      {"CODE_POSTAL", {"CODE_POSTAL"}, false, 10},
      {"COMMUNE", {"COMMUNE", "VILLE"}, false, 60},
      {"TEL_PERSONNEL", {"TEL_PERSONNEL", "TEL_DOMICILE"}, false, 30},
      {"TEL_PORTABLE", {"TEL_PORTABLE", "TEL_MOBILE"}, false, 30},
      {"TEL_PROFESSIONNEL", {"TEL_PROFESSIONNEL", "TEL_TRAVAIL"}, false, 30},
      {"MEL", {"MEL", "EMAIL", "COURRIEL", "ADRESSE_MAIL"}, false, 254},
      {"ACCEPTE_SMS", {"ACCEPTE_SMS", "SMS"}, false, 20},  // longer: "OUI ou NON attendu" all the same
  };
  return k;
}

// Counts every problem, keeps the first kProblemsKept.
void add_problem(ImportFiles& f, ImportProblem p) {
  ++f.problem_count;
  if (f.problems.size() < kProblemsKept) f.problems.push_back(std::move(p));
}

// One row of a file: its line, its values (column name -> cleaned value) and
// the problems of its cells (reported with the row's other problems, so that
// problems come by line).
struct SheetRow {
  size_t line = 0;
  std::map<std::string, std::string> values;
  std::vector<ImportProblem> cell_problems;
  std::set<std::string> bad;  // the columns of cell_problems: no other problem is reported for them
};
struct Sheet {
  std::vector<SheetRow> rows;
  charset::Encoding used = charset::Encoding::utf8;
  bool failed = false;  // a problem of the whole file (or its header): no row read
  std::set<std::string> absent;  // the optional columns the header does not name
};

// The fields of one line of raw bytes split at `sep` (outside double quotes;
// ASCII bytes are never part of a UTF-8 sequence, nor are ';' ',' '"' '\n').
std::vector<std::string> raw_fields(const std::string& line, char sep) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == sep && !quoted) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// Where the bytes first cannot be read in `enc`: the line (0 if not found)
// and the name of its column ("" if unknown), for the problem.
std::pair<size_t, std::string> unreadable_at(const std::string& bytes, charset::Encoding enc,
                                             const std::vector<Column>& columns) {
  std::vector<std::string> lines(1);  // CRLF, CR and LF end a line, as for csv::read
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] != '\r' && bytes[i] != '\n') {
      lines.back() += bytes[i];
      continue;
    }
    if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    lines.emplace_back();
  }
  const char sep = csv::detect_separator(lines.front());
  const std::vector<std::string> header = raw_fields(lines.front(), sep);
  for (size_t l = 0; l < lines.size(); ++l) {
    if (charset::to_utf8(lines[l], enc).ok) continue;
    const std::vector<std::string> fields = raw_fields(lines[l], sep);
    for (size_t i = 0; i < fields.size(); ++i) {
      if (charset::to_utf8(fields[i], enc).ok) continue;
      std::string name;
      if (i < header.size()) {
        const charset::Decoded h = charset::to_utf8(header[i], enc);
        if (h.ok) {
          name = clean_input(h.text);
          const std::string key = header_key(name);
          for (const auto& c : columns)
            for (const char* alias : c.aliases)
              if (key == alias) name = c.name;
        }
      }
      return {l + 1, name};
    }
    return {l + 1, ""};
  }
  return {0, ""};
}

Sheet read_sheet(const std::string& bytes, charset::Encoding enc, const char* file,
                 const std::vector<Column>& columns, ImportFiles& f) {
  Sheet s;
  auto whole = [&](size_t line, const std::string& field, const std::string& reason) {
    add_problem(f, {file, line, field, reason});
    s.failed = true;
  };
  if (bytes.empty()) {
    whole(0, "", "le fichier est vide ou n'a pas été envoyé");
    return s;
  }
  // A UTF-8 file read as Windows-1252 or ISO-8859-15 would be read without
  // error, its accents mangled ("Lefèvre" -> "LefÃ¨vre"): refused. Its BOM,
  // or multi-byte sequences that are valid UTF-8, tell it (French text in
  // those encodings never looks like that).
  if (enc == charset::Encoding::windows1252 || enc == charset::Encoding::iso885915) {
    bool non_ascii = false;
    for (unsigned char c : bytes) non_ascii = non_ascii || c >= 0x80;
    if (bytes.compare(0, std::string(csv::kUtf8Bom).size(), csv::kUtf8Bom) == 0 ||
        (non_ascii && charset::is_utf8(bytes))) {
      s.used = enc;
      whole(0, "",
            std::string("ce fichier est en UTF-8, pas en ") + charset::encoding_label(enc) +
                " : choisissez l'encodage « UTF-8 » ou « détection automatique »");
      return s;
    }
  }
  charset::Decoded d = charset::to_utf8(bytes, enc);
  s.used = d.used;
  if (!d.ok) {
    // The line and the column of the first character that cannot be read.
    const auto [line, column] = unreadable_at(bytes, d.used, columns);
    if (!line) whole(0, "", d.error);
    else if (d.used == charset::Encoding::utf8)
      whole(line, column,
            "caractère non valide en UTF-8 : le fichier n'est pas en UTF-8, choisissez son encodage"
            " (Windows-1252 ou ISO-8859-15) ou « détection automatique »");
    else
      whole(line, column,
            std::string("caractère non valide en ") + charset::encoding_label(d.used) +
                " : vérifiez le fichier, ou choisissez son encodage (UTF-8 ou ISO-8859-15)");
    return s;
  }
  csv::Table t = csv::read(d.text);
  if (!t.error.empty()) {
    whole(0, "", t.error);
    return s;
  }
  if (t.records.empty()) {
    whole(0, "", "le fichier ne contient aucune ligne");
    return s;
  }
  // The header: which position holds each column.
  std::map<std::string, size_t> where;
  const auto& header = t.records.front();
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string key = header_key(clean_input(header.fields[i]));  // NFC first: "E\u0301" (Mac files) = "É"
    for (const auto& c : columns)
      for (const char* alias : c.aliases)
        if (key == alias && !where.count(c.name)) where[c.name] = i;
  }
  bool missing = false;
  for (const auto& c : columns)
    if (c.required && !where.count(c.name)) {
      whole(header.line, c.name, "colonne absente de la ligne d'en-tête");
      missing = true;
    }
  if (missing) return s;
  for (const auto& c : columns)
    if (!where.count(c.name)) s.absent.insert(c.name);
  for (size_t r = 1; r < t.records.size(); ++r) {
    const auto& rec = t.records[r];
    SheetRow row;
    row.line = rec.line;
    for (const auto& c : columns) {
      auto it = where.find(c.name);
      if (it == where.end() || it->second >= rec.fields.size()) continue;
      std::string v = rec.fields[it->second];
      for (auto& ch : v)
        if (ch == '\n' || ch == '\t') ch = ' ';
      v = clean_input(v);
      bool control = false;
      for (unsigned char ch : v)
        if (ch < 0x20 || ch == 0x7F) control = true;
      if (control || has_bidi_controls(v)) {
        row.cell_problems.push_back({file, rec.line, c.name, "caractères de contrôle non acceptés"});
        row.bad.insert(c.name);
        v.clear();
      } else if (utf8_length(v) > c.max_len) {
        row.cell_problems.push_back(
            {file, rec.line, c.name, "valeur trop longue (" + std::to_string(c.max_len) + " caractères au plus)"});
        row.bad.insert(c.name);
        v.clear();
      }
      row.values[c.name] = v;
    }
    s.rows.push_back(std::move(row));
  }
  return s;
}

bool source_id_ok(const std::string& v) {
  if (v.empty()) return false;
  for (char c : v)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_'))
      return false;
  return true;
}

// INE: 11 characters, digits and capital letters (10 digits and a letter,
// or 9 digits and 2 letters).
bool ine_ok(const std::string& v) {
  if (v.size() != 11) return false;
  for (char c : v)
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

// A date of the file, JJ/MM/AAAA or AAAA-MM-JJ, into AAAA-MM-JJ; false when not a date.
bool date_of(const std::string& in, std::string& out) {
  std::string normalised;
  if (!valid::birth_date(in, normalised).empty()) return false;
  out = normalised;
  return true;
}

// Today (UTC) as AAAA-MM-JJ, to refuse a birth date in the future.
std::string today_utc() { return iso_day(std::time(nullptr), false); }

std::string link_label(const std::string& code) {
  static const std::pair<const char*, const char*> kLinks[] = {
      {"MERE", "mère"}, {"PERE", "père"}, {"TUTEUR", "tuteur"}, {"TUTRICE", "tutrice"},
      {"GRAND_MERE", "grand-mère"}, {"GRAND_PERE", "grand-père"}, {"ASE", "aide sociale à l'enfance"},
      {"AUTRE", "autre lien"}, {"FRERE", "frère"}, {"SOEUR", "sœur"}, {"ELEVE", "l'élève lui-même"},
  };
  const std::string key = header_key(code);
  for (const auto& [k, label] : kLinks)
    if (key == k) return label;
  return code;
}

}  // namespace

ImportFiles parse_import(const std::string& pupils_bytes, const std::string& responsables_bytes,
                         charset::Encoding encoding) {
  ImportFiles f;
  // Problems come file by file (the pupils' first), line by line.
  Sheet ps = read_sheet(pupils_bytes, encoding, kPupilsFile, pupil_columns(), f);
  f.pupils_encoding = ps.used;
  // A problem of a row: none for a column whose cell already has one (a
  // control character, a value too long: cleared, so not also "obligatoire").
  const SheetRow* current = nullptr;
  std::set<std::string> flagged;  // the columns of the current row with a problem
  auto problem = [&](const char* file, size_t line, const char* field, const std::string& reason) {
    flagged.insert(field);
    if (current && current->bad.count(field)) return;
    add_problem(f, {file, line, field, reason});
  };

  const std::string today = today_utc();
  std::map<std::string, size_t> pupil_line;  // ELEVE_ID -> line
  bool pupil_ids_unread = false;             // an ELEVE_ID cell with a problem of its own: ids unknown
  for (auto& row : ps.rows) {
    const size_t line = row.line;
    auto& v = row.values;
    current = &row;
    for (auto& cp : row.cell_problems) add_problem(f, std::move(cp));
    PupilRow p;
    p.line = line;
    p.source_id = v["ELEVE_ID"];
    p.ine = ascii_upper(v["INE"]);
    p.last_name = v["NOM"];
    p.first_name = v["PRENOM"];
    p.division = v["DIVISION"];
    bool ok = row.bad.empty();
    if (p.source_id.empty()) ok = false, problem(kPupilsFile, line, "ELEVE_ID", "valeur obligatoire");
    else if (!source_id_ok(p.source_id))
      ok = false, problem(kPupilsFile, line, "ELEVE_ID", "identifiant non valide (lettres, chiffres, - et _)");
    else if (pupil_line.count(p.source_id))
      ok = false, problem(kPupilsFile, line, "ELEVE_ID",
                          "élève déjà présent ligne " + std::to_string(pupil_line[p.source_id]));
    if (!p.ine.empty() && !ine_ok(p.ine))
      ok = false, problem(kPupilsFile, line, "INE", "INE non valide (11 caractères : chiffres et lettres)");
    if (p.last_name.empty()) ok = false, problem(kPupilsFile, line, "NOM", "valeur obligatoire");
    if (p.first_name.empty()) ok = false, problem(kPupilsFile, line, "PRENOM", "valeur obligatoire");
    if (v["DATE_NAISS"].empty()) ok = false, problem(kPupilsFile, line, "DATE_NAISS", "valeur obligatoire");
    else if (!date_of(v["DATE_NAISS"], p.birth_date))
      ok = false, problem(kPupilsFile, line, "DATE_NAISS", "date non valide (JJ/MM/AAAA)");
    else if (p.birth_date > today)
      ok = false, problem(kPupilsFile, line, "DATE_NAISS", "date de naissance dans le futur");
    if (p.division.empty()) ok = false, problem(kPupilsFile, line, "DIVISION", "valeur obligatoire");
    if (!v["DATE_ENTREE"].empty() && !date_of(v["DATE_ENTREE"], p.entered_on))
      ok = false, problem(kPupilsFile, line, "DATE_ENTREE", "date non valide (JJ/MM/AAAA)");
    if (!v["DATE_SORTIE"].empty() && !date_of(v["DATE_SORTIE"], p.leaving_on))
      ok = false, problem(kPupilsFile, line, "DATE_SORTIE", "date non valide (JJ/MM/AAAA)");
    if (!p.source_id.empty() && !pupil_line.count(p.source_id)) pupil_line[p.source_id] = line;
    pupil_ids_unread = pupil_ids_unread || row.bad.count("ELEVE_ID") > 0;
    if (ok) f.pupils.push_back(std::move(p));
  }
  current = nullptr;
  f.pupils_absent = ps.absent;
  if (!ps.failed && ps.rows.empty())  // a header alone would mark every pupil as left
    problem(kPupilsFile, 0, "", "le fichier des élèves ne contient aucun élève");

  Sheet rs = read_sheet(responsables_bytes, encoding, kResponsablesFile, responsable_columns(), f);
  f.responsables_encoding = rs.used;
  f.responsables_absent = rs.absent;
  // A person's data, taken from its first line, must be the same on the others.
  std::map<std::string, size_t> person_line;  // PERSONNE_ID -> first line
  std::map<std::string, std::map<std::string, std::string>> person_values;  // PERSONNE_ID -> column -> value
  std::set<std::pair<std::string, std::string>> pairs_seen;  // (PERSONNE_ID, ELEVE_ID)
  for (auto& row : rs.rows) {
    const size_t line = row.line;
    auto& v = row.values;
    current = &row;
    flagged = row.bad;
    for (auto& cp : row.cell_problems) add_problem(f, std::move(cp));
    ResponsableRow r;
    r.line = line;
    r.source_id = v["PERSONNE_ID"];
    r.pupil_source_id = v["ELEVE_ID"];
    r.last_name = v["NOM"];
    r.first_name = v["PRENOM"];
    r.link = link_label(v["LIEN"]);
    bool ok = row.bad.empty();
    const std::string& rank = v["RESP_LEGAL"];
    if (rank == "0") continue;  // a contact who is not a legal responsable: not imported
    if (rank == "1" || rank == "2") r.legal_rank = rank[0] - '0';
    else ok = false, problem(kResponsablesFile, line, "RESP_LEGAL",
                             rank.empty() ? "valeur obligatoire" : "rang légal non valide (1 ou 2)");
    if (r.source_id.empty()) ok = false, problem(kResponsablesFile, line, "PERSONNE_ID", "valeur obligatoire");
    else if (!source_id_ok(r.source_id))
      ok = false, problem(kResponsablesFile, line, "PERSONNE_ID", "identifiant non valide (lettres, chiffres, - et _)");
    if (r.pupil_source_id.empty()) ok = false, problem(kResponsablesFile, line, "ELEVE_ID", "valeur obligatoire");
    // Not every line when the pupils' file failed, nor when one of its ids could not be read.
    else if (!ps.failed && !pupil_ids_unread && !pupil_line.count(r.pupil_source_id))
      ok = false, problem(kResponsablesFile, line, "ELEVE_ID", "élève absent du fichier des élèves");
    if (r.last_name.empty()) ok = false, problem(kResponsablesFile, line, "NOM", "valeur obligatoire");
    if (r.first_name.empty()) ok = false, problem(kResponsablesFile, line, "PRENOM", "valeur obligatoire");
    const std::string civ = header_key(v["CIVILITE"]);
    if (civ == "M" || civ == "MR" || civ == "MONSIEUR") r.civility = "M.";
    else if (civ == "MME" || civ == "MADAME") r.civility = "Mme";
    else if (!civ.empty()) ok = false, problem(kResponsablesFile, line, "CIVILITE", "civilité non valide (M. ou Mme)");
    r.address = v["ADRESSE"];
    const std::string town = (v["CODE_POSTAL"] + " " + v["COMMUNE"]);
    if (town != " ") r.address += (r.address.empty() ? "" : ", ") + clean_input(town);
    if (utf8_length(r.address) > 255) ok = false, problem(kResponsablesFile, line, "ADRESSE", "adresse trop longue");
    const std::pair<const char*, std::string*> phones[] = {
        {"TEL_PERSONNEL", &r.home_phone}, {"TEL_PORTABLE", &r.mobile_phone}, {"TEL_PROFESSIONNEL", &r.work_phone}};
    for (const auto& [col, out] : phones)
      if (!v[col].empty() && !valid::phone(v[col], *out).empty())
        ok = false, problem(kResponsablesFile, line, col, "numéro de téléphone non valide");
    if (!v["MEL"].empty() && !valid::email(v["MEL"], r.email).empty())
      ok = false, problem(kResponsablesFile, line, "MEL", "adresse mail non valide");
    const std::string sms = header_key(v["ACCEPTE_SMS"]);
    if (sms == "1" || sms == "OUI" || sms == "O") r.accepts_sms = true;
    else if (sms == "0" || sms == "NON" || sms == "N") r.accepts_sms = false;
    else if (!sms.empty()) ok = false, problem(kResponsablesFile, line, "ACCEPTE_SMS", "OUI ou NON attendu");
    if (!r.source_id.empty()) {
      // The person's data as read (phones, civility… normalised); the
      // address is one value of ADRESSE, CODE_POSTAL and COMMUNE.
      // Phones by their digits ("05 49 00 00 01" = "0549000001").
      if (flagged.count("CODE_POSTAL") || flagged.count("COMMUNE")) flagged.insert("ADRESSE");
      const auto digits = [](const std::string& phone) {
        std::string out;
        for (char c : phone)
          if (c != ' ' && c != '.' && c != '-') out += c;
        return out;
      };
      const std::pair<const char*, std::string> data[] = {
          {"CIVILITE", r.civility},
          {"NOM", r.last_name},
          {"PRENOM", r.first_name},
          {"ADRESSE", r.address},
          {"TEL_PERSONNEL", digits(r.home_phone)},
          {"TEL_PORTABLE", digits(r.mobile_phone)},
          {"TEL_PROFESSIONNEL", digits(r.work_phone)},
          {"MEL", r.email},
          {"ACCEPTE_SMS", r.accepts_sms ? (*r.accepts_sms ? "OUI" : "NON") : ""},
      };
      if (auto first = person_line.find(r.source_id); first != person_line.end()) {
        // Each column that differs is its own problem (one with a problem of its own is not compared).
        const auto& before = person_values[r.source_id];
        for (const auto& [col, value] : data) {
          auto b = before.find(col);
          if (b == before.end() || flagged.count(col) || b->second == value) continue;
          ok = false, problem(kResponsablesFile, line, col,
                              "valeur différente de celle de la ligne " + std::to_string(first->second) +
                                  " pour la même personne");
        }
      } else {
        person_line[r.source_id] = line;
        auto& values = person_values[r.source_id];
        for (const auto& [col, value] : data)
          if (!flagged.count(col)) values[col] = value;
      }
      if (!r.pupil_source_id.empty() && !pairs_seen.insert({r.source_id, r.pupil_source_id}).second)
        ok = false, problem(kResponsablesFile, line, "PERSONNE_ID", "lien avec cet élève déjà présent");
    }
    if (ok) f.responsables.push_back(std::move(r));
  }
  current = nullptr;
  return f;
}

namespace {

struct DbPupil {
  unsigned id = 0;
  std::string source_id, ine, first, last, birth, klass, entered, leaving;
  bool left = false, used = false;
};
struct DbResponsable {
  unsigned id = 0;
  std::string source_id, civility, first, last, address, phone, mobile, work, email;
  int sms = -1;  // -1 unknown, 0, 1
  unsigned source_school = 0;
  bool used = false;
};
struct DbLink {
  int rank = 1;
  // cppcheck-suppress unusedStructMember ; compared with the file's link in run()
  std::string link;
};

void differs(std::vector<std::string>& out, const char* what, const std::string& before, const std::string& after) {
  if (before != after)
    out.push_back(std::string(what) + " : " + (before.empty() ? "(vide)" : before) + " → " +
                  (after.empty() ? "(vide)" : after));
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ; ") + p;
  return out;
}

std::string sms_text(int v) { return v < 0 ? "" : v ? "oui" : "non"; }

// Preview (write false) and apply (write true) are one walk, so that what
// the preview announces is what applying does.
ImportApplied run(Db& db, unsigned est, const ImportFiles& f, bool write) {
  ImportApplied out;
  ImportPreview& pv = out.preview;
  ImportCounts& n = pv.counts;
  pv.problems = f.problems;
  pv.problem_count = f.problem_count;
  if (write && !f.problems.empty()) throw std::logic_error("apply_import: the files have problems");
  // Files with problems change nothing, and a preview of the rows that are
  // right would mislead (a pupil whose line is wrong would be announced as
  // leaving): only the problems then.
  if (!f.problems.empty()) return out;
  const std::string today = db.scalar(kToday).value_or("");

  // Classes.
  std::map<std::string, unsigned> classes;  // ascii_upper(name) -> id (0: to be created)
  for (const auto& c : classes_of(db, est)) classes[ascii_upper(c.name)] = c.id;
  for (const auto& p : f.pupils) {
    const std::string key = ascii_upper(p.division);
    if (classes.count(key)) continue;
    classes[key] = write ? insert_class(db, est, p.division) : 0;
    ++n.classes_new;
    pv.changes.push_back({"Classe créée", p.division, ""});
  }

  // Pupils.
  std::vector<DbPupil> pupils;
  {
    Rows r = db.query(kPupilsOf, est);
    while (r->next())
      pupils.push_back({r->getUInt(1), r->getString(2), r->getString(3), r->getString(4), r->getString(5),
                        r->getString(6), r->getString(7), r->getString(8), r->getString(9), r->getBoolean(10)});
  }
  std::map<std::string, size_t> by_source;
  std::multimap<std::string, size_t> by_name;  // records without id: "NOM|PRENOM|AAAA-MM-JJ"
  for (size_t i = 0; i < pupils.size(); ++i) {
    if (!pupils[i].source_id.empty()) by_source[pupils[i].source_id] = i;
    else by_name.emplace(pupils[i].last + "|" + pupils[i].first + "|" + pupils[i].birth, i);
  }
  std::map<std::string, unsigned> pupil_id;  // ELEVE_ID -> id (0: new, in a preview)
  std::map<std::string, std::string> pupil_who;
  std::set<unsigned> staying;  // matched pupils that stay: their links are the file's
  for (const auto& row : f.pupils) {
    PupilRow p = row;
    const std::string who = p.first_name + " " + p.last_name + " (" + p.division + ")";
    pupil_who[p.source_id] = p.first_name + " " + p.last_name;
    const std::optional<unsigned> class_id = classes[ascii_upper(p.division)];
    long idx = -1;
    if (auto it = by_source.find(p.source_id); it != by_source.end()) idx = static_cast<long>(it->second);
    else {
      auto range = by_name.equal_range(p.last_name + "|" + p.first_name + "|" + p.birth_date);
      for (auto it2 = range.first; it2 != range.second; ++it2)
        if (!pupils[it2->second].used) {
          idx = static_cast<long>(it2->second);
          break;
        }
    }
    if (idx >= 0) {  // a column the file does not have leaves the record's value alone
      const DbPupil& d = pupils[static_cast<size_t>(idx)];
      const auto absent = [&](const char* col) { return f.pupils_absent.count(col) > 0; };
      if (absent("INE")) p.ine = d.ine;
      if (absent("DATE_ENTREE")) p.entered_on = d.entered;
      if (absent("DATE_SORTIE")) p.leaving_on = d.leaving;
    }
    const bool leaving_now = !p.leaving_on.empty() && p.leaving_on <= today;
    if (idx < 0) {
      ++n.pupils_new;
      pv.changes.push_back({"Élève nouveau", who, leaving_now ? "déjà sorti" : ""});
      pupil_id[p.source_id] = write ? db.insert(kInsertPupil, est, class_id, p.first_name, p.last_name, p.birth_date,
                                                p.ine, p.source_id, p.entered_on, p.leaving_on, leaving_now)
                                    : 0;
      continue;
    }
    DbPupil& d = pupils[static_cast<size_t>(idx)];
    d.used = true;
    pupil_id[p.source_id] = d.id;
    std::vector<std::string> diff;
    if (d.source_id.empty()) diff.push_back("identifiant ELEVE_ID enregistré : " + p.source_id);
    differs(diff, "nom", d.last, p.last_name);
    differs(diff, "prénom", d.first, p.first_name);
    differs(diff, "date de naissance", d.birth, p.birth_date);
    differs(diff, "INE", d.ine, p.ine);
    if (ascii_upper(d.klass) != ascii_upper(p.division)) differs(diff, "classe", d.klass, p.division);
    differs(diff, "date d'entrée", d.entered, p.entered_on);
    differs(diff, "date de sortie", d.leaving, p.leaving_on);
    if (d.left && !leaving_now) diff.emplace_back("de retour dans l'établissement");
    if (!diff.empty()) {
      ++n.pupils_changed;
      pv.changes.push_back({"Élève modifié", who, joined(diff)});
      if (write) {
        db.exec(kUpdatePupil, class_id, p.first_name, p.last_name, p.birth_date, p.ine, p.source_id, p.entered_on,
                p.leaving_on, d.id, est);
        if (d.left && !leaving_now) db.exec(kReturnPupil, d.id);
      }
    }
    if (leaving_now && !d.left) {
      ++n.pupils_left;
      pv.changes.push_back({"Élève sorti", who, "date de sortie : " + p.leaving_on});
      out.left_pupils.push_back(d.id);
      if (write) db.exec(kLeavePupil, d.id);
    }
    if (!leaving_now) staying.insert(d.id);
  }
  for (auto& d : pupils) {
    if (d.used || d.left) continue;
    ++n.pupils_left;
    pv.changes.push_back({"Élève sorti", d.first + " " + d.last + " (" + d.klass + ")", "absent du fichier"});
    out.left_pupils.push_back(d.id);
    if (write) db.exec(kLeavePupil, d.id);
  }

  // Responsables: one per PERSONNE_ID, the data of its first row.
  std::vector<DbResponsable> resps;
  {
    Rows r = db.query(kResponsablesOf, est, est);
    while (r->next()) {
      DbResponsable d{r->getUInt(1), r->getString(2), r->getString(3), r->getString(4), r->getString(5),
                      r->getString(6), r->getString(7), r->getString(8), r->getString(9), r->getString(10)};
      d.sms = r->getInt(11);
      d.source_school = r->getUInt(12);
      resps.push_back(std::move(d));
    }
  }
  std::map<std::pair<unsigned, unsigned>, DbLink> links;
  {
    Rows r = db.query(kLinksOf, est);
    while (r->next()) links[{r->getUInt(1), r->getUInt(2)}] = {r->getInt(3), r->getString(4)};
  }
  std::map<std::string, size_t> resp_by_source;
  for (size_t i = 0; i < resps.size(); ++i)
    if (resps[i].source_school == est && !resps[i].source_id.empty()) resp_by_source[resps[i].source_id] = i;
  std::map<std::string, std::vector<const ResponsableRow*>> rows_of;  // PERSONNE_ID -> its rows
  std::vector<std::string> persons;                                    // in file order
  for (const auto& r : f.responsables) {
    if (!rows_of.count(r.source_id)) persons.push_back(r.source_id);
    rows_of[r.source_id].push_back(&r);
  }
  std::map<std::string, unsigned> resp_id;  // PERSONNE_ID -> id (0: new, in a preview)
  std::map<std::string, std::string> resp_who;
  for (const auto& person : persons) {
    ResponsableRow r = *rows_of[person].front();
    const std::string who = (r.civility.empty() ? "" : r.civility + " ") + r.first_name + " " + r.last_name;
    resp_who[person] = r.first_name + " " + r.last_name;
    long idx = -1;
    if (auto it = resp_by_source.find(person); it != resp_by_source.end()) idx = static_cast<long>(it->second);
    else {
      // Adopted: a record without id, of the same names, linked to one of this person's pupils.
      for (size_t i = 0; i < resps.size() && idx < 0; ++i) {
        const auto& d = resps[i];
        if (d.used || !d.source_id.empty() || d.last != r.last_name || d.first != r.first_name) continue;
        for (const auto* row : rows_of[person]) {
          const unsigned pid = pupil_id[row->pupil_source_id];
          if (pid && links.count({pid, d.id})) idx = static_cast<long>(i);
        }
      }
    }
    if (idx >= 0) {  // a column the file does not have leaves the record's value alone
      const DbResponsable& d = resps[static_cast<size_t>(idx)];
      const auto absent = [&](const char* col) { return f.responsables_absent.count(col) > 0; };
      if (absent("CIVILITE")) r.civility = d.civility;
      if (absent("ADRESSE") && absent("CODE_POSTAL") && absent("COMMUNE")) r.address = d.address;
      if (absent("TEL_PERSONNEL")) r.home_phone = d.phone;
      if (absent("TEL_PORTABLE")) r.mobile_phone = d.mobile;
      if (absent("TEL_PROFESSIONNEL")) r.work_phone = d.work;
      if (absent("MEL")) r.email = d.email;
      if (absent("ACCEPTE_SMS")) r.accepts_sms = d.sms < 0 ? std::nullopt : std::optional<bool>(d.sms == 1);
    }
    const int sms = r.accepts_sms ? (*r.accepts_sms ? 1 : 0) : -1;
    std::optional<bool> sms_value = r.accepts_sms;
    if (idx < 0) {
      ++n.responsables_new;
      pv.changes.push_back({"Responsable nouveau", who, ""});
      resp_id[person] = write ? db.insert(kInsertResponsable, est, person, r.civility, r.first_name, r.last_name,
                                          r.address, r.home_phone, r.mobile_phone, r.work_phone, r.email, sms_value)
                              : 0;
      continue;
    }
    DbResponsable& d = resps[static_cast<size_t>(idx)];
    d.used = true;
    resp_id[person] = d.id;
    std::vector<std::string> diff;
    if (d.source_id.empty() || d.source_school != est) diff.push_back("identifiant PERSONNE_ID enregistré : " + person);
    differs(diff, "civilité", d.civility, r.civility);
    differs(diff, "nom", d.last, r.last_name);
    differs(diff, "prénom", d.first, r.first_name);
    differs(diff, "adresse", d.address, r.address);
    differs(diff, "téléphone personnel", d.phone, r.home_phone);
    differs(diff, "téléphone portable", d.mobile, r.mobile_phone);
    differs(diff, "téléphone professionnel", d.work, r.work_phone);
    differs(diff, "adresse mail", d.email, r.email);
    differs(diff, "accepte les SMS", sms_text(d.sms), sms_text(sms));
    if (!diff.empty()) {
      ++n.responsables_changed;
      pv.changes.push_back({"Responsable modifié", who, joined(diff)});
      if (write)
        db.exec(kUpdateResponsable, est, person, r.civility, r.first_name, r.last_name, r.address, r.home_phone,
                r.mobile_phone, r.work_phone, r.email, sms_value, d.id);
    }
  }

  // Links: those of the file; those of a staying pupil the file no longer lists go.
  std::set<std::pair<unsigned, unsigned>> in_file;
  for (const auto& r : f.responsables) {
    const unsigned pid = pupil_id[r.pupil_source_id], rid = resp_id[r.source_id];
    const std::string who = resp_who[r.source_id] + " → " + pupil_who[r.pupil_source_id];
    const std::string what = (r.link.empty() ? "" : r.link + ", ") + "rang " + std::to_string(r.legal_rank);
    if (pid && rid) {
      in_file.insert({pid, rid});
      if (auto it = links.find({pid, rid}); it != links.end()) {
        // Without a LIEN column, the link's stored kind stays.
        const std::string& link = f.responsables_absent.count("LIEN") ? it->second.link : r.link;
        if (it->second.rank != r.legal_rank || it->second.link != link) {
          ++n.links_changed;
          pv.changes.push_back(
              {"Lien modifié", who, (link.empty() ? "" : link + ", ") + "rang " + std::to_string(r.legal_rank)});
          if (write) db.exec(kUpdateLink, r.legal_rank, link, pid, rid);
        }
        continue;
      }
    }
    ++n.links_added;
    pv.changes.push_back({"Lien ajouté", who, what});
    if (write) db.exec(kInsertLink, pid, rid, r.legal_rank, r.link);
  }
  for (const auto& [key, link] : links) {
    if (!staying.count(key.first) || in_file.count(key)) continue;
    ++n.links_removed;
    std::string rname;
    for (const auto& d : resps)
      if (d.id == key.second) rname = d.first + " " + d.last;
    std::string pname;
    for (const auto& d : pupils)
      if (d.id == key.first) pname = d.first + " " + d.last;
    std::string who = rname;
    who += " → ";
    who += pname;
    pv.changes.push_back({"Lien retiré", who, "rang " + std::to_string(link.rank)});
    out.removed_links.push_back(key);
    if (write) db.exec(kDeleteLink, key.first, key.second);
  }
  return out;
}

}  // namespace

ImportPreview preview_import(Db& db, unsigned establishment_id, const ImportFiles& files) {
  return run(db, establishment_id, files, false).preview;
}

ImportApplied apply_import(Db& db, unsigned establishment_id, const ImportFiles& files) {
  return run(db, establishment_id, files, true);
}

unsigned insert_pending_batch(Db& db, unsigned establishment_id, unsigned account_id, const std::string& token_hash,
                              const std::string& session_hash, const std::string& encoding,
                              const std::string& pupils_file, const std::string& responsables_file,
                              const std::string& digest) {
  return db.insert(kInsertPending, establishment_id, account_id ? std::optional<unsigned>(account_id) : std::nullopt,
                   token_hash, session_hash, encoding, pupils_file, responsables_file,
                   crypto::hex(crypto::sha256(pupils_file)), crypto::hex(crypto::sha256(responsables_file)), digest);
}

std::string preview_digest(const ImportPreview& preview) {
  std::string all;
  for (const auto& c : preview.changes) all += c.what + '\x1f' + c.who + '\x1f' + c.detail + '\x1e';
  return crypto::hex(crypto::sha256(all));
}

void renew_pending_batch(Db& db, unsigned batch_id, const std::string& token_hash, const std::string& digest) {
  db.exec(kRenewPending, token_hash, digest, batch_id);
}

void abandon_batch(Db& db, unsigned batch_id) { db.exec(kAbandonBatch, batch_id); }

std::optional<ImportBatch> find_pending_batch(Db& db, unsigned establishment_id, const std::string& token_hash,
                                              const std::string& session_hash) {
  Rows r = db.query(kFindPending, token_hash, session_hash, establishment_id);
  if (!r->next()) return std::nullopt;
  return ImportBatch{r->getUInt(1), r->getUInt(2), r->getString(3), r->getString(4), r->getString(5),
                     r->getString(6), r->getString(7)};
}

unsigned record_applied_batch(Db& db, unsigned batch_id, unsigned establishment_id, unsigned account_id,
                              const std::string& encoding, const std::string& pupils_file,
                              const std::string& responsables_file, const ImportCounts& c) {
  if (batch_id) {
    db.exec(kMarkApplied, c.pupils_new, c.pupils_changed, c.pupils_left, c.classes_new, c.responsables_new,
            c.responsables_changed, c.links_added, c.links_removed, c.links_changed, batch_id);
    return batch_id;
  }
  return db.insert(kInsertApplied, establishment_id, account_id ? std::optional<unsigned>(account_id) : std::nullopt,
                   encoding, crypto::hex(crypto::sha256(pupils_file)), crypto::hex(crypto::sha256(responsables_file)),
                   c.pupils_new, c.pupils_changed, c.pupils_left, c.classes_new, c.responsables_new,
                   c.responsables_changed, c.links_added, c.links_removed, c.links_changed);
}

unsigned abandon_stale_batches(Db& db, bool dry_run) {
  if (dry_run) return static_cast<unsigned>(std::stoul(db.scalar(kCountStale).value_or("0")));
  return static_cast<unsigned>(db.exec(kAbandonStale));
}

}  // namespace ts::scolarite
