// The import's three pages: the upload form, the preview (what would change
// and every problem, line and field, in French) with "Confirmer l'import",
// and the result. The uploaded files wait server-side in a pending
// import_batch row (lib/scolarite/import.h), bound to a random token (in the
// confirm form; only its SHA-256 is stored), to this staff session and to the
// school; confirming applies them through lib/accounts/imports.h, the same
// core as `teleservices-admin import`. Every query is scoped to the staff
// member's school: a token of another session or school is not found (404).
#include "import.h"

#include "accounts/imports.h"
#include "core/crypto.h"
#include "core/validators.h"
#include "staff/staff.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::import {
namespace {
using namespace ts::web;

constexpr size_t kShownChanges = 300;  // the preview lists this many changes, then counts the rest

const char* const kTitle = "Import des élèves et des responsables";

// The school of the staff member (0 for the académie, which imports nothing).
unsigned school_of(const Call& c) { return staff::scope_of(c.account()); }

void fill_encodings(ctemplate::TemplateDictionary& d, const std::string& chosen) {
  static const charset::Encoding kAll[] = {charset::Encoding::automatic, charset::Encoding::utf8,
                                           charset::Encoding::windows1252, charset::Encoding::iso885915};
  for (auto e : kAll) {
    auto* o = d.AddSectionDictionary("ENCODING");
    o->SetValue("VALUE", charset::encoding_name(e));
    o->SetValue("LABEL", e == charset::Encoding::automatic ? "Détection automatique (recommandé)"
                                                           : charset::encoding_label(e));
    if (chosen == charset::encoding_name(e)) o->ShowSection("SELECTED");
  }
}

void fill_counts(ctemplate::TemplateDictionary& d, const scolarite::ImportCounts& n) {
  const std::pair<const char*, unsigned> rows[] = {
      {"Élèves nouveaux", n.pupils_new},           {"Élèves modifiés", n.pupils_changed},
      {"Élèves sortis", n.pupils_left},            {"Classes créées", n.classes_new},
      {"Responsables nouveaux", n.responsables_new}, {"Responsables modifiés", n.responsables_changed},
      {"Liens ajoutés", n.links_added},            {"Liens retirés", n.links_removed},
      {"Liens modifiés (rang, lien)", n.links_changed},
  };
  for (const auto& [label, count] : rows) {
    auto* r = d.AddSectionDictionary("COUNT");
    r->SetValue("LABEL", label);
    r->SetIntValue("N", count);
  }
}

void fill_changes(ctemplate::TemplateDictionary& d, const scolarite::ImportPreview& pv) {
  if (pv.changes.empty()) return;
  d.ShowSection("CHANGES");
  for (size_t i = 0; i < pv.changes.size() && i < kShownChanges; ++i) {
    auto* r = d.AddSectionDictionary("CHANGE");
    r->SetValue("WHAT", pv.changes[i].what);
    r->SetValue("WHO", pv.changes[i].who);
    r->SetValue("DETAIL", pv.changes[i].detail);
  }
  if (pv.changes.size() > kShownChanges) {
    auto* more = d.AddSectionDictionary("MORE_CHANGES");
    more->SetIntValue("N", static_cast<long>(pv.changes.size() - kShownChanges));
  }
}

// The problems kept (the first scolarite::kProblemsKept), then how many more.
void fill_problems(ctemplate::TemplateDictionary& d, const scolarite::ImportPreview& pv) {
  if (pv.problems.empty()) return;
  d.ShowSection("PROBLEMS");
  d.SetIntValue("PROBLEM_COUNT", static_cast<long>(pv.problem_count));
  if (pv.problem_count > pv.problems.size()) {
    auto* more = d.AddSectionDictionary("MORE_PROBLEMS");
    more->SetIntValue("N", static_cast<long>(pv.problem_count - pv.problems.size()));
  }
  for (const auto& p : pv.problems) {
    auto* r = d.AddSectionDictionary("PROBLEM");
    r->SetValue("FILE", p.file);
    r->SetValue("LINE", p.line ? std::to_string(p.line) : "—");
    r->SetValue("FIELD", p.field.empty() ? "—" : p.field);
    r->SetValue("REASON", p.reason);
  }
}

Response refuse_academie(Call& c) {
  return message_page(c, 403, "Accès refusé", "L'import se fait depuis le compte d'un établissement.");
}

// The file of `field` (nullptr when absent or sent empty); a field sent twice is a 400.
const std::string* file_of(const Request& req, const char* field) {
  const std::string* out = nullptr;
  for (const auto& f : req.files) {
    if (f.field != field) continue;
    if (out) throw HttpError(400, "Un fichier est envoyé deux fois.");
    out = &f.data;
  }
  return out && !out->empty() ? out : nullptr;
}

// The preview page: the problems only, or the changes with the confirm form
// (`token`) or "nothing to change"; `stale`: the confirmation found the
// records changed since the previous preview.
Response preview_page(Call& c, int status, const scolarite::ImportPreview& pv, const std::string& token,
                      charset::Encoding enc, bool stale) {
  Page p{status, pv.problems.empty() ? "Aperçu de l'import" : "Import : fichiers à corriger", "import/apercu.tpl", true,
         "IMPORT"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (stale) d.ShowSection("STALE");
    if (pv.problems.empty()) {  // with problems, only them: nothing can be imported
      d.ShowSection("PREVIEW");
      fill_counts(d, pv.counts);
      fill_changes(d, pv);
    }
    fill_problems(d, pv);
    if (!token.empty()) {
      d.ShowSection("CONFIRM");
      d.SetValue("TOKEN", token);
    } else if (pv.problems.empty()) {
      d.ShowSection("NOTHING");
    }
    fill_encodings(d, charset::encoding_name(enc));
  });
}

}  // namespace

