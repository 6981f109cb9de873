// Flow "services": the services home (GET /services) once signed in: the
// account's name and its children. The service pages (vie scolaire, notes…)
// come in later flows; until then /services/… answers "bientôt disponible".
#include "accounts/family.h"
#include "web/render.h"
#include "web/routes.h"
#include "web/views.h"

namespace ts::services {
namespace {
using namespace ts::web;

Response home(Call& c) {
  const accounts::Account& a = c.account();
  auto children = accounts::children_of(c.ctx.db, a);
  Page p{200, "Accueil des services", "services/services.tpl", true, "ACCUEIL"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("NAME", a.display_name);
    d.SetValue("IDENTIFIER", a.identifier);
    d.ShowSection(a.is_responsable() ? "RESPONSABLE" : "ELEVE");
    fill_children(d, children);
    // A pupil without a confirmed address cannot recover the account alone.
    if (!a.is_responsable() && a.email.empty()) {
      d.ShowSection(a.pending_email.empty() ? "NO_EMAIL" : "EMAIL_PENDING");
      d.SetValue("PENDING_EMAIL", a.pending_email);
    }
  });
}

Response coming_soon(Call& c) {
  return message_page(c, 404, "Service bientôt disponible", "Ce service n'est pas encore ouvert sur Scolarité services.",
                      "/services", "Retour à l'accueil des services");
}

const char* kNoForm = "Cette adresse ne reçoit pas de formulaire.";

const Routes kRoutes = {
    get("/services", Gate::full, home).method_message(kNoForm),
    get("/services/", Gate::full, coming_soon).prefix().method_message(kNoForm),
};

}  // namespace
}  // namespace ts::services

TS_FLOW_MAIN("services", ts::services::kRoutes)
