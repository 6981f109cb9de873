#include "client.h"

#include "staff/staff.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "../support/map_source.h"
#include "accounts/family.h"
#include "accounts/sessions.h"
#include "core/crypto.h"
#include "core/text.h"
#include "scolarite/records.h"
#include "web/render.h"
#include "web/session.h"

namespace flows {

ts::web::Context& ctx() {
  static std::unique_ptr<ts::web::Context> c = [] {
    auto made = std::make_unique<ts::web::Context>(tst::config());
    if (!made->cfg.common_passwords_file.empty()) made->common_passwords.load(made->cfg.common_passwords_file);
    ts::web::init_templates(made->cfg);
    return made;
  }();
  return *c;
}

// ------------------------------------------------------------- flows.txt

const std::vector<Location>& locations() {
  static const std::vector<Location> all = [] {
    // TS_FLOWS_TXT: another copy, to check that a mismatch is caught.
    const char* other = std::getenv("TS_FLOWS_TXT");
    std::string path = other && *other ? other : std::string(TS_SOURCE_DIR) + "/flows.txt";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<Location> out;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream cols(line);
      Location l;
      std::string match;
      if (!(cols >> l.flow >> match >> l.path >> l.options)) continue;
      if (match != "=" && match != "^~") throw std::runtime_error("flows.txt: unknown match '" + match + "': " + line);
      l.exact = match == "=";
      out.push_back(l);
    }
    return out;
  }();
  return all;
}

std::vector<std::string> flow_names() {
  std::vector<std::string> out;
  for (const auto& l : locations())
    if (std::find(out.begin(), out.end(), l.flow) == out.end()) out.push_back(l.flow);
  return out;
}

const Location* nginx_location(const std::string& path) {
  for (const auto& l : locations())
    if (l.exact && l.path == path) return &l;
  const Location* best = nullptr;
  for (const auto& l : locations())
    if (!l.exact && path.compare(0, l.path.size(), l.path) == 0 && (!best || l.path.size() > best->path.size()))
      best = &l;
  return best;
}

// --------------------------------------------------------------- requests

std::string Res::header(const std::string& name) const {
  for (const auto& [k, v] : response.headers)
    if (k == name) return v;
  return "";
}

std::optional<std::string> Res::cookie(const std::string& name) const {
  for (const auto& c : response.cookies)
    if (c.name == name) return c.value;
  return std::nullopt;
}

int Res::cookie_max_age(const std::string& name) const {
  for (const auto& c : response.cookies)
    if (c.name == name) return c.max_age;
  return -2;
}

std::string Res::csrf_field() const {
  const std::string mark = "name=\"csrf_token\" value=\"";
  size_t at = body().find(mark);
  if (at == std::string::npos) return "";
  at += mark.size();
  return body().substr(at, body().find('"', at) - at);
}

std::string urlencode(const std::string& s) { return ts::percent_encode(s); }

Res call(const Req& r) {
  std::string flow = r.flow;
  if (flow.empty()) {
    const Location* l = nginx_location(r.path);
    if (!l) throw std::runtime_error("no location of flows.txt reaches " + r.path);
    flow = l->flow;
  }
  const ts::web::Routes* routes = ts::web::flow_routes(flow);
  if (!routes) throw std::runtime_error("no route table registered for flow " + flow);

  std::string body;
  for (const auto& [k, v] : r.form) body += (body.empty() ? "" : "&") + urlencode(k) + "=" + urlencode(v);
  std::string cookies;
  for (const auto& [k, v] : r.cookies) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
  std::map<std::string, std::string> env = {
      {"REQUEST_METHOD", r.method}, {"DOCUMENT_URI", r.path}, {"SCRIPT_NAME", r.path},
      {"QUERY_STRING", r.query},    {"REMOTE_ADDR", r.remote}, {"SERVER_PROTOCOL", "HTTP/1.1"},
  };
  if (r.method == "POST") {
    env["CONTENT_TYPE"] = "application/x-www-form-urlencoded";
    env["CONTENT_LENGTH"] = std::to_string(body.size());
  }
  if (!cookies.empty()) env["HTTP_COOKIE"] = cookies;
  if (r.https) env["HTTPS"] = "on";
  MapSource src(env, body, 512);
  Res out;
  out.response = ts::web::dispatch(src, ctx(), *routes, out.head);
  return out;
}

std::string csrf_for(const std::map<std::string, std::string>& cookies) {
  ts::web::Request req;
  req.cookies = cookies;
  std::string new_pre;
  std::string token = ts::web::csrf_token(ctx(), req, new_pre);
  if (!new_pre.empty()) throw std::logic_error("csrf_for: no cookie to bind the token to");
  return token;
}

Res get(const std::string& path, const std::string& session, const std::string& query) {
  Req r;
  r.path = path;
  r.query = query;
  if (!session.empty()) r.cookies[ts::web::kSessionCookie] = session;
  return call(r);
}

Res post(const std::string& path, std::vector<std::pair<std::string, std::string>> form, const std::string& session) {
  Req r;
  r.method = "POST";
  r.path = path;
  if (!session.empty()) r.cookies[ts::web::kSessionCookie] = session;
  else r.cookies[ts::web::kPreCookie] = ts::crypto::new_token(256);
  form.emplace_back("csrf_token", csrf_for(r.cookies));
  r.form = std::move(form);
  return call(r);
}

// ------------------------------------------------------------ accounts

std::string session_for(unsigned account_id, const char* stage) {
  auto& c = ctx();
  return ts::accounts::start_session(c.db, "", account_id, stage, c.cfg.session_absolute_hours);
}

