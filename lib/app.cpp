#include "app.h"

#include <fcgiapp.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "log.h"
#include "render.h"

extern char** environ;

namespace ts {
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

}  // namespace

namespace {
Response dispatch_inner(RequestSource& src, Context& ctx, Handler handler, bool& head, Request& req) {
  head = false;
  try {
    req = parse_request(src);
    head = req.head;
  } catch (const HttpError& e) {
    try {
      return message_page(ctx, req, e.status, "Requête non valide", e.what());
    } catch (const std::exception& inner) {
      log::error(std::string("error page failed: ") + inner.what());
      Response r;
      r.status = e.status;
      r.content_type = "text/plain; charset=utf-8";
      r.body = e.what();
      return r;
    }
  }
  try {
    ctx.db.ensure_alive();
    return handler(req, ctx);
  } catch (const HttpError& e) {
    return message_page(ctx, req, e.status, "Requête non valide", e.what());
  } catch (const sql::SQLException& e) {
    log::error("SQL error " + std::to_string(e.getErrorCode()) + " (" + e.getSQLState() + ") on " + req.path +
               ": " + e.what());
    ctx.db.reset();  // a broken connection is rebuilt on the next request
  } catch (const std::exception& e) {
    log::error("error on " + req.path + ": " + e.what());
  }
  Response r;
  r.status = 503;
  r.content_type = "text/plain; charset=utf-8";
  try {
    return message_page(ctx, req, 503, "Service momentanément indisponible",
                        "Le service rencontre une difficulté passagère. Votre demande n'a pas été enregistrée : "
                        "veuillez réessayer dans quelques minutes.");
  } catch (const std::exception&) {
    r.body = "Service momentanément indisponible. Veuillez réessayer dans quelques minutes.";
    return r;
  }
}
}  // namespace

Response dispatch(RequestSource& src, Context& ctx, Handler handler, bool& head) {
  Request req;
  Response res = dispatch_inner(src, ctx, handler, head, req);
  res.secure_cookies = ctx.cfg.secure_cookies || req.https;
  return res;
}

int run_handler(int argc, char** argv, const char* program, Handler handler) {
  // Times shown to users (e.g. the end of an account lock) are Paris time.
  setenv("TZ", "Europe/Paris", 1);
  tzset();
  std::string conf_path = Config::path_from(argc, argv);
  std::unique_ptr<Context> ctx;
  try {
    ctx = std::make_unique<Context>(Config::load(conf_path));
    log::open(ctx->cfg.log_file, program);
    if (!ctx->cfg.common_passwords_file.empty()) ctx->common_passwords.load(ctx->cfg.common_passwords_file);
    init_templates(*ctx);
  } catch (const std::exception& e) {
    std::cerr << program << ": " << e.what() << "\n";
    log::error(std::string("start-up failed: ") + e.what());
    return 1;
  }

  if (FCGX_IsCGI()) {
    CgiSource src;
    bool head = false;
    Response res = dispatch(src, *ctx, handler, head);
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
    Response res = dispatch(src, *ctx, handler, head);
    std::string out = serialize(res, head);
    FCGX_PutStr(out.data(), static_cast<int>(out.size()), request.out);
    FCGX_Finish_r(&request);
  }
  return 0;
}

}  // namespace ts
