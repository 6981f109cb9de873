// The route gates of every flow (lib/web/routes.h), through ts::web::dispatch:
// 404 for an unknown path; 405 with Allow for a wrong method, or a redirect
// to the form's page for a GET of a POST-only form address; 400 for a GET
// with an undeclared field; 403 "Formulaire expiré" for a POST without the
// right CSRF token; the session stages' redirects; 403 for a pupil account
// on a responsable page. The generic cases walk every route of every flow
// of flows.txt; the named ones spell out the rules of the spec.
#include <algorithm>
#include <set>

#include "../support/test_data.h"
#include "client.h"
#include "core/crypto.h"
#include "security/ratelimit.h"
#include "web/session.h"

using flows::call;
using flows::cast;
using flows::get;
using flows::Req;
using flows::Res;
using ts::web::Gate;

namespace {

// One address of a route table: its routes and the methods they take
// together; `probe` is a path the address serves (a prefix gets a tail).
struct Address {
  std::string flow, path, probe;
  unsigned methods = 0;
  std::vector<const ts::web::Route*> routes;
  const ts::web::Route* route_for(unsigned method) const {
    for (auto* r : routes)
      if (r->methods & method) return r;
    return nullptr;
  }
};

std::vector<Address> addresses() {
  std::vector<Address> out;
  for (const auto& flow : flows::flow_names()) {
    const ts::web::Routes* routes = ts::web::flow_routes(flow);
    if (!routes) continue;  // reported by every_flow_has_a_route_table
    for (const auto& r : *routes) {
      std::string probe = r.is_prefix ? r.path + "bientot" : r.path;
      auto it = std::find_if(out.begin(), out.end(), [&](const Address& a) { return a.flow == flow && a.probe == probe; });
      if (it == out.end()) {
        out.push_back({flow, r.path, probe});
        it = out.end() - 1;
      }
      it->methods |= r.methods;
      it->routes.push_back(&r);
    }
  }
  return out;
}

// A session cookie that passes the gate (empty for anyone and visitor).
std::string passing(Gate g) {
  switch (g) {
    case Gate::anyone:
    case Gate::visitor:
    case Gate::entry: return "";
    case Gate::first_connection: return cast().letter_session;
    case Gate::signed_in: return cast().pending_session;
    case Gate::full:
    case Gate::responsable: return cast().responsable_session;
    case Gate::renew: return cast().renew_session;
    case Gate::staff_entry: return "";
    case Gate::staff_factor: return cast().staff_factor_session;
    case Gate::staff: return cast().direction_session;  // direction: every permission
  }
  return "";
}

Req request(const Address& a, const char* method, const std::string& session = "") {
  Req r;
  r.flow = a.flow;
  r.method = method;
  r.path = a.probe;
  if (!session.empty()) r.cookies[ts::web::kSessionCookie] = session;
  return r;
}

bool is_form_expired(const Res& res) { return res.status() == 403 && res.has("Formulaire expiré"); }

}  // namespace

BOOST_AUTO_TEST_SUITE(route_gates)

BOOST_AUTO_TEST_CASE(every_flow_has_a_route_table) {
  auto names = flows::flow_names();
  BOOST_TEST(names.size() >= 9u);
  for (const auto& flow : names) {
    BOOST_TEST_CONTEXT("flow " << flow) {
      const ts::web::Routes* routes = ts::web::flow_routes(flow);
      BOOST_TEST(routes != nullptr);
      if (routes) BOOST_TEST(!routes->empty());
    }
  }
  BOOST_TEST(ts::web::flow_routes("no_such_flow") == nullptr);
}

