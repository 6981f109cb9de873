// What a handler gets, and the accept loop every handler binary shares.
// A handler is `Response handle(const Request&, Context&)`; main() is one line:
//   int main(int argc, char** argv) { return ts::run_handler(argc, argv, "connexion", handle); }
#pragma once
#include <string>

#include "config.h"
#include "db.h"
#include "http.h"
#include "validators.h"

namespace ts {

// Per-process state built once at start-up (no per-request globals).
struct Context {
  Config cfg;
  Db db;
  valid::CommonPasswords common_passwords;
  explicit Context(const Config& c) : cfg(c), db(cfg) {}
};

using Handler = Response (*)(const Request&, Context&);

// Loads the configuration, opens the log, then serves FastCGI requests (or one
// CGI request when not started by a FastCGI server) until stopped.
int run_handler(int argc, char** argv, const char* program, Handler handler);

// The same request cycle without FastCGI: parse, dispatch, catch. Used by
// run_handler and by tests that call a handler directly.
Response dispatch(RequestSource& src, Context& ctx, Handler handler, bool& head);

}  // namespace ts
