// Flow "portail": the public pages. GET / is the portal entry of the guide
// (type of school, then profile: "Élève ou parent d'élève" leads to
// /connexion, the staff profiles to /personnel, flow "personnel"); /aide,
// /mentions-legales and /contact are static pages. Nothing is posted here.
// A signed-in visitor keeps the account header (and the services menu once
// the account is fully open) on these pages too.
#include "web/render.h"
#include "web/routes.h"

namespace ts::portail {
namespace {
using namespace ts::web;

// Step 1 of the portal: the type of school ("Agricole" / "Education Nationale").
std::string type_etablissement(const std::string& in, std::string&) {
  return in == "agricole" || in == "education-nationale" ? "" : "Type d'établissement inconnu.";
}

Response portail(Call& c) {
  // An unknown value is not worth an error page: the default choice stays checked.
  const Form& query = *c.query;
  bool chosen = !query.raw("type").empty() && query.ok();
  bool agricole = chosen && query.value("type") == "agricole";
  Page p{200, "Accueil", "portail/portail.tpl", true};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.ShowSection(agricole ? "TYPE_AGRICOLE" : "TYPE_EDUCATION_NATIONALE");
    if (chosen) d.ShowSection("TYPE_CHOSEN");
  });
}

template <const char* Title, const char* Template>
Response static_page(Call& c) {
  return render(c, Page{200, Title, Template, true}, nullptr);
}

constexpr char kAide[] = "Aide", kAideTpl[] = "portail/aide.tpl";
constexpr char kMentions[] = "Mentions légales", kMentionsTpl[] = "portail/mentions_legales.tpl";
constexpr char kContact[] = "Contact", kContactTpl[] = "portail/contact.tpl";

const Routes kRoutes = {
    get("/", Gate::visitor, portail).query({{"type", 32, type_etablissement}}),
    get("/aide", Gate::visitor, static_page<kAide, kAideTpl>),
    get("/mentions-legales", Gate::visitor, static_page<kMentions, kMentionsTpl>),
    get("/contact", Gate::visitor, static_page<kContact, kContactTpl>),
};

}  // namespace
}  // namespace ts::portail

TS_FLOW_MAIN("portail", ts::portail::kRoutes)
