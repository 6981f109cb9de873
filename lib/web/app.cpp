#include "app.h"

#include <fcgiapp.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "core/log.h"
#include "render.h"
#include "routes.h"
#include "session.h"
#include "views.h"

namespace ts::web {
namespace {

class FcgiSource : public RequestSource {
 public:
  explicit FcgiSource(FCGX_Request& r) : r_(r) {}
  std::string env(const char* name) override {
    const char* v = FCGX_GetParam(name, r_.envp);
    return v ? v : "";
  }
  size_t read(char* buf, size_t len) override {
    int n = FCGX_GetStr(buf, static_cast<int>(len), r_.in);
    return n > 0 ? static_cast<size_t>(n) : 0;
  }

 private:
  FCGX_Request& r_;
};

// Plain CGI (legacy shared hosting, cgit-style tests): environment and stdin.
class CgiSource : public RequestSource {
 public:
  std::string env(const char* name) override {
    const char* v = std::getenv(name);
    return v ? v : "";
  }
  size_t read(char* buf, size_t len) override { return std::fread(buf, 1, len, stdin); }
};

Response plain_text(int status, const std::string& text) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = text;
  return r;
}

// A refused request (HttpError): its status, and a title that says which kind.
const char* refusal_title(int status) {
  switch (status) {
    case 403: return "Accès refusé";
    case 405: return "Méthode non acceptée";
    case 409: return "Action impossible";
    case 413: return "Envoi trop volumineux";
    default: return "Requête non valide";
  }
}

constexpr int kDeadlock = 1213;  // ER_LOCK_DEADLOCK

Response dispatch_inner(RequestSource& src, Context& ctx, const Routes& routes, bool& head, Request& req) {
  head = false;
  // (Error pages show the visitor as they are: message_page reads the session.)
  Call c{req, ctx};
  try {
    // issue 13 — import: a route that takes uploads has its own cap (Route::max_body).
    std::string target = src.env("DOCUMENT_URI");
    if (target.empty()) target = src.env("SCRIPT_NAME");
    bool multipart = false;
    const size_t cap = max_body_for(routes, target, multipart);
    req = parse_request(src, cap, multipart);
    req.secure_cookies = ctx.cfg.secure_cookies || req.https;
    head = req.head;
  } catch (const HttpError& e) {
    req = refused_request(src);
    req.secure_cookies = ctx.cfg.secure_cookies || req.https;
    try {
      if (e.status == 405) {  // a method no page takes (PUT, DELETE…): say which ones the address takes
        std::string path = src.env("DOCUMENT_URI");
        if (path.empty()) path = src.env("SCRIPT_NAME");
        unsigned allowed = allowed_methods(routes, path);
        if (!allowed) return not_found(c);
        Response res = message_page(c, 405, refusal_title(405), e.what());
        res.headers.emplace_back("Allow", allow_header(allowed));
        return res;
      }
      return message_page(c, e.status, refusal_title(e.status), e.what());
    } catch (const std::exception& inner) {
      log::error(std::string("error page failed: ") + inner.what());
      return plain_text(e.status, e.what());
    }
  }
  for (int attempt = 1;; ++attempt) {
    try {
      ctx.db.ensure_alive();
      return route_request(req, ctx, routes);
    } catch (const HttpError& e) {
      return message_page(c, e.status, refusal_title(e.status), e.what());
    } catch (const sql::SQLException& e) {
      // InnoDB chose this request's transaction as a deadlock's victim and
      // rolled it back whole (the Transaction's destructor too): the request
      // runs again from the start, twice at most — what MariaDB's manual and
      // the Galera note of the guide say: retry the whole transaction. (Seen
      // with three copies of a first connection posted at once.)
      if (e.getErrorCode() == kDeadlock && attempt < 3) {
        log::info("deadlock on " + req.path + ", attempt " + std::to_string(attempt) + ": the request runs again");
        continue;
      }
      log::error("SQL error " + std::to_string(e.getErrorCode()) + " (" + e.getSQLState() + ") on " + req.path +
                 ": " + e.what());
      ctx.db.reset();  // a broken connection is rebuilt on the next request
    } catch (const std::exception& e) {
      log::error("error on " + req.path + ": " + e.what());
    }
    break;
  }
  try {
    return message_page(c, 503, "Service momentanément indisponible",
                        "Le service rencontre une difficulté passagère. Votre demande n'a pas été enregistrée : "
                        "veuillez réessayer dans quelques minutes.");
  } catch (const std::exception&) {
    return plain_text(503, "Service momentanément indisponible. Veuillez réessayer dans quelques minutes.");
  }
}

}  // namespace

namespace {
std::map<std::string, const Routes*>& registry() {
  static std::map<std::string, const Routes*> flows;
  return flows;
}
}  // namespace

FlowRegistration::FlowRegistration(const char* flow, const Routes& routes) { registry()[flow] = &routes; }

const Routes* flow_routes(const std::string& flow) {
  auto it = registry().find(flow);
  return it == registry().end() ? nullptr : it->second;
}

Response dispatch(RequestSource& src, Context& ctx, const Routes& routes, bool& head) {
  Request req;
  Response res = dispatch_inner(src, ctx, routes, head, req);
  res.secure_cookies = ctx.cfg.secure_cookies || req.https;
  return res;
}

int serve(int argc, char** argv, const char* program, const Routes& routes) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--routes") == 0) {
      std::cout << describe(routes);
      return 0;
    }
  }
  // Times shown to users (e.g. the end of an account lock) are Paris time.
  setenv("TZ", "Europe/Paris", 1);
  tzset();
  std::string conf_path = Config::path_from(argc, argv);
  std::unique_ptr<Context> ctx;
  try {
    ctx = std::make_unique<Context>(Config::load(conf_path));
    log::open(ctx->cfg.log_file, program);
    if (!ctx->cfg.common_passwords_file.empty()) ctx->common_passwords.load(ctx->cfg.common_passwords_file);
    init_templates(ctx->cfg);
  } catch (const std::exception& e) {
    std::cerr << program << ": " << e.what() << "\n";
    log::error(std::string("start-up failed: ") + e.what());
    return 1;
  }

  if (FCGX_IsCGI()) {
    CgiSource src;
    bool head = false;
    Response res = dispatch(src, *ctx, routes, head);
    std::string out = serialize(res, head);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }

  FCGX_Init();
  // libfcgi installs its own SIGTERM handler; the default one stops us at once.
  std::signal(SIGTERM, SIG_DFL);
  FCGX_Request request;
  FCGX_InitRequest(&request, 0, 0);
  log::info("ready");
  while (FCGX_Accept_r(&request) >= 0) {
    FcgiSource src(request);
    bool head = false;
    Response res = dispatch(src, *ctx, routes, head);
    std::string out = serialize(res, head);
    FCGX_PutStr(out.data(), static_cast<int>(out.size()), request.out);
    FCGX_Finish_r(&request);
  }
  return 0;
}

}  // namespace ts::web
