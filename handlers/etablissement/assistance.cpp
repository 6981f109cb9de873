// Assistance aux familles (permission assistance: direction, secrétariat, vie
// scolaire, and the staff direction delegated it to): a family account of the
// school by its identifier — state, lock, confirmed address partly masked —
// and lifting its lock (audited helpdesk_unlock, the staff member as actor).
// An account of another school is not found (404); staff never see or set a
// family's password.
#include "accounts/followup.h"
#include "core/validators.h"
#include "etablissement.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;

const char* state_label(const std::string& state) {
  if (state == "letter") return "Courrier envoyé, première connexion pas encore faite";
  if (state == "pending_email") return "Première connexion faite, adresse mail à confirmer";
  if (state == "active") return "Actif";
  if (state == "closed") return "Fermé";
  return "Autre";
}

// "claire.martin@exemple.fr" -> "c***@exemple.fr": enough to tell a family
// which address it is, not enough to read it over a shoulder.
std::string masked(const std::string& address) {
  const auto at = address.rfind('@');
  if (at == std::string::npos || at == 0) return "***";
  return address.substr(0, 1) + "***" + address.substr(at);
}

}  // namespace

Response assistance(Call& c) {
  const Form& q = *c.query;
  const std::string& identifier = q.value("identifiant");
  const bool searched = !q.raw("identifiant").empty();
  std::optional<accounts::Account> found;
  if (searched && !q.has_error("identifiant"))
    found = accounts::find_family_account(c.ctx.db, scope(c), identifier);
  const bool missing = searched && !found;
  Page p{missing ? 404 : 200, "Assistance aux familles", "etablissement/assistance.tpl", true, "ASSISTANCE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIANT_VALUE", q.raw("identifiant"));
    if (missing) d.ShowSection("NOT_FOUND");
    if (q.value("modifie") == "deverrouille" && found && !found->locked_until) d.ShowSection("UNLOCKED_NOTICE");
    if (!found) return;
    const accounts::Account& a = *found;
    auto* acc = d.AddSectionDictionary("ACCOUNT");
    acc->SetIntValue("ID", static_cast<long>(a.id));
    acc->SetValue("IDENTIFIER", a.identifier);
    acc->SetValue("NAME", a.display_name);
    acc->SetValue("KIND", a.is_responsable() ? "Responsable" : "Élève");
    acc->SetValue("STATE", state_label(a.state));
    acc->SetValue("EMAIL", a.email.empty() ? "aucune" : masked(a.email));
    if (a.locked_until) {
      acc->ShowSection("LOCKED");
      acc->SetValue("UNTIL", french_time(a.locked_until));
    } else {
      acc->ShowSection("NOT_LOCKED");
    }
  });
}

Response unlock_family(Call& c) {
  Form form(c.req, {{"id", 10, valid::record_id}});
  const unsigned id = form.record_id("id");
  Db& db = c.ctx.db;
  const accounts::Account& me = c.account();
  Transaction tx(db);
  auto a = id ? accounts::lock_family_account(db, scope(c), id) : std::nullopt;
  if (!a) return not_found(c);
  security::unlock(db, a->id);
  security::audit(db, me.id, me.identifier, "helpdesk_unlock", a->identifier, c.req.remote_addr);
  tx.commit();
  return Response::redirect("/etablissement/assistance?identifiant=" + a->identifier + "&modifie=deverrouille");
}

}  // namespace ts::etablissement
