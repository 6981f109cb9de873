// issue 13 — aide: the school's regroupements (merges of two family
// accounts) and undoing one made by mistake (permission assistance, the
// helpdesk's). The list is of the scope, newest first; POST
// /etablissement/regroupements/annuler (field regroupement) puts both
// accounts back as they were (lib/accounts/merge_record.h undo_merge) in one
// transaction with its audit row, or says in French why it cannot (409,
// nothing changed); another school's merge: 404.
#include "accounts/merge_record.h"
#include "core/validators.h"
#include "etablissement.h"
#include "security/audit.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;

constexpr unsigned kListed = 200;

const char* state_before(const std::string& state) {
  if (state == "letter") return "Courrier non utilisé";
  if (state == "pending_email") return "En attente de confirmation";
  return "Actif";
}

}  // namespace

Response regroupements(Call& c) {
  const Form& q = *c.query;
  Db& db = c.ctx.db;
  const auto records = accounts::merge_records(db, scope(c), kListed);
  Page p{200, "Regroupements de comptes", "etablissement/regroupements.tpl", true, "ASSISTANCE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (q.value("modifie") == "annule") {
      auto* n = d.AddSectionDictionary("NOTICE");
      n->SetValue("TEXT",
                  "Le regroupement a été annulé : les deux comptes sont revenus à leur état d'avant. La famille doit "
                  "se reconnecter.");
    }
    d.ShowSection(records.empty() ? "NO_RECORDS" : "RECORDS");
    for (const auto& r : records) {
      auto* row = d.AddSectionDictionary("RECORD");
      row->SetIntValue("RECORD_ID", static_cast<long>(r.id));
      row->SetValue("MERGED_AT", french_time(r.merged_at));
      row->SetValue("KEPT", r.kept_identifier + " (" + r.kept_name + ")");
      row->SetValue("CLOSED", r.closed_identifier + " (" + r.closed_name + ")");
      row->SetValue("CLOSED_STATE", state_before(r.closed_state));
      row->SetValue("CHILDREN", r.children.empty() ? "Aucun" : r.children);
      if (r.undone_at) {
        auto* u = row->AddSectionDictionary("UNDONE");
        u->SetValue("UNDONE_AT", french_time(r.undone_at));
        u->SetValue("UNDONE_BY", r.undone_by);
      } else {
        row->ShowSection("CAN_UNDO");
      }
    }
  });
}

Response regroupement_undo(Call& c) {
  Form form(c.req, {{"regroupement", 10, valid::record_id}});
  const unsigned id = form.record_id("regroupement");
  Db& db = c.ctx.db;
  const accounts::Account& me = c.account();
  Transaction tx(db);
  auto outcome = id ? accounts::undo_merge(db, scope(c), id, me) : accounts::UndoOutcome{};
  if (outcome.kind == accounts::UndoOutcome::not_found) return not_found(c);
  if (outcome.kind == accounts::UndoOutcome::refused)
    return message_page(c, 409, "Annulation impossible", outcome.message, "/etablissement/regroupements",
                        "Retour aux regroupements", "ASSISTANCE");
  // One row per account, its identifier as detail: the undoing shows in both trails (their fiches).
  security::audit(db, me.id, me.identifier, "helpdesk_regroupement_undone", outcome.closed_identifier,
                  c.req.remote_addr);
  security::audit(db, me.id, me.identifier, "helpdesk_regroupement_undone", outcome.kept_identifier,
                  c.req.remote_addr);
  tx.commit();
  return Response::redirect("/etablissement/regroupements?modifie=annule");
}

}  // namespace ts::etablissement
