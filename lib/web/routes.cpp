#include "routes.h"

#include <algorithm>
#include <sstream>

#include "security/lockout.h"
#include "session.h"
#include "views.h"

namespace ts::web {
namespace {

const char* kGenericWrongMethod = "Cette méthode n'est pas acceptée pour cette adresse.";

const char* gate_name(Gate g) {
  switch (g) {
    case Gate::anyone: return "anyone";
    case Gate::visitor: return "visitor";
    case Gate::entry: return "entry";
    case Gate::first_connection: return "first_connection";
    case Gate::signed_in: return "signed_in";
    case Gate::full: return "full";
    case Gate::responsable: return "responsable";
    case Gate::renew: return "renew";
    case Gate::staff_entry: return "staff_entry";
    case Gate::staff_factor: return "staff_factor";
    case Gate::staff: return "staff";
  }
  return "?";
}

bool staff_stage(const std::string& stage) {
  return stage == accounts::stage::staff_factor || stage == accounts::stage::staff;
}

// The staff gates (docs/STAFF.md): a family session or none goes to the
// staff sign-in; a staff page a role does not allow is a 403 in French.
std::optional<Response> staff_gate_refusal(const Route& route, Call& c) {
  namespace stage = accounts::stage;
  const auto* s = c.session;
  if (route.gate == Gate::staff_entry) {
    if (s && staff_stage(s->stage)) return Response::redirect(stage_home(s->stage));
    return std::nullopt;
  }
  if (!s || !staff_stage(s->stage)) return Response::redirect("/personnel");
  if (route.gate == Gate::staff_factor) {
    if (s->stage != stage::staff_factor) return Response::redirect(stage_home(s->stage));
    return std::nullopt;
  }
  if (s->stage != stage::staff) return Response::redirect(stage_home(s->stage));
  if (route.needs_permission && !staff::allows(staff::roles_from(s->account.staff_roles), route.permission))
    return message_page(c, 403, "Accès refusé",
                        "Votre profil ne donne pas accès à cette page. Si vous en avez besoin, adressez-vous au chef "
                        "d'établissement.",
                        "/etablissement", "Retour à l'accueil de l'établissement", "ETABLISSEMENT");
  return std::nullopt;
}

// Where a request that does not pass the gate goes; nullopt when it passes.
std::optional<Response> gate_refusal(const Route& route, Call& c) {
  namespace stage = accounts::stage;
  const auto* s = c.session;
  switch (route.gate) {
    case Gate::anyone:
    case Gate::visitor:
      return std::nullopt;
    case Gate::staff_entry:
    case Gate::staff_factor:
    case Gate::staff:
      return staff_gate_refusal(route, c);
    case Gate::entry:
      // A staff session may sign in as a family here: that ends it (one
      // session per browser, accounts::start_session).
      if (s && !staff_stage(s->stage)) return Response::redirect(stage_home(s->stage));
      return std::nullopt;
    case Gate::first_connection:
      if (!s) return Response::redirect("/connexion");
      // (a staff session's stage is not first_connection: it goes to its home)
      if (s->stage != stage::first_connection) return Response::redirect(stage_home(s->stage));
      return std::nullopt;
    case Gate::renew:
      if (!s) return Response::redirect("/connexion");
      if (s->stage != stage::renew) return Response::redirect(stage_home(s->stage));
      return std::nullopt;
    default:
      break;
  }
  if (!s) return Response::redirect("/connexion");
  if (s->stage == stage::first_connection || s->stage == stage::renew || staff_stage(s->stage))
    return Response::redirect(stage_home(s->stage));
  if (route.gate == Gate::signed_in) return std::nullopt;
  if (s->stage != stage::full) return Response::redirect(stage_home(s->stage));
  if (route.gate == Gate::responsable && !s->account.is_responsable())
    return message_page(c, 403, route.refusal_title, route.refusal_message, "/compte", "Retour à mon compte", "COMPTE");
  return std::nullopt;
}

// The gates, a GET's fields, a POST's CSRF token and a proof's limits, then the page.
Response serve_route(const Route& route, Call& c, unsigned method) {
  const Request& req = c.req;
  Context& ctx = c.ctx;
  if (auto refused = gate_refusal(route, c)) return *refused;

  if (method == kGet) {
    if (req.head && route.acts_on_get) return Response{};  // a link checker: nothing is spent
    Form query(req, route.query_fields);  // a GET reads its declared fields (others ignored)
    c.query = &query;
    return route.page(c);
  }
  // Every POST: one CSRF token, valid for this browser.
  const std::string* token = nullptr;
  for (const auto& [name, value] : req.params) {
    if (name != kCsrfField) continue;
    if (token) throw HttpError(400, "Le formulaire contient un champ en double.");
    token = &value;
  }
  if (!token || !csrf_valid(ctx, req, *token))
    return form_expired(c, route.form_page_of ? route.form_page_of(req)
                           : route.form_page.empty() ? route.path
                                                      : route.form_page);
  if (route.checks != Secret::none) {
    // Before any secret is checked (and before the page's own queries).
    if (security::client_blocked(ctx.db, ctx.cfg, req.remote_addr)) return too_many_attempts_page(c);
    if (route.checks == Secret::own && c.session && c.session->account.locked_until)
      return locked_page(c, c.session->account.locked_until);
  }
  return route.page(c);
}

}  // namespace

const char* stage_home(const std::string& stage) {
  if (stage == accounts::stage::first_connection) return "/premiere-connexion";
  if (stage == accounts::stage::pending) return "/compte-en-attente";
  if (stage == accounts::stage::renew) return "/connexion/nouveau-mot-de-passe";
  if (stage == accounts::stage::staff_factor) return "/personnel/code";
  if (stage == accounts::stage::staff) return "/etablissement";
  return "/services";
}

std::string allow_header(unsigned methods) {
  std::string out;
  if (methods & kGet) out = "GET, HEAD";
  if (methods & kPost) out += out.empty() ? "POST" : ", POST";
  return out;
}

unsigned allowed_methods(const Routes& routes, const std::string& path) {
  unsigned allowed = 0;
  for (const Route* r : routes_for(routes, path)) allowed |= r->methods;
  return allowed;
}

std::vector<const Route*> routes_for(const Routes& routes, const std::string& path) {
  std::vector<const Route*> exact, prefix;
  size_t longest = 0;
  for (const auto& r : routes) {
    if (!r.is_prefix) {
      if (r.path == path) exact.push_back(&r);
    } else if (path.compare(0, r.path.size(), r.path) == 0 && r.path.size() >= longest) {
      if (r.path.size() > longest) prefix.clear();
      longest = r.path.size();
      prefix.push_back(&r);
    }
  }
  return exact.empty() ? prefix : exact;
}

Response route_request(const Request& req, Context& ctx, const Routes& routes) {
  Call c{req, ctx};
  const auto candidates = routes_for(routes, req.path);
  if (candidates.empty()) return not_found(c);
  const unsigned method = req.method == "POST" ? kPost : kGet;
  const Route* route = nullptr;
  unsigned allowed = 0;
  for (const Route* r : candidates) {
    allowed |= r->methods;
    if (!route && (r->methods & method)) route = r;
  }
  if (!route) {
    for (const Route* r : candidates) {
      // A form address opened with GET (a reload, a bookmark): the form's page.
      if (method == kGet && !r->get_goes_to.empty()) return Response::redirect(r->get_goes_to);
    }
    const Route* first = candidates.front();
    Response res = message_page(c, 405, "Méthode non acceptée",
                                first->wrong_method.empty() ? kGenericWrongMethod : first->wrong_method);
    res.headers.emplace_back("Allow", allow_header(allowed));
    return res;
  }

  std::optional<accounts::Session> session;
  if (route->gate != Gate::anyone) {
    session = load_session(ctx, req);
    if (session) c.session = &*session;
  }
  Response res = serve_route(*route, c, method);
  // A session replaced at a stage change, still carried by the twin of the
  // request that replaced it: this answer gives it a fresh id for good.
  if (session) adopt_replaced_session(ctx, *session, res);
  return res;
}

std::string describe(const Routes& routes) {
  std::ostringstream out;
  for (const auto& r : routes) {
    std::string fields;
    for (const auto& f : r.query_fields) fields += (fields.empty() ? "" : ",") + std::string(f.name);
    out << r.path << '\t' << (r.is_prefix ? "prefix" : "exact") << '\t' << allow_header(r.methods) << '\t'
        << gate_name(r.gate) << '\t' << (r.checks == Secret::own ? "own" : r.checks == Secret::other ? "other" : "-")
        << '\t' << (fields.empty() ? "-" : fields) << '\t'
        << (r.needs_permission ? staff::permission_name(r.permission) : "-") << '\n';
  }
  return out.str();
}

// issue 13 — import
size_t max_body_for(const Routes& routes, const std::string& path, bool& multipart) {
  size_t cap = kMaxBody;
  multipart = false;
  for (const Route* r : routes_for(routes, path))
    if (r->body_cap > kMaxBody) {
      cap = std::max(cap, r->body_cap);
      multipart = true;
    }
  return cap;
}

}  // namespace ts::web