const Cast& cast() {
  static const Cast made = [] {
    auto& db = ctx().db;
    Cast c;
    ts::Transaction tx(db);
    tst::SchoolData s(db);
    c.school_tag = s.tag;
    c.family = s.family;
    unsigned dylan = s.pupil("Dylan", "2012-03-14"), florian = s.pupil("Florian", "2014-09-02");
    auto letter = s.responsable_letter(s.responsable("Lina"), dylan);
    auto pending = s.responsable_letter(s.responsable("Paul"), dylan);
    auto full = s.responsable_letter(s.responsable("Claire"), dylan);
    ts::accounts::add_child(db, full.account_id, florian, s.responsables.back());
    ts::scolarite::link_pupil_responsable(db, florian, s.responsables.back(), 1);
    auto pupil = s.pupil_letter(florian);
    tst::first_connection(db, pending.account_id, "$argon2id$x", "paul." + s.tag + "@example.org");
    tst::activate(db, full.account_id, "claire." + s.tag + "@example.org");
    tst::activate(db, pupil.account_id, "");
    auto renewing = s.pupil_letter(s.pupil("Hugo", "2013-06-20"));
    tst::activate(db, renewing.account_id, "");
    db.exec("UPDATE account SET renew_password_at = UTC_TIMESTAMP() WHERE id = ?", renewing.account_id);
    ts::staff::NewStaff direction{"Anne", s.family, "anne." + s.tag + "@example.org", s.school,
                                  ts::staff::bit(ts::staff::Role::direction), {}, 0};
    ts::staff::NewStaff teacher{"Nadia", s.family, "nadia." + s.tag + "@example.org", s.school,
                                ts::staff::bit(ts::staff::Role::enseignant), {{s.klass, "4 C", "Mathématiques"}}, 0};
    c.direction = ts::staff::create_staff(db, direction).account_id;
    c.teacher = ts::staff::create_staff(db, teacher).account_id;
    tx.commit();
    c.letter = letter.account_id;
    c.letter_identifier = letter.identifier;
    c.pending = pending.account_id;
    c.responsable = full.account_id;
    c.responsable_identifier = full.identifier;
    c.pupil = pupil.account_id;
    c.renewing = renewing.account_id;
    c.renew_session = session_for(c.renewing, ts::accounts::stage::renew);
    c.letter_session = session_for(c.letter, ts::accounts::stage::first_connection);
    c.pending_session = session_for(c.pending, ts::accounts::stage::pending);
    c.responsable_session = session_for(c.responsable, ts::accounts::stage::full);
    c.pupil_session = session_for(c.pupil, ts::accounts::stage::full);
    c.staff_factor_session = session_for(c.direction, ts::accounts::stage::staff_factor);
    c.direction_session = session_for(c.direction, ts::accounts::stage::staff);
    c.teacher_session = session_for(c.teacher, ts::accounts::stage::staff);
    return c;
  }();
  return made;
}

const StaffCast& staff_cast() {
  static const StaffCast made = [] {
    auto& db = ctx().db;
    using ts::staff::bit;
    using ts::staff::Role;
    StaffCast c;
    ts::Transaction tx(db);
    tst::SchoolData a(db), b(db);
    c.school_a = a.school;
    c.school_b = b.school;
    c.class_a = a.klass;
    c.family_a = a.family;
    c.family_b = b.family;
    c.direction_a = tst::staff_member(db, a.school, bit(Role::direction), "Diane", a.family);
    c.secretariat_a = tst::staff_member(db, a.school, bit(Role::secretariat), "Serge", a.family);
    c.enseignant_a =
        tst::staff_member(db, a.school, bit(Role::enseignant), "Emile", a.family, {{a.klass, "", "Mathématiques"}});
    c.factor_a = tst::staff_member(db, a.school, bit(Role::vie_scolaire), "Fanny", a.family);
    c.direction_b = tst::staff_member(db, b.school, bit(Role::direction), "Diane", b.family);
    c.vie_scolaire_b = tst::staff_member(db, b.school, bit(Role::vie_scolaire), "Victor", b.family);
    c.academie = tst::staff_member(db, 0, bit(Role::academie), "Armand", a.family + "Aca");
    auto fa = a.responsable_letter(a.responsable("Claire"), a.pupil("Dylan"));
    auto fb = b.responsable_letter(b.responsable("Claire"), b.pupil("Dylan"));
    tst::activate(db, fa.account_id, "claire." + a.tag + "@example.org");
    tst::activate(db, fb.account_id, "claire." + b.tag + "@example.org");
    tx.commit();
    c.family_account_a = fa.account_id;
    c.family_account_b = fb.account_id;
    c.family_identifier_a = fa.identifier;
    c.family_identifier_b = fb.identifier;
    const char* staff = ts::accounts::stage::staff;
    c.direction_a_session = session_for(c.direction_a, staff);
    c.secretariat_a_session = session_for(c.secretariat_a, staff);
    c.enseignant_a_session = session_for(c.enseignant_a, staff);
    c.factor_a_session = session_for(c.factor_a, ts::accounts::stage::staff_factor);
    c.direction_b_session = session_for(c.direction_b, staff);
    c.academie_session = session_for(c.academie, staff);
    return c;
  }();
  return made;
}

ts::accounts::IssuedLetter school_a_letter(const std::string& first, const std::string& last) {
  const auto& s = staff_cast();
  ts::Db& db = ctx().db;
  ts::Transaction tx(db);
  const unsigned pupil = ts::scolarite::insert_pupil(db, s.school_a, s.class_a, "Zoé", last, "2012-05-02");
  const unsigned resp = ts::scolarite::insert_responsable(db, "Mme", first, last, "");
  ts::scolarite::link_pupil_responsable(db, pupil, resp, 1);
  auto l = ts::accounts::issue_responsable_letter(db, tst::tiny_argon2(), resp, pupil);
  tx.commit();
  return l;
}

}  // namespace flows
