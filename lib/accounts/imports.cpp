#include "imports.h"

#include <set>
#include <stdexcept>

#include "account.h"
#include "family.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "transfer.h"

namespace ts::accounts {
namespace {

constexpr const char* kUaiOf = "SELECT uai FROM establishment WHERE id = ? FOR UPDATE";
constexpr const char* kPupilAccounts =
    "SELECT id FROM account WHERE pupil_id = ? AND kind = 'eleve' AND state <> 'closed' ORDER BY id";
constexpr const char* kIsChildlessLetter =
    "SELECT COUNT(*) FROM account a WHERE a.id = ? AND a.state = 'letter' AND a.kind = 'responsable'"
    " AND NOT EXISTS (SELECT 1 FROM account_child c WHERE c.account_id = a.id)";

std::string plural(unsigned n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n > 1 ? many : one);
}

}  // namespace

std::string import_summary(const scolarite::ImportCounts& c) {
  return "élèves : " + plural(c.pupils_new, "nouveau", "nouveaux") + ", " +
         plural(c.pupils_changed, "modifié", "modifiés") + ", " + plural(c.pupils_left, "sorti", "sortis") +
         " ; classes : " + plural(c.classes_new, "créée", "créées") + " ; responsables : " +
         plural(c.responsables_new, "nouveau", "nouveaux") + ", " +
         plural(c.responsables_changed, "modifié", "modifiés") + " ; liens : " +
         plural(c.links_added, "ajouté", "ajoutés") + ", " + plural(c.links_removed, "retiré", "retirés") + ", " +
         plural(c.links_changed, "modifié", "modifiés");
}

std::string carried_summary(const ImportOutcome& out) {
  return "comptes partis vers un autre établissement de l'académie (élèves sortis) : " +
         std::to_string(out.departed.total()) + " ; comptes venus d'un autre établissement de l'académie : " +
         std::to_string(out.arrived.total());
}

ImportOutcome run_import(Db& db, const ImportRequest& req) {
  ImportOutcome out;
  Transaction tx(db);
  const auto uai = db.scalar(kUaiOf, req.establishment_id);  // locks the school: one import at a time
  if (!uai) throw std::runtime_error("unknown establishment " + std::to_string(req.establishment_id));
  const scolarite::ImportFiles files =
      scolarite::parse_import(req.pupils_file, req.responsables_file, req.encoding);
  if (req.dry_run || !files.problems.empty()) {
    out.preview = scolarite::preview_import(db, req.establishment_id, files);
    return out;  // nothing written: the transaction rolls back
  }
  scolarite::ImportApplied applied = scolarite::apply_import(db, req.establishment_id, files);
  if (!req.expected_digest.empty() && scolarite::preview_digest(applied.preview) != req.expected_digest) {
    out.stale = true;  // the records changed since the preview: the transaction rolls back
    out.preview = std::move(applied.preview);
    return out;
  }
  // Pupils who left: the family accounts stop holding them (the links kept
  // for a change of school). Those who left for a school of the académie
  // that imported them first take their accounts there, before their own
  // account would be closed here.
  std::set<unsigned> to_check, expecting;
  for (unsigned pupil : applied.left_pupils) {
    for (unsigned holder : release_pupil(db, pupil)) to_check.insert(holder);
    for (unsigned school : schools_expecting(db, pupil)) expecting.insert(school);
  }
  for (unsigned school : expecting) out.departed += carry_over_arrivals(db, school);
  for (unsigned pupil : applied.left_pupils) {
    Rows r = db.query(kPupilAccounts, pupil);
    std::vector<unsigned> own;
    while (r->next()) own.push_back(r->getUInt(1));
    r.reset();
    for (unsigned a : own) {
      close_left_pupil_account(db, a);  // carried over if another school of the académie imports the pupil
      ++out.accounts_closed;
    }
  }
  for (const auto& [pupil, responsable] : applied.removed_links)
    for (unsigned holder : release_pupil(db, pupil, responsable)) to_check.insert(holder);
  for (unsigned a : to_check)
    if (db.scalar(kIsChildlessLetter, a).value_or("0") != "0") {
      close_account(db, a);
      ++out.accounts_closed;
    }
  out.arrived += carry_over_arrivals(db, req.establishment_id);
  if (applied.preview.counts.nothing() && out.accounts_closed == 0 && out.arrived.total() == 0 &&
      out.departed.total() == 0) {
    // Nothing changed (the same files again): no batch, no audit row.
    if (req.batch_id) scolarite::abandon_batch(db, req.batch_id);
    out.unchanged = true;
  } else {
    out.batch_id = scolarite::record_applied_batch(db, req.batch_id, req.establishment_id, req.actor_account_id,
                                                   charset::encoding_name(req.encoding), req.pupils_file,
                                                   req.responsables_file, applied.preview.counts);
    security::audit_school(db, req.establishment_id, req.actor_account_id,
                           req.actor_identifier.empty() ? "teleservices-admin" : req.actor_identifier, "import",
                           *uai + " : " + import_summary(applied.preview.counts) + " ; comptes fermés : " +
                               std::to_string(out.accounts_closed) + " ; " + carried_summary(out),
                           req.remote_addr);
  }
  tx.commit();
  out.preview = std::move(applied.preview);
  out.applied = true;
  return out;
}

}  // namespace ts::accounts
