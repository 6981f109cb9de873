// issue 13 — aide: the letters reported "je ne suis pas le représentant
// légal de cet élève" of the school (permission assistance). GET
// /etablissement/signalements lists those waiting (oldest first) and the
// last handled; POST /etablissement/signalements/traite (fields
// signalement: the letter's id, decision: annule | infonde, commentaire:
// up to 500 characters, optional) handles one in one transaction with its
// audit row (`helpdesk_report_handled`, the account's identifier as
// detail): "annule" keeps the letter revoked (the school prints a new one
// for the right person), "infonde" lets it serve again. Another school's
// report: 404; one handled already: 409.
#include "accounts/reports.h"
#include "core/validators.h"
#include "etablissement.h"
#include "security/audit.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;

constexpr unsigned kWaitingListed = 500, kHandledListed = 50;

void fill_report(ctemplate::TemplateDictionary& row, const accounts::LetterReport& r) {
  row.SetIntValue("LETTER_ID", static_cast<long>(r.letter_id));
  row.SetIntValue("ACCOUNT_ID", static_cast<long>(r.account_id));
  row.SetValue("REPORTED_AT", french_time(r.reported_at));
  row.SetValue("IDENTIFIER", r.identifier);
  row.SetValue("HOLDER", r.holder);
  row.SetValue("PUPIL", r.pupil_name + (r.class_name.empty() ? "" : ", " + r.class_name));
}

// `form`, `failed`: a refused decision on report `failed`: the summary links
// to its fields, its card shows the messages and keeps what was typed.
Response page(Call& c, int status, const Form* form, unsigned failed = 0) {
  Db& db = c.ctx.db;
  const auto waiting = accounts::reports(db, scope(c), false, kWaitingListed);
  const auto handled = accounts::reports(db, scope(c), true, kHandledListed);
  Page p{status, "Courriers signalés", "etablissement/signalements.tpl", true, "ASSISTANCE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (c.query && c.query->value("modifie") == "traite") {
      auto* n = d.AddSectionDictionary("NOTICE");
      n->SetValue("TEXT", "Le signalement a été traité.");
    }
    if (form) fill_error_summary(d, *form, "-" + std::to_string(failed));
    d.ShowSection(waiting.empty() ? "NO_WAITING" : "WAITING");
    for (const auto& r : waiting) {
      auto* row = d.AddSectionDictionary("REPORT");
      fill_report(*row, r);
      if (!form || r.letter_id != failed) continue;
      row->SetValue("COMMENT_VALUE", form->raw("commentaire"));
      if (form->raw("decision") == "annule") row->ShowSection("ANNULE_CHECKED");
      if (form->raw("decision") == "infonde") row->ShowSection("INFONDE_CHECKED");
      for (const auto& [field, message] : form->errors()) {
        auto* e = row->AddSectionDictionary(field == "decision" ? "DECISION_ERROR" : "COMMENT_ERROR");
        e->SetValue("MESSAGE", message);
      }
    }
    if (!handled.empty()) d.ShowSection("HANDLED");
    for (const auto& r : handled) {
      auto* row = d.AddSectionDictionary("DONE");
      fill_report(*row, r);
      row->SetValue("HANDLED_AT", french_time(r.handled_at));
      row->SetValue("DECISION", r.decision == "annule" ? "Courrier annulé" : "Signalement infondé");
      row->SetValue("COMMENT", r.comment);
      row->SetValue("HANDLED_BY", r.handled_by);
    }
  });
}

}  // namespace

Response signalements(Call& c) { return page(c, 200, nullptr); }

Response signalement_handle(Call& c) {
  Form form(c.req, {{"signalement", 10, valid::record_id}, {"decision", 10, nullptr}, {"commentaire", 500, nullptr}});
  const unsigned id = form.record_id("signalement");
  if (!id) return not_found(c);
  const std::string& decision = form.raw("decision");
  if (decision != "annule" && decision != "infonde") {
    form.fail("decision", "Choisissez une décision : courrier annulé ou signalement infondé.");
    return page(c, 422, &form, id);
  }
  if (!form.ok()) return page(c, 422, &form, id);
  Db& db = c.ctx.db;
  const accounts::Account& me = c.account();
  Transaction tx(db);
  auto outcome = accounts::handle_report(db, scope(c), id,
                                         decision == "annule" ? accounts::ReportDecision::annule
                                                              : accounts::ReportDecision::infonde,
                                         form.value("commentaire"), me.id);
  if (outcome.kind == accounts::HandleOutcome::not_found) return not_found(c);
  if (outcome.kind == accounts::HandleOutcome::already)
    return message_page(c, 409, "Signalement déjà traité", "Ce signalement a déjà été traité : rien n'a été modifié.",
                        "/etablissement/signalements", "Retour aux signalements", "ASSISTANCE");
  security::audit(db, me.id, me.identifier, "helpdesk_report_handled", outcome.identifier, c.req.remote_addr);
  tx.commit();
  return Response::redirect("/etablissement/signalements?modifie=traite");
}

}  // namespace ts::etablissement
