// Flow "portail": the public pages. GET / is the portal entry of the guide
// (type of school, then profile: "Élève ou parent d'élève" leads to
// /connexion, the staff profiles to /personnel); /personnel, /aide,
// /mentions-legales and /contact are static pages. Nothing is posted here.
// A signed-in visitor keeps the account header (and the services menu once
// the account is fully open) on these pages too.
#include <optional>

#include "app.h"
#include "render.h"
#include "session.h"

namespace ts {
namespace {

struct StaticPage {
  const char* path;
  const char* title;
  const char* body_template;
};

constexpr StaticPage kStaticPages[] = {
    {"/personnel", "Espace des personnels", "personnel.tpl"},
    {"/aide", "Aide", "aide.tpl"},
    {"/mentions-legales", "Mentions légales", "mentions_legales.tpl"},
    {"/contact", "Contact", "contact.tpl"},
};

// Step 1 of the portal: the type of school ("Agricole" / "Education Nationale").
std::string type_etablissement(const std::string& in, std::string&) {
  return in == "agricole" || in == "education-nationale" ? "" : "Type d'établissement inconnu.";
}

Response portail(const Request& req, Context& ctx, const SessionInfo* session) {
  Form query(req, {{"type", 32, type_etablissement}});
  // An unknown value is not worth an error page: the default choice stays checked.
  bool chosen = !query.raw("type").empty() && query.ok();
  bool agricole = chosen && query.value("type") == "agricole";
  Page p{200, "Accueil", "portail.tpl", true};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    d.ShowSection(agricole ? "TYPE_AGRICOLE" : "TYPE_EDUCATION_NATIONALE");
    if (chosen) d.ShowSection("TYPE_CHOSEN");
  }, session);
}

Response handle(const Request& req, Context& ctx) {
  const StaticPage* page = nullptr;
  for (const auto& s : kStaticPages)
    if (req.path == s.path) page = &s;
  if (!page && req.path != "/")
    return not_found(ctx, req);
  if (req.method != "GET") {
    Response res = message_page(ctx, req, 405, "Requête non valide",
                                "Cette méthode n'est pas acceptée pour cette adresse.");
    res.headers.emplace_back("Allow", "GET, HEAD");
    return res;
  }

  auto session = load_session(ctx, req);
  const SessionInfo* s = session ? &*session : nullptr;
  if (!page) return portail(req, ctx, s);

  Form query(req, {});  // static pages take no parameters: anything else is a 400
  Page p{200, page->title, page->body_template, true};
  return render(ctx, req, p, nullptr, s);
}

}  // namespace
}  // namespace ts

int main(int argc, char** argv) { return ts::run_handler(argc, argv, "portail", ts::handle); }
