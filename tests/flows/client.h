// In-process requests for tests/flows/: one ts::web::Context for the whole
// run (configuration from TS_TEST_CONF, templates, common passwords), the
// flows.txt locations (which flow nginx would hand a path to), and a request
// builder that goes through ts::web::dispatch exactly as a FastCGI request
// does: CGI variables and body in a MapSource (tests/support/map_source.h).
#pragma once
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../support/boost_print.h"
#include "../support/test_data.h"
#include "accounts/letters.h"
#include "web/app.h"
#include "web/http.h"
#include "web/routes.h"

namespace flows {

// The process's Context, built on first use (tests/flows/main.cpp builds it
// up front so a broken configuration fails once, clearly).
ts::web::Context& ctx();

// ------------------------------------------------------------- flows.txt

struct Location {
  std::string flow;
  bool exact = false;  // "=" (else "^~", a prefix)
  std::string path;
  std::string options;
};
// Every location line of flows.txt, in file order.
const std::vector<Location>& locations();
// The flows of flows.txt, in order of first appearance.
std::vector<std::string> flow_names();
// The location nginx picks for a path: an exact match, else the longest
// prefix ("^~" stops the search: no regex location can take it); nullptr
// when no location of flows.txt reaches the path.
const Location* nginx_location(const std::string& path);

// --------------------------------------------------------------- requests

struct Req {
  std::string method = "GET";
  std::string path;
  std::string query;  // QUERY_STRING, already encoded
  std::vector<std::pair<std::string, std::string>> form;  // POST body fields (urlencoded here)
  std::map<std::string, std::string> cookies;
  std::string remote = "192.0.2.10";
  bool https = false;  // HTTPS=on, as nginx sets it behind TLS
  std::string flow;  // the route table to use; empty: the one flows.txt sends the path to
};

struct Res {
  ts::web::Response response;
  bool head = false;
  int status() const { return response.status; }
  const std::string& body() const { return response.body; }
  // The first header of that name ("" when absent).
  std::string header(const std::string& name) const;
  std::string location() const { return header("Location"); }
  // A cookie the response sets (value; nullopt when not set).
  std::optional<std::string> cookie(const std::string& name) const;
  int cookie_max_age(const std::string& name) const;
  bool has(const std::string& text) const { return body().find(text) != std::string::npos; }
  // The value of the first hidden csrf_token field of the page ("" when none).
  std::string csrf_field() const;
};

std::string urlencode(const std::string& s);
Res call(const Req& r);

// A GET / POST with a session cookie (empty: none).
Res get(const std::string& path, const std::string& session = "", const std::string& query = "");
// A POST carrying the right CSRF token for `session` (or, without a session,
// for a fresh ts_pre cookie sent along).
Res post(const std::string& path, std::vector<std::pair<std::string, std::string>> form,
         const std::string& session = "");

// The CSRF token a page would give a browser holding these cookies.
std::string csrf_for(const std::map<std::string, std::string>& cookies);

// ------------------------------------------------------------ accounts

// A session of the account at a stage (accounts::start_session, committed):
// its cookie value.
std::string session_for(unsigned account_id, const char* stage);

// The accounts the gate tests need, one per stage, built once and committed:
// a letter account (first_connection), a responsable waiting for its address
// (pending), an active responsable with two children (full) and an active
// pupil account (full).
struct Cast {
  std::string school_tag, family;
  unsigned letter = 0, pending = 0, responsable = 0, pupil = 0;
  std::string letter_identifier, responsable_identifier;
  std::string letter_session, pending_session, responsable_session, pupil_session;
  // issue 13 — aide: an active pupil account whose school demanded a new
  // password, signed in at stage renew (its own account: a test may renew it).
  unsigned renewing = 0;
  std::string renew_session;
  // Staff of the same school (docs/STAFF.md): a direction member past both
  // proofs, the same at stage staff_factor, and an enseignant.
  unsigned direction = 0, teacher = 0;
  std::string staff_factor_session, direction_session, teacher_session;
};
const Cast& cast();

// The staff side (docs/STAFF.md), built once and committed: school A with a
// direction, a secrétariat, an enseignant (class "4 C", Mathématiques), a
// member waiting for the second factor (stage staff_factor), a responsable
// account; school B with a direction, a vie scolaire member and a responsable
// account; an académie account. Sessions at stage staff unless said.
struct StaffCast {
  unsigned school_a = 0, school_b = 0, class_a = 0;
  std::string family_a, family_b;  // SchoolData::family of each school
  unsigned direction_a = 0, secretariat_a = 0, enseignant_a = 0, factor_a = 0, direction_b = 0, vie_scolaire_b = 0,
           academie = 0;
  unsigned family_account_a = 0, family_account_b = 0;
  std::string family_identifier_a, family_identifier_b;
  std::string direction_a_session, secretariat_a_session, enseignant_a_session, factor_a_session,
      direction_b_session, academie_session;
};
const StaffCast& staff_cast();

// A responsable of school A (staff_cast), "Mme <first> <last>", legally
// linked to a child Zoé <last> (born 2012-05-02) of class "4 C", and the
// letter the school prints for them (committed).
ts::accounts::IssuedLetter school_a_letter(const std::string& first, const std::string& last);

}  // namespace flows
