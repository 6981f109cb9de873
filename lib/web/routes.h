// A route table per binary (cgit's cmd.c declares what each page needs and
// checks it once): path, methods, who may come, and the page function. The
// dispatcher answers, once for every page: 404 for an unknown path; 405 with
// Allow for a method the route does not take (or a redirect to the form's
// page for a GET of a form address); the redirects of the session stages;
// 403 for the wrong kind of account; a GET's undeclared fields ignored;
// 403 "Formulaire expiré" for a POST whose CSRF token is missing or wrong;
// for a form that checks a secret (.proof()), 429 while the client address
// has failed too often and the lock page while the signed-in account is locked.
// Pages receive the signed-in account loaded by the session query.
#pragma once
#include <string>
#include <vector>

#include "accounts/sessions.h"
#include "app.h"
#include "staff/permissions.h"
#include "form.h"
#include "http.h"

namespace ts::web {

// Who may come (the session is one query, joined with the account).
enum class Gate {
  anyone,            // no session looked up
  visitor,           // the session, when the request has one, is looked up (header, menu); never required
  entry,             // a public entry page (login, recovery): a signed-in visitor, at any stage, goes where
                     // its session belongs (stage_home) instead of a form it can only fail at
  first_connection,  // a session at stage first_connection; another stage goes to its home; none to /connexion
  signed_in,         // a session past the letter (pending or full): none -> /connexion, letter -> /premiere-connexion
  full,              // a full session: pending -> /compte-en-attente
  responsable,       // a full session of a responsable account; a pupil account gets the route's refusal (403)
  // issue 13 — aide: a session at stage renew (the school demanded a new
  // password, accounts/renewal.h): the renewal page only; another stage goes
  // to its home, none to /connexion. The family gates above send a renew
  // session to its home, as they do a first_connection one.
  renew,
  // The staff side (docs/STAFF.md). Family gates send a staff session to its
  // stage's home, and staff gates a family session to /personnel.
  staff_entry,       // the staff sign-in page: a staff session goes to its stage's home; a family one sees the form
  staff_factor,      // a staff session at stage staff_factor (second factor to give or enrol)
  staff,             // a signed-in staff session (stage staff); with .needs(): a role allowing it, else 403
};

enum Method : unsigned { kGet = 1, kPost = 2 };

// Whose secret a form checks (Route::proof()).
enum class Secret {
  none,
  own,      // the visitor's own account (login, first connection, current password, a child's date of birth)
  other,    // another account's (a merge: the failures count on that account; its own page checks its lock)
};  // HEAD is served as GET without a body

// What a page receives.
struct Call {
  const Request& req;
  Context& ctx;
  const accounts::Session* session = nullptr;  // set by every gate but anyone (visitor: when signed in)
  const Form* query = nullptr;                 // GET: the route's declared query fields, validated
  bool signed_out = false;  // the answer ends the session it came with: its message page shows a stranger
  // The signed-in account (gates first_connection and beyond).
  const accounts::Account& account() const { return session->account; }
};

using PageFn = Response (*)(Call&);

struct Route {
  std::string path;  // exact; with prefix(): every path below it ("/services/")
  unsigned methods = kGet;
  Gate gate = Gate::anyone;
  PageFn page = nullptr;
  std::vector<FieldSpec> query_fields;  // what a GET takes; none declared: any field is a 400
  std::string get_goes_to;              // a POST-only form address: a GET goes to the form's page (303)
  std::string form_page;                // where "Formulaire expiré" links back (default: path)
  std::string (*form_page_of)(const Request&) = nullptr;  // or computed from the request
  std::string refusal_title, refusal_message;  // Gate::responsable: what a pupil account is told
  std::string wrong_method;             // the 405's message (default: a generic one)
  bool is_prefix = false;
  bool acts_on_get = false;             // a mailed link whose GET changes something (see acts())
  Secret checks = Secret::none;         // the form checks a password or a date of birth (see proof())
  bool needs_permission = false;        // Gate::staff: the permission the staff member's roles must allow
  staff::Permission permission{};
  size_t body_cap = kMaxBody;           // issue 13 — import: see max_body()

