// issue 13 — import: the flow "import" in-process (tests/flows/client.h):
// its route table (permission import, the upload route's own body cap and
// multipart, the confirm route's small one), the nginx location with the
// `upload` option, the permission (secrétariat yes; enseignant, académie
// no: 403), a multipart upload with bad lines (422, each problem listed,
// nothing written), and the caps: 413 above 8 MiB, 415 for another content
// type, and multipart refused (415) by every route that does not take files.
#include "../support/map_source.h"
#include "client.h"

using flows::ctx;
using flows::get;
using flows::Res;
using flows::staff_cast;

namespace {

constexpr const char* kBoundary = "----tsimport7MA4YWxkTrZu0gW";

std::string part(const std::string& name, const std::string& value, const std::string& filename = "") {
  std::string out = std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
  if (!filename.empty()) out += "; filename=\"" + filename + "\"\r\nContent-Type: text/csv";
  return out + "\r\n\r\n" + value + "\r\n";
}

// A POST of `body` with `content_type` (and a declared length) to `path`, for `session`.
Res raw_post(const std::string& path, const std::string& session, const std::string& body,
             const std::string& content_type, size_t length = 0) {
  const flows::Location* l = flows::nginx_location(path);
  BOOST_REQUIRE(l);
  std::map<std::string, std::string> env = {
      {"REQUEST_METHOD", "POST"},   {"DOCUMENT_URI", path},           {"SCRIPT_NAME", path},
      {"REMOTE_ADDR", "192.0.2.10"}, {"SERVER_PROTOCOL", "HTTP/1.1"}, {"CONTENT_TYPE", content_type},
      {"CONTENT_LENGTH", std::to_string(length ? length : body.size())}, {"HTTP_COOKIE", "ts_session=" + session},
  };
  MapSource src(env, body, 4096);
  Res out;
  out.response = ts::web::dispatch(src, ctx(), *ts::web::flow_routes(l->flow), out.head);
  return out;
}

std::string csrf_of(const std::string& session) { return flows::csrf_for({{"ts_session", session}}); }

}  // namespace

BOOST_AUTO_TEST_SUITE(import_flow)

BOOST_AUTO_TEST_CASE(route_table_and_location) {
  const ts::web::Routes* routes = ts::web::flow_routes("import");
  BOOST_REQUIRE(routes);
  BOOST_TEST(routes->size() == 3u);
  for (const auto& r : *routes) {
    BOOST_TEST(r.needs_permission);
    BOOST_TEST((r.permission == ts::staff::Permission::import));
  }
  bool multipart = false;
  BOOST_TEST(ts::web::max_body_for(*routes, "/etablissement/import", multipart) == size_t{8} * 1024 * 1024);
  BOOST_TEST(multipart);
  BOOST_TEST(ts::web::max_body_for(*routes, "/etablissement/import/confirmer", multipart) == ts::web::kMaxBody);
  BOOST_TEST(!multipart);
  for (const char* p : {"/etablissement/import", "/etablissement/import/confirmer"}) {
    const flows::Location* l = flows::nginx_location(p);
    BOOST_REQUIRE(l);
    BOOST_TEST(l->flow == "import");
    BOOST_TEST(l->options.find("upload") != std::string::npos);
  }
  BOOST_TEST(flows::nginx_location("/etablissement/suivi")->options.find("upload") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(permission) {
  const auto& s = staff_cast();
  BOOST_TEST(get("/etablissement/import", s.secretariat_a_session).status() == 200);
  BOOST_TEST(get("/etablissement/import", s.direction_a_session).status() == 200);
  BOOST_TEST(get("/etablissement/import", s.enseignant_a_session).status() == 403);
  BOOST_TEST(get("/etablissement/import", s.academie_session).status() == 403);
  BOOST_TEST(get("/etablissement", s.secretariat_a_session).has("href=\"/etablissement/import\""));
  BOOST_TEST(!get("/etablissement", s.enseignant_a_session).has("href=\"/etablissement/import\""));
}

BOOST_AUTO_TEST_CASE(bad_lines_are_listed_and_nothing_is_written) {
  const auto& s = staff_cast();
  const std::string session = s.secretariat_a_session;
  const long before = tst::sql_long(ctx().db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school_a);
  const std::string body =
      part("csrf_token", csrf_of(session)) + part("encodage", "auto") +
      part("eleves", "ELEVE_ID;NOM;PRENOM;DATE_NAISS;DIVISION\r\nX1;Durand;Léa;31/02/2012;4 C\r\n", "eleves.csv") +
      part("responsables", "PERSONNE_ID;ELEVE_ID;NOM;PRENOM;RESP_LEGAL\r\nP1;X1;Durand;Marc;7\r\n", "resp.csv") +
      "--" + kBoundary + "--\r\n";
  Res r = raw_post("/etablissement/import", session, body, std::string("multipart/form-data; boundary=") + kBoundary);
  BOOST_TEST(r.status() == 422);
  BOOST_TEST(r.has("DATE_NAISS"));
  BOOST_TEST(r.has("RESP_LEGAL"));
  BOOST_TEST(!r.has("name=\"jeton\""));
  BOOST_TEST(tst::sql_long(ctx().db, "SELECT COUNT(*) FROM pupil WHERE establishment_id = ?", s.school_a) == before);
  // A file missing: the form again (422), the field named.
  const std::string one = part("csrf_token", csrf_of(session)) + part("eleves", "", "") + "--" + kBoundary + "--\r\n";
  Res m = raw_post("/etablissement/import", session, one, std::string("multipart/form-data; boundary=") + kBoundary);
  BOOST_TEST(m.status() == 422);
  BOOST_TEST(m.has("Choisissez le fichier des élèves"));
}

BOOST_AUTO_TEST_CASE(caps_413_and_415) {
  const auto& s = staff_cast();
  const std::string session = s.secretariat_a_session;
  const std::string mp = std::string("multipart/form-data; boundary=") + kBoundary;
  Res big = raw_post("/etablissement/import", session, "", mp, size_t{9} * 1024 * 1024);
  BOOST_TEST(big.status() == 413);
  BOOST_TEST(big.has("8 Mio au plus"));
  BOOST_TEST(raw_post("/etablissement/import", session, "{}", "application/json").status() == 415);
  BOOST_TEST(raw_post("/etablissement/import/confirmer", session, part("x", "y") + "--" + kBoundary + "--\r\n", mp)
                 .status() == 415);
  BOOST_TEST(raw_post("/etablissement/suivi", session, "", mp, 20000).status() == 413);  // the small cap elsewhere
  BOOST_TEST(raw_post("/etablissement/compte/mot-de-passe", session, part("x", "y"), mp).status() == 415);
}

BOOST_AUTO_TEST_SUITE_END()