Response upload_form(Call& c) {
  if (!school_of(c)) return refuse_academie(c);
  Page p{200, kTitle, "import/envoi.tpl", true, "IMPORT"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) { fill_encodings(d, "auto"); });
}

Response upload(Call& c) {
  const unsigned school = school_of(c);
  if (!school) return refuse_academie(c);
  // The two file inputs appear as plain fields only when sent without a file.
  Form form(c.req, {{"encodage", 20, nullptr}, {"eleves", 1, nullptr}, {"responsables", 1, nullptr}});
  charset::Encoding enc = charset::Encoding::automatic;
  if (!form.raw("encodage").empty() && !charset::encoding_from_name(form.raw("encodage"), enc))
    form.fail("encodage", "Choisissez un encodage de la liste.");
  for (const auto& f : c.req.files)
    if (f.field != "eleves" && f.field != "responsables") throw HttpError(400, "Ce fichier n'est pas attendu.");
  const std::string* pupils = file_of(c.req, "eleves");
  const std::string* resp = file_of(c.req, "responsables");
  if (!pupils) form.fail("eleves", "Choisissez le fichier des élèves (CSV).");
  if (!resp) form.fail("responsables", "Choisissez le fichier des responsables (CSV).");
  if (!form.ok() || !pupils || !resp) {
    Page p{422, kTitle, "import/envoi.tpl", true, "IMPORT"};
    return render(c, p, [&](ctemplate::TemplateDictionary& d) {
      fill_encodings(d, form.raw("encodage").empty() ? "auto" : form.raw("encodage"));
      d.ShowSection("HAS_ERRORS");
      for (const auto& [field, message] : form.errors()) {
        auto* e = d.AddSectionDictionary("ERRORS");
        e->SetValue("FIELD", field);
        e->SetValue("MESSAGE", message);
        const std::string key = field == "eleves" ? "ELEVES" : field == "responsables" ? "RESP" : "ENC";
        d.ShowSection(key + "_HAS_ERROR");
        d.SetValue(key + "_ERROR", message);
      }
    });
  }

  Db& db = c.ctx.db;
  accounts::ImportRequest req;
  req.establishment_id = school;
  req.pupils_file = *pupils;
  req.responsables_file = *resp;
  req.encoding = enc;
  req.dry_run = true;
  const accounts::ImportOutcome out = accounts::run_import(db, req);
  const auto& pv = out.preview;
  std::string token;
  if (pv.problems.empty() && !pv.counts.nothing()) {
    token = crypto::new_token();
    Transaction tx(db);
    scolarite::insert_pending_batch(db, school, c.account().id, crypto::sha256(token), c.session->id_hash,
                                    charset::encoding_name(enc), *pupils, *resp, scolarite::preview_digest(pv));
    tx.commit();
  }
  return preview_page(c, pv.problems.empty() ? 200 : 422, pv, token, enc, false);
}

Response confirm(Call& c) {
  const unsigned school = school_of(c);
  if (!school) return refuse_academie(c);
  Form form(c.req, {{"jeton", 64, valid::token}});
  if (!form.ok() || form.raw("jeton").empty())
    throw HttpError(400, "Le formulaire de confirmation est incomplet.");
  Db& db = c.ctx.db;
  Transaction tx(db);
  auto batch = scolarite::find_pending_batch(db, school, crypto::sha256(form.value("jeton")), c.session->id_hash);
  if (!batch)
    return message_page(c, 404, "Import introuvable",
                        "Cet import a déjà été confirmé, ou il a plus d'une heure : envoyez les fichiers de nouveau.");
  accounts::ImportRequest req;
  req.establishment_id = school;
  req.pupils_file = batch->pupils_file;
  req.responsables_file = batch->responsables_file;
  charset::encoding_from_name(batch->encoding, req.encoding);
  req.batch_id = batch->id;
  req.expected_digest = batch->preview_digest;
  req.actor_account_id = c.account().id;
  req.actor_identifier = c.account().identifier;
  req.remote_addr = c.req.remote_addr;
  const accounts::ImportOutcome out = accounts::run_import(db, req);
  if (out.stale) {  // the records changed since the preview: the new preview, to confirm again
    std::string token;
    if (out.preview.counts.nothing()) {
      scolarite::abandon_batch(db, batch->id);
    } else {
      token = crypto::new_token();
      scolarite::renew_pending_batch(db, batch->id, crypto::sha256(token), scolarite::preview_digest(out.preview));
    }
    tx.commit();
    return preview_page(c, 409, out.preview, token, req.encoding, true);
  }
  if (!out.applied)  // the records changed since the preview in a way the files no longer fit
    return message_page(c, 409, "Action impossible",
                        "Les fichiers ne peuvent plus être importés tels quels : envoyez-les de nouveau.");
  tx.commit();
  if (out.unchanged)  // the records already say what the files say (the pending batch abandoned)
    return preview_page(c, 200, out.preview, "", req.encoding, false);
  Page p{200, "Import terminé", "import/resultat.tpl", true, "IMPORT"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    fill_counts(d, out.preview.counts);
    d.SetIntValue("CLOSED", out.accounts_closed);
    d.SetIntValue("DEPARTED", out.departed.total());
    d.SetIntValue("ARRIVED", out.arrived.total());
    d.SetIntValue("BATCH", out.batch_id);
  });
}

}  // namespace ts::import