  Route& query(std::vector<FieldSpec> fields) { query_fields = std::move(fields); return *this; }
  Route& get_redirect(std::string to) { get_goes_to = std::move(to); return *this; }
  Route& expired_form_page(std::string p) { form_page = std::move(p); return *this; }
  Route& expired_form_page(std::string (*of)(const Request&)) { form_page_of = of; return *this; }
  Route& refusal(std::string title, std::string message) {
    refusal_title = std::move(title);
    refusal_message = std::move(message);
    return *this;
  }
  Route& method_message(std::string m) { wrong_method = std::move(m); return *this; }
  Route& prefix() { is_prefix = true; return *this; }
  // A mailed link that changes something when opened (confirms an address):
  // a HEAD — what the link checkers of mail gateways send — gets a bare 200
  // and never runs the page, so it never spends the link.
  Route& acts() { acts_on_get = true; return *this; }
  // A form that checks a secret (password, date of birth; lib/security/
  // lockout.h): the dispatcher refuses it before the page runs while the
  // client address has failed too often (429) and, for the signed-in
  // account's own secrets, while that account is locked (the lock page: a
  // locked account's secrets are not checked at all, whichever of its
  // sessions asks). The page counts its failures.
  Route& proof(Secret whose = Secret::own) { checks = whose; return *this; }
  // A staff page (Gate::staff) that only some roles may open: checked once by
  // the dispatcher against lib/staff/permissions.cpp's table; refused with a
  // 403 page in French. (Whose data it shows is scoped in its SQL.)
  Route& needs(staff::Permission p) {
    needs_permission = true;
    permission = p;
    return *this;
  }
  // issue 13 — import: a form that uploads files (multipart/form-data,
  // parsed by cgicc into Request::files) of at most `bytes` in all — the
  // nginx location's client_max_body_size (flows.txt option `upload`) — where
  // every other route keeps kMaxBody and urlencoded bodies only. Checked
  // before the body is read: 413 above it, 415 for another content type.
  Route& max_body(size_t bytes) {
    body_cap = bytes;
    return *this;
  }
};

// Route builders: get("/compte", Gate::full, profile).query({{"modifie", 20, nullptr}}).
inline Route get(std::string path, Gate gate, PageFn page) { return Route{std::move(path), kGet, gate, page}; }
inline Route post(std::string path, Gate gate, PageFn page) { return Route{std::move(path), kPost, gate, page}; }

// The routes of `path` (one per method set): the exact ones, or else those of
// the longest matching prefix; empty when none (404).
std::vector<const Route*> routes_for(const Routes& routes, const std::string& path);

// Where a session of `stage` belongs: /premiere-connexion, /compte-en-attente,
// /connexion/nouveau-mot-de-passe (renew) or /services; for staff /personnel/code or /etablissement (the gates'
// redirects, and where a sign-in leads).
const char* stage_home(const std::string& stage);

// issue 13 — import: the largest body the routes of `path` take (kMaxBody
// for an unknown path), and whether one of them takes multipart uploads.
size_t max_body_for(const Routes& routes, const std::string& path, bool& multipart);

// The methods the routes of `path` take (kGet | kPost), 0 for an unknown path;
// and the Allow header that lists them ("GET, HEAD, POST").
unsigned allowed_methods(const Routes& routes, const std::string& path);
std::string allow_header(unsigned methods);

// The routing, gates and page call of one parsed request (dispatch's core).
Response route_request(const Request& req, Context& ctx, const Routes& routes);

// One line per route, tab-separated: path, exact|prefix, methods (the Allow
// header), gate, own|other|- (whose secret it checks), the GET fields it
// declares ("-" for none), and the permission it needs ("-" for none):
// "/compte\texact\tGET, HEAD\tfull\t-\tmodifie\t-".
// What `ts-<flow> --routes` prints (tests/attacks/ reads it to attack every route).
std::string describe(const Routes& routes);

}  // namespace ts::web