BOOST_AUTO_TEST_CASE(an_unknown_path_is_404_in_every_flow) {
  for (const auto& flow : flows::flow_names()) {
    BOOST_TEST_CONTEXT("flow " << flow) {
      for (const char* method : {"GET", "HEAD", "POST"}) {
        Req r;
        r.flow = flow;
        r.method = method;
        r.path = "/introuvable-" + flow;
        Res res = call(r);
        BOOST_TEST(res.status() == 404, method);
        BOOST_TEST(res.has("Page introuvable"), method);
        BOOST_TEST(res.head == (std::string(method) == "HEAD"));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_wrong_method_is_405_with_allow_or_goes_to_the_forms_page) {
  int checked = 0;
  for (const auto& a : addresses()) {
    BOOST_TEST_CONTEXT(a.flow << " " << a.probe) {
      if (!(a.methods & ts::web::kPost)) {
        Res res = call(request(a, "POST"));  // no session, no token: the method is refused first
        BOOST_TEST(res.status() == 405);
        BOOST_TEST(res.header("Allow") == "GET, HEAD");
        ++checked;
      }
      if (!(a.methods & ts::web::kGet)) {
        std::string goes_to;
        for (auto* r : a.routes)
          if (!r->get_goes_to.empty()) goes_to = r->get_goes_to;
        for (const char* method : {"GET", "HEAD"}) {
          Res res = call(request(a, method));
          if (!goes_to.empty()) {
            BOOST_TEST(res.status() == 303, method);
            BOOST_TEST(res.location() == goes_to, method);
          } else {
            BOOST_TEST(res.status() == 405, method);
            BOOST_TEST(res.header("Allow") == "POST", method);
          }
        }
        ++checked;
      }
    }
  }
  BOOST_TEST(checked >= 10);
}

BOOST_AUTO_TEST_CASE(gated_addresses_send_visitors_to_the_right_stage) {
  const auto& c = cast();
  int checked = 0;
  for (const auto& a : addresses()) {
    for (unsigned method : {unsigned(ts::web::kGet), unsigned(ts::web::kPost)}) {
      const ts::web::Route* r = a.route_for(method);
      if (!r || r->gate == Gate::anyone || r->gate == Gate::visitor) continue;
      const char* m = method == ts::web::kGet ? "GET" : "POST";
      BOOST_TEST_CONTEXT(m << " " << a.probe << " (" << a.flow << ")") {
        ++checked;
        if (r->gate == Gate::entry) {
          // A public entry page: open without a session; a session at any
          // stage goes where it belongs instead of a form it can only fail at.
          BOOST_TEST(call(request(a, m)).status() == 200);
          BOOST_TEST(call(request(a, m, c.letter_session)).location() == "/premiere-connexion");
          BOOST_TEST(call(request(a, m, c.pending_session)).location() == "/compte-en-attente");
          BOOST_TEST(call(request(a, m, c.responsable_session)).location() == "/services");
          BOOST_TEST(call(request(a, m, c.pupil_session)).location() == "/services");
          BOOST_TEST(call(request(a, m, c.renew_session)).location() == "/connexion/nouveau-mot-de-passe");
          // A staff session may sign in as a family here (which ends it).
          BOOST_TEST(call(request(a, m, c.direction_session)).status() == 200);
          continue;
        }
        if (r->gate == Gate::staff_entry) {
          // The staff sign-in: a staff session goes to its stage's home; a
          // family one sees the form (signing in ends it).
          BOOST_TEST(call(request(a, m)).status() == 200);
          BOOST_TEST(call(request(a, m, c.responsable_session)).status() == 200);
          BOOST_TEST(call(request(a, m, c.staff_factor_session)).location() == "/personnel/code");
          BOOST_TEST(call(request(a, m, c.direction_session)).location() == "/etablissement");
          continue;
        }
        if (r->gate == Gate::staff_factor || r->gate == Gate::staff) {
          // Staff pages: no session, or a family one, goes to the staff sign-in.
          BOOST_TEST(call(request(a, m)).location() == "/personnel");
          BOOST_TEST(call(request(a, m, ts::crypto::new_token(256))).location() == "/personnel");
          BOOST_TEST(call(request(a, m, c.responsable_session)).location() == "/personnel");
          BOOST_TEST(call(request(a, m, c.letter_session)).location() == "/personnel");
          if (r->gate == Gate::staff_factor)
            BOOST_TEST(call(request(a, m, c.direction_session)).location() == "/etablissement");
          else
            BOOST_TEST(call(request(a, m, c.staff_factor_session)).location() == "/personnel/code");
          continue;
        }
        // Gates come before the CSRF check: no token needed to be sent away.
        Res none = call(request(a, m));
        BOOST_TEST(none.status() == 303);
        BOOST_TEST(none.location() == "/connexion");
        Res unknown = call(request(a, m, ts::crypto::new_token(256)));
        BOOST_TEST(unknown.location() == "/connexion");
        if (r->gate == Gate::renew) {
          // issue 13 — aide: the renewal page is for a renew session only.
          BOOST_TEST(call(request(a, m, c.letter_session)).location() == "/premiere-connexion");
          BOOST_TEST(call(request(a, m, c.responsable_session)).location() == "/services");
          BOOST_TEST(call(request(a, m, c.pending_session)).location() == "/compte-en-attente");
          BOOST_TEST(call(request(a, m, c.direction_session)).location() == "/etablissement");
          continue;
        }
        if (r->gate == Gate::first_connection) {
          BOOST_TEST(call(request(a, m, c.renew_session)).location() == "/connexion/nouveau-mot-de-passe");
          // A session past the letter goes where it belongs (the browser's
          // Back button after the first connection is no dead end).
          BOOST_TEST(call(request(a, m, c.responsable_session)).location() == "/services");
          BOOST_TEST(call(request(a, m, c.pending_session)).location() == "/compte-en-attente");
          BOOST_TEST(call(request(a, m, c.direction_session)).location() == "/etablissement");
          continue;
        }
        BOOST_TEST(call(request(a, m, c.letter_session)).location() == "/premiere-connexion");
        // issue 13 — aide: a session whose new password is demanded goes to the renewal page.
        BOOST_TEST(call(request(a, m, c.renew_session)).location() == "/connexion/nouveau-mot-de-passe");
        // A staff session on a family page goes to its own home.
        BOOST_TEST(call(request(a, m, c.direction_session)).location() == "/etablissement");
        BOOST_TEST(call(request(a, m, c.staff_factor_session)).location() == "/personnel/code");
        if (r->gate == Gate::signed_in) continue;
        BOOST_TEST(call(request(a, m, c.pending_session)).location() == "/compte-en-attente");
        if (r->gate != Gate::responsable) continue;
        Res pupil = call(request(a, m, c.pupil_session));
        BOOST_TEST(pupil.status() == 403);
        BOOST_TEST(!r->refusal_title.empty());
        BOOST_TEST(pupil.has(r->refusal_title));
        BOOST_TEST(pupil.has("href=\"/compte\""));
      }
    }
  }
  BOOST_TEST(checked >= 15);
}

BOOST_AUTO_TEST_CASE(a_get_ignores_undeclared_fields) {
  // Links gain parameters on their way (utm_*, fbclid from newsletters, social
  // networks, mail gateways): a GET answers as without them.
  int checked = 0;
  for (const auto& a : addresses()) {
    const ts::web::Route* r = a.route_for(ts::web::kGet);
    if (!r) continue;
    BOOST_TEST_CONTEXT("GET " << a.probe << " (" << a.flow << ")") {
      Req req = request(a, "GET", passing(r->gate));
      Res plain = call(req);
      for (const char* extra : {"champ_inconnu=1", "utm_source=ent&utm_medium=mail&fbclid=IwAR0x", "csrf_token=x"}) {
        req.query = extra;
        Res res = call(req);
        BOOST_TEST(res.status() == plain.status(), extra);
        BOOST_TEST(res.location() == plain.location(), extra);
      }
      // A declared field twice is refused too.
      if (!r->query_fields.empty()) {
        std::string f = r->query_fields.front().name;
        req.query = f + "=1&" + f + "=2";
        BOOST_TEST(call(req).status() == 400);
      }
      ++checked;
    }
  }
  BOOST_TEST(checked >= 15);
}

BOOST_AUTO_TEST_CASE(a_post_without_the_right_csrf_token_is_403_form_expired) {
  int checked = 0;
  std::string other_cookie = ts::crypto::new_token(256);
  for (const auto& a : addresses()) {
    const ts::web::Route* r = a.route_for(ts::web::kPost);
    if (!r) continue;
    BOOST_TEST_CONTEXT("POST " << a.probe << " (" << a.flow << ")") {
      ++checked;
      std::string session = passing(r->gate);
      Req req = request(a, "POST", session);
      if (session.empty()) req.cookies[ts::web::kPreCookie] = ts::crypto::new_token(256);
      Res missing = call(req);
      BOOST_TEST(is_form_expired(missing));
      if (!r->form_page_of) {
        std::string back = r->form_page.empty() ? r->path : r->form_page;
        BOOST_TEST(missing.has("href=\"" + back + "\""), "links back to " << back);
      }
      req.form = {{"csrf_token", "pas-le-bon-jeton"}};
      BOOST_TEST(is_form_expired(call(req)));
      req.form = {{"csrf_token", ""}};
      BOOST_TEST(is_form_expired(call(req)));
      // A token of another browser (another cookie) does not do either.
      req.form = {{"csrf_token", flows::csrf_for({{ts::web::kSessionCookie, other_cookie}})}};
      BOOST_TEST(is_form_expired(call(req)));
      // The token in the address does not count: a POST reads its body only.
      Req in_query = request(a, "POST", session);
      in_query.cookies = req.cookies;
      in_query.query = "csrf_token=" + flows::urlencode(flows::csrf_for(req.cookies));
      BOOST_TEST(is_form_expired(call(in_query)));
      // Twice the right token: refused as malformed.
      std::string good = flows::csrf_for(req.cookies);
      req.form = {{"csrf_token", good}, {"csrf_token", good}};
      BOOST_TEST(call(req).status() == 400);
    }
  }
  BOOST_TEST(checked >= 10);
}

// ------------------------------------------------------- the named rules

BOOST_AUTO_TEST_CASE(form_addresses_opened_with_get_go_to_their_page) {
  const auto& c = cast();
  for (auto [path, page] : std::vector<std::pair<std::string, std::string>>{
           {"/compte/mot-de-passe", "/compte"},
           {"/compte/adresse", "/compte"},
           {"/compte/regroupement/confirmer", "/compte/regroupement"},
           {"/compte/regroupement/enfant", "/compte/regroupement"}}) {
    BOOST_TEST_CONTEXT(path) {
      Res res = get(path, c.responsable_session);
      BOOST_TEST(res.status() == 303);
      BOOST_TEST(res.location() == page);
      BOOST_TEST(get(path).location() == page);  // before any gate
    }
  }
}

BOOST_AUTO_TEST_CASE(named_wrong_methods) {
  Res logout = get("/deconnexion");
  BOOST_TEST(logout.status() == 405);
  BOOST_TEST(logout.header("Allow") == "POST");
  BOOST_TEST(logout.has("Se déconnecter"));  // the route's own message
  for (const char* path : {"/services", "/services/notes", "/compte/enfants", "/validerAdresseMail", "/",
                           "/validerNouvelleAdresse", "/dev/courriels"}) {
    BOOST_TEST_CONTEXT(path) {
      Req r;
      r.method = "POST";
      r.path = path;
      Res res = call(r);
      BOOST_TEST(res.status() == 405);
      BOOST_TEST(res.header("Allow") == "GET, HEAD");
    }
  }
  Req both;
  both.method = "POST";
  both.path = "/compte";  // GET only, POSTs go to /compte/mot-de-passe and /compte/adresse
  BOOST_TEST(call(both).header("Allow") == "GET, HEAD");
}

BOOST_AUTO_TEST_CASE(named_stage_redirects) {
  const auto& c = cast();
  BOOST_TEST(get("/services").location() == "/connexion");
  BOOST_TEST(get("/compte").location() == "/connexion");
  BOOST_TEST(get("/compte/regroupement").location() == "/connexion");
  BOOST_TEST(get("/premiere-connexion").location() == "/connexion");
  BOOST_TEST(get("/compte-en-attente").location() == "/connexion");
  BOOST_TEST(get("/services", c.letter_session).location() == "/premiere-connexion");
  BOOST_TEST(get("/compte/fiche", c.letter_session).location() == "/premiere-connexion");
  BOOST_TEST(get("/compte-en-attente", c.letter_session).location() == "/premiere-connexion");
  BOOST_TEST(get("/services", c.pending_session).location() == "/compte-en-attente");
  BOOST_TEST(get("/compte", c.pending_session).location() == "/compte-en-attente");
  BOOST_TEST(get("/compte/regroupement", c.pending_session).location() == "/compte-en-attente");
  BOOST_TEST(get("/premiere-connexion", c.responsable_session).location() == "/services");
  BOOST_TEST(get("/premiere-connexion", c.pending_session).location() == "/compte-en-attente");
  BOOST_TEST(get("/connexion", c.pending_session).location() == "/compte-en-attente");
  BOOST_TEST(get("/mot-de-passe-oublie", c.letter_session).location() == "/premiere-connexion");
  // Where each stage may go.
  BOOST_TEST(get("/premiere-connexion", c.letter_session).status() == 200);
  BOOST_TEST(get("/compte-en-attente", c.pending_session).status() == 200);
  BOOST_TEST(get("/services", c.responsable_session).status() == 200);
  BOOST_TEST(get("/compte", c.pupil_session).status() == 200);
}

BOOST_AUTO_TEST_CASE(a_pupil_account_is_refused_the_responsable_pages) {
  const auto& c = cast();
  for (const char* path : {"/compte/regroupement", "/compte/fiche"}) {
    BOOST_TEST_CONTEXT(path) {
      Res res = get(path, c.pupil_session);
      BOOST_TEST(res.status() == 403);
      BOOST_TEST(res.has("réservé"));
      BOOST_TEST(get(path, c.responsable_session).status() == 200);
    }
  }
  // A pupil's POST is refused before its token is even looked at.
  Res post = flows::post("/compte/regroupement", {{"identifiant", "x"}, {"mot_de_passe", "y"}}, c.pupil_session);
  BOOST_TEST(post.status() == 403);
  BOOST_TEST(!post.has("Formulaire expiré"));
}

BOOST_AUTO_TEST_CASE(named_undeclared_fields_and_expired_forms) {
  const auto& c = cast();
  BOOST_TEST(get("/services", c.responsable_session, "utm_source=mail").status() == 200);
  BOOST_TEST(get("/connexion", "", "deconnexion=1").status() == 200);  // declared
  BOOST_TEST(get("/connexion", "", "retour=/services").status() == 200);
  BOOST_TEST(get("/validerAdresseMail", "", "code=abc&extra=1").status() == 404);  // a wrong code, whatever follows
  BOOST_TEST(get("/validerAdresseMail", "", "code=abc&code=def").status() == 400);  // a declared field twice
  Req r;
  r.method = "POST";
  r.path = "/compte/mot-de-passe";
  r.cookies[ts::web::kSessionCookie] = c.responsable_session;
  r.form = {{"mot_de_passe_actuel", "x"}};
  Res res = call(r);
  BOOST_TEST(is_form_expired(res));
  BOOST_TEST(res.has("href=\"/compte\""));
  r.path = "/connexion";
  r.cookies.clear();
  BOOST_TEST(is_form_expired(call(r)));
}

BOOST_AUTO_TEST_CASE(a_method_cgi_does_not_serve_is_405) {
  Req r;
  r.method = "PUT";
  r.path = "/connexion";
  Res res = call(r);
  BOOST_TEST(res.status() == 405);
  BOOST_TEST(res.header("Allow") == "GET, HEAD, POST");  // RFC 9110: a 405 lists the methods the address takes
  r.method = "DELETE";
  r.path = "/compte";
  Res compte = call(r);
  BOOST_TEST(compte.status() == 405);
  BOOST_TEST(compte.header("Allow") == "GET, HEAD");
  r.path = "/compte/nulle-part";  // no page there at all
  BOOST_TEST(call(r).status() == 404);
}

BOOST_AUTO_TEST_CASE(signed_in_a_token_of_the_pre_session_cookie_posts_nothing) {
  // A third party that planted a ts_pre cookie knows its token: once the
  // family signs in, that token must not post its forms.
  const auto& c = cast();
  const std::string pre = ts::crypto::new_token(256);
  Req r;
  r.method = "POST";
  r.path = "/compte/adresse";
  r.cookies[ts::web::kSessionCookie] = c.responsable_session;
  std::map<std::string, std::string> planted{{ts::web::kPreCookie, pre}};
  r.form = {{"csrf_token", flows::csrf_for(planted)}};
  r.cookies[ts::web::kPreCookie] = pre;
  BOOST_TEST(is_form_expired(call(r)));
}

BOOST_AUTO_TEST_CASE(a_request_the_parser_refuses_keeps_the_visitors_cookies) {
  // A form sent with invalid UTF-8, or a link from elsewhere carrying it:
  // the 400 must not give the browser a new ts_pre cookie, which would expire
  // every form open in its other tabs.
  const std::string pre = ts::crypto::new_token(256);
  Req post;
  post.method = "POST";
  post.path = "/identifiant-oublie";
  post.cookies[ts::web::kPreCookie] = pre;
  post.form = {{"email", "\xFF"}, {"csrf_token", flows::csrf_for(post.cookies)}};
  Res refused = call(post);
  BOOST_TEST(refused.status() == 400);
  BOOST_TEST(!refused.cookie(ts::web::kPreCookie).has_value());
  BOOST_TEST(refused.has("caractères non valides"));  // the French reason
  Req link;
  link.path = "/connexion";
  link.query = "x=%FF";
  link.cookies[ts::web::kPreCookie] = pre;
  Res linked = call(link);
  BOOST_TEST(linked.status() == 400);
  BOOST_TEST(!linked.cookie(ts::web::kPreCookie).has_value());
  // The same form, well formed, is still accepted with that token.
  post.form = {{"email", "claire@example.org"}, {"csrf_token", flows::csrf_for(post.cookies)}};
  BOOST_TEST(call(post).status() == 200);
}

BOOST_AUTO_TEST_CASE(a_refused_request_shows_the_signed_in_visitor_as_signed_in) {
  // Issue 11, fault 2: the error page of a request the parser refuses (or a
  // page refuses with an HttpError) showed a signed-in family as signed out.
  const auto& c = cast();
  Req bad;
  bad.method = "POST";
  bad.path = "/compte/adresse";
  bad.cookies[ts::web::kSessionCookie] = c.responsable_session;
  bad.form = {{"email", "\xFF"}, {"csrf_token", flows::csrf_for(bad.cookies)}};
  Res refused = call(bad);
  BOOST_TEST(refused.status() == 400);
  BOOST_TEST(refused.has("Se déconnecter"));
  BOOST_TEST(!refused.cookie(ts::web::kSessionCookie).has_value());  // the session cookie is left as it was
  Req link;
  link.path = "/compte";
  link.query = "x=%FF";
  link.cookies[ts::web::kSessionCookie] = c.responsable_session;
  Res linked = call(link);
  BOOST_TEST(linked.status() == 400);
  BOOST_TEST(linked.has("Se déconnecter"));
  // A page's own refusal (404: no such child to attach, issue 11), too.
  Req attach;
  attach.method = "POST";
  attach.path = "/compte/regroupement/enfant";
  attach.cookies[ts::web::kSessionCookie] = c.responsable_session;
  attach.form = {{"eleve", "999999999"}, {"date_naissance", "01/01/2012"}, {"csrf_token", flows::csrf_for(attach.cookies)}};
  Res conflict = call(attach);
  BOOST_TEST(conflict.status() == 404);
  BOOST_TEST(conflict.has("Se déconnecter"));
  // An unknown address, and a page no session is looked up for (an expired
  // link), show the signed-in visitor as signed in too.
  Req unknown;
  unknown.path = "/compte/nexistepas";
  unknown.cookies[ts::web::kSessionCookie] = c.responsable_session;
  Res missing = call(unknown);
  BOOST_TEST(missing.status() == 404);
  BOOST_TEST(missing.has("Se déconnecter"));
  Req link_page;
  link_page.path = "/validerNouvelleAdresse";
  link_page.query = "code=abc";
  link_page.cookies[ts::web::kSessionCookie] = c.responsable_session;
  Res expired_link = call(link_page);
  BOOST_TEST(expired_link.status() >= 400);
  BOOST_TEST(expired_link.has("Se déconnecter"));
  // And a stranger still sees the sign-in link, not someone's menu.
  link.cookies.clear();
  Res anonymous = call(link);
  BOOST_TEST(anonymous.status() == 400);
  BOOST_TEST(!anonymous.has("Se déconnecter"));
}

// The forms that check a secret are declared .proof() (lib/web/routes.h): the
// dispatcher refuses them while the client address is blocked or, for the
// account's own secrets, while it is locked. A form that checks a secret and
// is not declared would escape both (issue 11, fault 1: /premiere-connexion).
BOOST_AUTO_TEST_CASE(every_form_that_checks_a_secret_is_a_proof) {
  const std::map<std::string, ts::web::Secret> expected = {
      {"/connexion", ts::web::Secret::own},
      {"/premiere-connexion", ts::web::Secret::own},
      {"/compte/mot-de-passe", ts::web::Secret::own},
      {"/compte/adresse", ts::web::Secret::own},
      {"/compte-en-attente/adresse", ts::web::Secret::own},
      {"/compte/regroupement/enfant", ts::web::Secret::own},
      {"/compte/regroupement", ts::web::Secret::other},
      {"/personnel", ts::web::Secret::own},       // staff password
      {"/personnel/code", ts::web::Secret::own},  // staff second factor
      {"/etablissement/compte/codes-de-secours", ts::web::Secret::own},  // new recovery codes: the password again
      {"/etablissement/compte/mot-de-passe", ts::web::Secret::own},  // a staff member's current password
  };
  std::map<std::string, ts::web::Secret> declared;
  for (const auto& a : addresses())
    for (const auto* r : a.routes)
      if (r->checks != ts::web::Secret::none) declared[r->path] = r->checks;
  BOOST_TEST(declared == expected);
}

BOOST_AUTO_TEST_CASE(a_proof_is_refused_before_it_runs_while_the_client_is_blocked_or_the_account_locked) {
  const auto& c = cast();
  ts::Db& db = flows::ctx().db;
  Req r;
  r.method = "POST";
  r.path = "/premiere-connexion";
  r.remote = "198.51.100.77";
  r.cookies[ts::web::kSessionCookie] = c.letter_session;
  r.form = {{"date_naissance", "01/01/2000"}, {"csrf_token", flows::csrf_for(r.cookies)}};
  const ts::Config& cfg = flows::ctx().cfg;
  for (int i = 0; i < cfg.login_ip_max_failures; ++i)
    ts::security::rate_record(db, ts::security::failed_logins_per_client(cfg), r.remote);
  Res blocked = call(r);
  BOOST_TEST(blocked.status() == 429);
  BOOST_TEST(blocked.has("Trop de tentatives"));
  BOOST_TEST(blocked.header("Retry-After") == std::to_string(cfg.login_ip_window_minutes * 60));
  db.exec("DELETE FROM rate_event WHERE subject = ?", ts::crypto::sha256(r.remote));
  // Locked: the lock page, and the date is not even read (no failure counted).
  db.exec("UPDATE account SET locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE id = ?", c.letter);
  const long before = tst::sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ?", c.letter);
  Res locked = call(r);
  db.exec("UPDATE account SET locked_until = NULL WHERE id = ?", c.letter);
  BOOST_TEST(locked.status() == 403);
  BOOST_TEST(locked.has("verrouillé"));
  BOOST_TEST(tst::sql_long(db, "SELECT COUNT(*) FROM audit_log WHERE account_id = ?", c.letter) == before);
}

// Over https our cookies carry the "__Host-" prefix (issue 11): a browser
// keeps them only Secure, for Path=/ and without Domain, so no plain-http
// page nor a sibling subdomain can plant one; unprefixed ones are ignored.
BOOST_AUTO_TEST_CASE(over_https_the_cookies_are_host_prefixed_and_only_those_are_read) {
  const auto& c = cast();
  Req first;
  first.path = "/connexion";
  first.https = true;
  Res page = call(first);
  BOOST_TEST(page.status() == 200);
  const std::string wire = ts::web::serialize(page.response, false);
  BOOST_TEST(wire.find("Set-Cookie: __Host-ts_pre=") != std::string::npos, wire);
  BOOST_TEST(wire.find("; Path=/; HttpOnly; SameSite=Lax; Secure") != std::string::npos, wire);
  BOOST_TEST(wire.find("Set-Cookie: ts_pre=") == std::string::npos);
  const std::string pre = page.cookie(ts::web::kPreCookie).value_or("");
  BOOST_REQUIRE(!pre.empty());
  // The form posts with the prefixed cookie; the same value planted without
  // the prefix posts nothing (the form has expired for it).
  Req login;
  login.method = "POST";
  login.path = "/connexion";
  login.https = true;
  login.form = {{"identifiant", "personne"}, {"mot_de_passe", "Faux2024abc"},
                {"csrf_token", flows::csrf_for({{ts::web::kPreCookie, pre}})}};
  login.cookies["__Host-ts_pre"] = pre;
  BOOST_TEST(call(login).status() == 422);
  login.cookies = {{"ts_pre", pre}};
  BOOST_TEST(is_form_expired(call(login)));
  // A session cookie without the prefix is not a session over https.
  Req planted;
  planted.path = "/compte";
  planted.https = true;
  planted.cookies["ts_session"] = c.responsable_session;
  BOOST_TEST(call(planted).location() == "/connexion");
  planted.cookies = {{"__Host-ts_session", c.responsable_session}};
  BOOST_TEST(call(planted).status() == 200);
  // Plain http (the private stack, tests): the plain names, no Secure.
  Req plain;
  plain.path = "/connexion";
  const std::string plain_wire = ts::web::serialize(call(plain).response, false);
  BOOST_TEST(plain_wire.find("Set-Cookie: ts_pre=") != std::string::npos);
  BOOST_TEST(plain_wire.find("Secure") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
