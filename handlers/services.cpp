// Flow "services": the services home (GET /services) once signed in: the
// account's name and its children. The service pages (vie scolaire, notes…)
// come in later flows.
#include "accounts.h"
#include "app.h"
#include "render.h"
#include "session.h"

namespace ts {
namespace {

Response handle(const Request& req, Context& ctx) {
  if (req.method != "GET") throw HttpError(405, "Cette adresse ne reçoit pas de formulaire.");
  auto s = load_session(ctx, req);
  if (!s) return Response::redirect("/connexion");
  if (s->stage == "first_connection") return Response::redirect("/premiere-connexion");
  if (s->stage == "pending") return Response::redirect("/compte-en-attente");
  if (req.path != "/services")
    return message_page(ctx, req, 404, "Service bientôt disponible",
                        "Ce service n'est pas encore ouvert sur Scolarité services.", "/services",
                        "Retour à l'accueil des services");
  Form none(req, {});
  auto a = find_account(ctx.db, s->identifier);
  if (!a) return Response::redirect("/connexion");
  auto children = children_of(ctx.db, *a);
  Page p{200, "Accueil des services", "services.tpl", true, "ACCUEIL"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("NAME", a->display_name);
    d.SetValue("IDENTIFIER", a->identifier);
    d.ShowSection(a->is_responsable() ? "RESPONSABLE" : "ELEVE");
    fill_children(d, children);
    // A pupil without a confirmed address cannot recover the account alone.
    if (!a->is_responsable() && a->email.empty()) {
      d.ShowSection(a->pending_email.empty() ? "NO_EMAIL" : "EMAIL_PENDING");
      d.SetValue("PENDING_EMAIL", a->pending_email);
    }
  }, &*s);
}

}  // namespace
}  // namespace ts

int main(int argc, char** argv) { return ts::run_handler(argc, argv, "services", ts::handle); }
