// Mon compte > Fiche de renseignements (GET/POST /compte/fiche): a
// responsable account sees and edits the fiche (address, phones, contact
// address, profession) of each responsable it represents: its own, plus
// those a regroupement recorded (compte joint; lib/accounts/family.h fiches_of).
#include <map>
#include <vector>

#include "accounts/family.h"
#include "compte.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::compte {
namespace {
using namespace ts::web;
using scolarite::Fiche;

const char* kFields[] = {"adresse", "telephone", "portable", "courriel", "profession"};

// A field's name in the audit row ("téléphone" for telephone).
std::string field_label(const std::string& field) { return field == "telephone" ? "téléphone" : field; }

std::map<std::string, std::string> values(const Fiche& f) {
  return {{"adresse", f.address}, {"telephone", f.phone}, {"portable", f.mobile_phone},
          {"courriel", f.contact_email}, {"profession", f.profession}};
}

Response fiche_page(Call& c, const std::vector<Fiche>& fiches, unsigned failed_id, const Form* form, int status,
                    bool saved) {
  Page p{status, "Mon compte : fiche de renseignements", "compte/fiche.tpl", true, "COMPTE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    account_frame(d, c, "FICHE");
    if (saved) d.ShowSection("SAVED");
    if (fiches.size() > 1) d.ShowSection("JOINT");
    for (const auto& f : fiches) {
      auto* row = d.AddSectionDictionary("FICHE");
      row->SetIntValue("RID", f.responsable_id);
      row->SetValue("NAME", f.name);
      auto v = values(f);
      const bool mine = form && failed_id == f.responsable_id;
      for (const char* field : kFields) {
        std::string up = template_key(field);
        row->SetValue(up + "_VALUE", mine ? form->raw(field) : v[field]);
        if (mine && form->has_error(field)) {
          row->ShowSection(up + "_HAS_ERROR");
          for (const auto& [name, msg] : form->errors())
            if (name == field) row->SetValue(up + "_ERROR", msg);
        }
      }
      if (mine) fill_error_summary(*row, *form, "-" + std::to_string(f.responsable_id));
    }
  });
}

}  // namespace

Response fiche(Call& c) {
  auto fiches = accounts::fiches_of(c.ctx.db, c.account().id);
  return fiche_page(c, fiches, 0, nullptr, 200, !c.query->raw("modifie").empty());
}

Response save_fiche(Call& c) {
  const accounts::Account& a = c.account();
  Db& db = c.ctx.db;
  auto fiches = accounts::fiches_of(db, a.id);
  Form form(c.req, {{"responsable", 10, valid::record_id}, {"adresse", 255, nullptr}, {"telephone", 20, valid::phone},
                    {"portable", 20, valid::phone}, {"courriel", 254, valid::email}, {"profession", 120, nullptr}});
  const unsigned asked = form.record_id("responsable");
  const Fiche* target = nullptr;
  for (const auto& f : fiches)
    if (asked && f.responsable_id == asked) target = &f;
  // Another family's fiche, or none: not found, whether it exists or not.
  if (!target)
    return message_page(c, 404, "Fiche introuvable", "Cette fiche n'est pas rattachée à votre compte.", "/compte/fiche",
                        "Retour à la fiche de renseignements", "COMPTE");
  if (!form.ok()) return fiche_page(c, fiches, target->responsable_id, &form, 422, false);
  auto before = values(*target);
  std::string changed;
  for (const char* field : kFields)
    if (before[field] != form.value(field)) changed += (changed.empty() ? "" : ", ") + field_label(field);
  if (!changed.empty()) {
    Fiche updated = *target;
    updated.address = form.value("adresse");
    updated.phone = form.value("telephone");
    updated.mobile_phone = form.value("portable");
    updated.contact_email = form.value("courriel");
    updated.profession = form.value("profession");
    Transaction tx(db);
    scolarite::update_fiche(db, updated);
    security::audit(db, a.id, a.identifier, "fiche_update",
                    "responsable n° " + std::to_string(target->responsable_id) + " : " + changed + " modifié(s)", c.req.remote_addr);
    tx.commit();
  }
  return Response::redirect("/compte/fiche?modifie=1");
}

}  // namespace ts::compte
