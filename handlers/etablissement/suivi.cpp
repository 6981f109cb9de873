// Suivi des comptes (permission suivi): the families' accounts of the school
// by class, kind and state (the académie: of every school, read only).
// Scoped in the SQL (accounts::followup).
#include "accounts/followup.h"
#include "etablissement.h"
#include "web/render.h"

namespace ts::etablissement {

web::Response suivi(web::Call& c) {
  using namespace ts::web;
  const unsigned school = scope(c);
  const auto rows = accounts::followup(c.ctx.db, school);
  Page p{200, "Suivi des comptes", "etablissement/suivi.tpl", true, "SUIVI"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.ShowSection(school == 0 ? "ALL_SCHOOLS" : "ONE_SCHOOL");
    d.ShowSection(rows.empty() ? "NO_ROWS" : "ROWS");
    unsigned letter = 0, pending = 0, active = 0, closed = 0;
    for (const auto& r : rows) {
      auto* row = d.AddSectionDictionary("ROW");
      if (school == 0) {
        row->ShowSection("ALL_SCHOOLS");
        row->SetValue("SCHOOL", r.school + " (" + r.uai + ")");
      }
      row->SetValue("CLASS", r.class_name.empty() ? "Sans classe" : r.class_name);
      row->SetValue("KIND", r.kind == "eleve" ? "Élèves" : "Responsables");
      row->SetIntValue("LETTER", r.letter);
      row->SetIntValue("PENDING", r.pending_email);
      row->SetIntValue("ACTIVE", r.active);
      row->SetIntValue("CLOSED", r.closed);
      letter += r.letter;
      pending += r.pending_email;
      active += r.active;
      closed += r.closed;
    }
    d.SetIntValue("TOTAL_LETTER", letter);
    d.SetIntValue("TOTAL_PENDING", pending);
    d.SetIntValue("TOTAL_ACTIVE", active);
    d.SetIntValue("TOTAL_CLOSED", closed);
  });
}

}  // namespace ts::etablissement
