// What every handler binary shares: the per-process Context and the accept
// loop. A binary is a route table (routes.h) and a one-line main:
//   int main(int argc, char** argv) { return ts::web::serve(argc, argv, "compte", kRoutes); }
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/db.h"
#include "core/validators.h"
#include "http.h"

namespace ts::web {

struct Route;
using Routes = std::vector<Route>;

// Per-process state built once at start-up (no per-request globals).
struct Context {
  Config cfg;
  Db db;
  valid::CommonPasswords common_passwords;
  explicit Context(const Config& c) : cfg(c), db(cfg) {}
};

// Loads the configuration, opens the log, loads the templates, then serves
// FastCGI requests (or one CGI request when not started by a FastCGI server:
// legacy shared hosting) until stopped. `--routes` prints the route table
// (path, methods, gate) and exits: tests check it against flows.txt.
int serve(int argc, char** argv, const char* program, const Routes& routes);

// One request cycle without FastCGI: parse, route, gate, page, and the one
// error boundary (4xx page for a refused request; 503 page, logged, for a
// database or other failure). serve() runs it per request; tests/flows/ calls
// it in-process with a request built in the test.
Response dispatch(RequestSource& src, Context& ctx, const Routes& routes, bool& head);

// The route table a flow registered (TS_FLOW_MAIN) in this program: its
// own in ts-<flow>, every flow's in the in-process test binary (tests/flows/);
// nullptr when unknown.
const Routes* flow_routes(const std::string& flow);
struct FlowRegistration {
  FlowRegistration(const char* flow, const Routes& routes);
};

}  // namespace ts::web

// The last line of every handlers/<flow>/main.cpp: the registration of the
// flow's routes (read back by flow_routes). The same object files serve the
// FastCGI program ts-<flow>, whose main() is TS_FLOW_PROGRAM (a file CMake
// generates per flow), and the in-process test binary (tests/flows/), which
// links every flow's.
#define TS_FLOW_MAIN(flow, routes) static const ts::web::FlowRegistration ts_flow_registration(flow, routes);
#define TS_FLOW_PROGRAM(flow) \
  int main(int argc, char** argv) { return ts::web::serve(argc, argv, flow, *ts::web::flow_routes(flow)); }
