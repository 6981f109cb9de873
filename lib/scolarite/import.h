// The import of pupils, classes and responsables from the CSV exports of the
// national pupil database (issue 13, docs/IMPORT.md): two files read into
// rows and checked (every problem with its file, line, field and a French
// reason), then compared with the school's records (the preview), then
// applied in the caller's transaction. Keyed on the stable ids of the export
// (ELEVE_ID per school, PERSONNE_ID per school), so the same files twice
// change nothing; a record imported before without id (the demo, a first
// import) is adopted by its names (and a pupil's birth date) rather than
// doubled. Pupils missing from the file, or whose leaving date has passed,
// get left_at (never deleted); what that does to family accounts is
// lib/accounts/imports.h's. Owns the table import_batch.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/charset.h"
#include "core/db.h"

namespace ts::scolarite {

// A problem of the files: which file ("élèves" or "responsables"), the line
// (1 = the header; 0 = the whole file), the column, and the French reason.
struct ImportProblem {
  std::string file;
  size_t line = 0;
  std::string field, reason;
};

// A row of the pupils' file (dates AAAA-MM-JJ, "" when empty).
struct PupilRow {
  size_t line = 0;
  std::string source_id, ine, last_name, first_name, birth_date, division, entered_on, leaving_on;
};
// A row of the responsables' file: one person linked to one pupil.
struct ResponsableRow {
  size_t line = 0;
  std::string source_id, pupil_source_id, civility, last_name, first_name, link;
  int legal_rank = 1;  // 1 or 2
  std::string address, home_phone, mobile_phone, work_phone, email;
  std::optional<bool> accepts_sms;
};

// The problems kept (and shown by the web page and the CLI): the first ones,
// the others only counted (a file of bad lines is refused whole anyway).
constexpr size_t kProblemsKept = 300;

// The two files, read and checked.
struct ImportFiles {
  std::vector<PupilRow> pupils;
  std::vector<ResponsableRow> responsables;
  std::vector<ImportProblem> problems;  // the first kProblemsKept: the pupils' file first, by line
  size_t problem_count = 0;             // all of them
  charset::Encoding pupils_encoding = charset::Encoding::utf8, responsables_encoding = charset::Encoding::utf8;
  // The optional columns ("INE", "MEL"…) each file's header does not name:
  // the records keep their values of those (a column present with an empty
  // cell empties them).
  std::set<std::string> pupils_absent, responsables_absent;
};

// Reads the files' bytes (converted from `encoding`, lib/core/charset.h;
// separator detected, lib/core/csv.h) and checks every row: the columns the
// header must name, required values, formats (dates JJ/MM/AAAA or
// AAAA-MM-JJ, INE, phones, address, legal rank 1/2, "accepte SMS"), ids
// repeated, a responsable's pupil absent from the pupils' file. Rows with
// RESP_LEGAL 0 (a contact who is not a legal responsable) are left out.
ImportFiles parse_import(const std::string& pupils_bytes, const std::string& responsables_bytes,
                         charset::Encoding encoding);

// One line of the preview: what ("Élève nouveau", "Lien retiré"…), whom,
// and what changes ("classe : 4 A → 3 A").
struct ImportChange {
  std::string what, who, detail;
};

struct ImportCounts {
  unsigned pupils_new = 0, pupils_changed = 0, pupils_left = 0, classes_new = 0;
  unsigned responsables_new = 0, responsables_changed = 0, links_added = 0, links_removed = 0, links_changed = 0;
  bool nothing() const {
    return pupils_new + pupils_changed + pupils_left + classes_new + responsables_new + responsables_changed +
               links_added + links_removed + links_changed ==
           0;
  }
};

struct ImportPreview {
  ImportCounts counts;
  std::vector<ImportChange> changes;  // in the order above: pupils, classes, responsables, links
  std::vector<ImportProblem> problems;  // the first kProblemsKept
  size_t problem_count = 0;             // all of them
};

// What applying changed that concerns accounts (lib/accounts/imports.h).
struct ImportApplied {
  ImportPreview preview;
  std::vector<unsigned> left_pupils;                           // pupils given left_at now
  std::vector<std::pair<unsigned, unsigned>> removed_links;   // (pupil, responsable)
};

// The differences between the files and the records of establishment
// `establishment_id`; when the files have problems, only the problems (no
// change, no count). Reads only.
ImportPreview preview_import(Db& db, unsigned establishment_id, const ImportFiles& files);

// Applies the files in the caller's transaction (which should lock the
// establishment row first: scolarite::find_establishment). Throws
// std::logic_error when the files have problems: nothing is written then.
ImportApplied apply_import(Db& db, unsigned establishment_id, const ImportFiles& files);

// The SHA-256 (hex) of the preview's list of changes: stored with a pending
// batch, compared at the confirmation (a stale preview is not applied).
std::string preview_digest(const ImportPreview& preview);

// The import_batch rows. The files are kept while the batch is pending (the
// web's preview, bound to a token and the staff session), cleared after.
struct ImportBatch {
  unsigned id = 0, establishment_id = 0;
  std::string state, encoding, pupils_file, responsables_file;
  std::string preview_digest;  // preview_digest() of the preview shown ("" for a batch of before 016)
};
// A pending batch of the web; returns its id. Hashes are 32 raw bytes;
// `digest` is preview_digest() of the preview shown.
unsigned insert_pending_batch(Db& db, unsigned establishment_id, unsigned account_id, const std::string& token_hash,
                              const std::string& session_hash, const std::string& encoding,
                              const std::string& pupils_file, const std::string& responsables_file,
                              const std::string& digest = "");
// A pending batch whose preview went stale gets a new token and the digest
// of the new preview (its hour still counts from the upload).
void renew_pending_batch(Db& db, unsigned batch_id, const std::string& token_hash, const std::string& digest);
// A pending batch with nothing left to apply: abandoned, its files dropped.
void abandon_batch(Db& db, unsigned batch_id);
// The pending batch of this token, session and establishment, locked (FOR
// UPDATE); none when another session, school, state or an hour passed.
std::optional<ImportBatch> find_pending_batch(Db& db, unsigned establishment_id, const std::string& token_hash,
                                              const std::string& session_hash);
// Records the import applied: its counts, the files dropped (batch_id 0: a
// new row, for teleservices-admin, with the files' digests). Returns the id.
unsigned record_applied_batch(Db& db, unsigned batch_id, unsigned establishment_id, unsigned account_id,
                              const std::string& encoding, const std::string& pupils_file,
                              const std::string& responsables_file, const ImportCounts& counts);
// The purge's part (teleservices-admin purge): pending batches older than
// the hour a preview lives become `abandoned`, their files and token
// cleared. Returns how many (with `dry_run`, how many would be; nothing written).
unsigned abandon_stale_batches(Db& db, bool dry_run);

}  // namespace ts::scolarite
