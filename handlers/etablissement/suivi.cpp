// Suivi des comptes (permission suivi; statistiques for the figures by
// school): what the school expects — one account per current pupil, one per
// responsable légal × child — and the state of the account serving each
// (accounts::FollowState, in the priority of issue 13's contracts), with the
// last sign-in and the activation rate (actifs / comptes attendus). The
// académie reads every school, by school. A search by name (prefix, accents
// ignored by the collation), identifier, class, address and state, paged;
// the CSV export of the same search (UTF-8 with BOM, ';', CRLF;
// lib/core/csv.h). Every query is scoped in its SQL (lib/accounts/followup.h)
// and each page section is one query, never one per row.
#include <cstdio>
#include <ctime>

#include "accounts/followup.h"
#include "core/csv.h"
#include "core/validators.h"
#include "etablissement.h"
#include "scolarite/records.h"
#include "staff/permissions.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;
using accounts::FollowState;

constexpr unsigned kPageRows = 50;
constexpr unsigned kMaxPages = 20;       // the search shows 1,000 results at most: then, refine it
constexpr unsigned kClassRows = 2000;    // a class's list (a class has some 30 pupils and 60 responsables)
constexpr unsigned kExportCap = 100000;

// "42,5 %": a rate as French readers write it.
std::string percent(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", rate);
  std::string s = buf;
  for (auto& ch : s)
    if (ch == '.') ch = ',';
  return s + " %";
}

std::string state_field(const std::string& in, std::string& out) {
  FollowState s;
  if (!accounts::state_from_code(in, s)) return "Choisissez un état dans la liste.";
  out = in;
  return "";
}

std::string page_field(const std::string& in, std::string& out) {
  if (in.empty() || in.size() > 2 || in.find_first_not_of("0123456789") != std::string::npos || std::stoi(in) < 1 ||
      std::stoul(in) > kMaxPages)
    return "Numéro de page non valide.";
  out = in;
  return "";
}

std::string name_field(const std::string& in, std::string& out) {
  out = in;
  return "";
}

// The search's filters (GET), shared by the search page and the export.
std::vector<FieldSpec> search_fields() {
  return {{"nom", 80, name_field},
          {"identifiant", 40, valid::identifier},
          {"classe", 10, valid::record_id},
          {"courriel", 254, nullptr},
          {"etat", 20, state_field},
          {"page", 2, page_field}};
}

accounts::FamilySearch read_search(const Form& q) {
  accounts::FamilySearch f;
  f.name = q.has_error("nom") ? "" : q.raw("nom");
  f.identifier = q.has_error("identifiant") ? "" : q.value("identifiant");
  f.class_id = q.record_id("classe");
  f.email = q.raw("courriel");
  FollowState s;
  if (!q.has_error("etat") && accounts::state_from_code(q.value("etat"), s)) f.state = s;
  return f;
}

const char* kind_label(const std::string& kind) { return kind == "eleve" ? "Élève" : "Responsable"; }

std::string last_login_text(long epoch) { return epoch ? french_time(epoch) : "Jamais"; }

// One SLOT section per slot (the class list, the search results).
void fill_slots(ctemplate::TemplateDictionary& d, const std::vector<accounts::FamilySlot>& slots, bool all_schools,
                bool links) {
  for (const auto& s : slots) {
    auto* row = d.AddSectionDictionary("SLOT");
    if (all_schools) {
      row->ShowSection("ALL_SCHOOLS");
      row->SetValue("SCHOOL", s.school + " (" + s.uai + ")");
    }
    row->SetValue("CLASS", s.class_name.empty() ? "Sans classe" : s.class_name);
    row->SetValue("PUPIL", s.pupil_name);
    row->SetValue("KIND", kind_label(s.kind));
    row->SetValue("HOLDER", s.holder_name);
    row->SetValue("STATE", accounts::state_label(s.state));
    row->SetValue("STATE_CODE", accounts::state_code(s.state));
    row->SetValue("LAST_LOGIN", s.account_id ? last_login_text(s.last_login) : "—");
    if (s.account_id) {
      auto* acc = row->AddSectionDictionary(links ? "ACCOUNT_LINK" : "ACCOUNT_TEXT");
      acc->SetIntValue("ID", static_cast<long>(s.account_id));
      acc->SetValue("IDENTIFIER", s.identifier);
    } else {
      row->ShowSection("NO_ACCOUNT");
    }
  }
}

// One COUNTS section per group (class or school).
void fill_counts(ctemplate::TemplateDictionary& d, const std::vector<accounts::FollowCounts>& groups,
                 const char* section, bool all_schools) {
  for (const auto& g : groups) {
    auto* row = d.AddSectionDictionary(section);
    row->SetValue("SCHOOL", g.school + " (" + g.uai + ")");
    row->SetIntValue("CLASS_ID", static_cast<long>(g.class_id));
    row->SetValue("CLASS", g.class_name.empty() ? "Sans classe" : g.class_name);
    // The row's heading: the school (académie), or the class (a link to its accounts).
    row->ShowSection(all_schools ? "SCHOOL_CELL" : g.class_id ? "CLASS_LINK" : "CLASS_TEXT");
    row->SetIntValue("EXPECTED", g.expected);
    // N0…N7: the states in the columns' order (kFollowStates).
    for (unsigned i = 0; i < 8; ++i)
      row->SetIntValue("N" + std::to_string(i), g.by_state[static_cast<unsigned>(accounts::kFollowStates[i])]);
    row->SetIntValue("ACTIVE", g.active());
    row->SetValue("RATE", percent(g.rate()));
  }
}

bool can_help(const Call& c) {
  return staff::allows(staff::roles_from(c.account().staff_roles), staff::Permission::assistance);
}

}  // namespace

std::vector<FieldSpec> suivi_search_fields() { return search_fields(); }

std::vector<FieldSpec> suivi_fields() { return {{"classe", 10, valid::record_id}}; }

Response suivi(Call& c) {
  const Form& q = *c.query;
  Db& db = c.ctx.db;
  const unsigned school = scope(c);
  const unsigned class_id = q.record_id("classe");
  if (q.has_error("classe") && !q.raw("classe").empty()) return not_found(c);  // "classe=abc": no such class
  // The académie: by school; a school: by class, and one class's accounts.
  const auto groups = school == 0 ? accounts::counts_by_school(db, 0) : accounts::counts_by_class(db, school);
  std::vector<accounts::FamilySlot> slots;
  std::string class_name;
  if (school && class_id) {
    for (const auto& k : scolarite::classes_of(db, school))
      if (k.id == class_id) class_name = k.name;
    if (class_name.empty()) return not_found(c);  // another school's class, or none
    accounts::FamilySearch f;
    f.class_id = class_id;
    slots = accounts::search_slots(db, school, f, 0, kClassRows);
  }
  Page p{200, class_name.empty() ? "Suivi des comptes" : "Suivi des comptes — " + class_name,
         "etablissement/suivi.tpl", true, "SUIVI"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.ShowSection(school == 0 ? "ALL_SCHOOLS" : "ONE_SCHOOL");
    for (FollowState st : accounts::kFollowStates) {
      auto* h = d.AddSectionDictionary("STATE_HEAD");
      h->SetValue("LABEL", accounts::state_label(st));
    }
    d.ShowSection(groups.empty() ? "NO_ROWS" : "ROWS");
    fill_counts(d, groups, "GROUP", school == 0);
    unsigned expected = 0, active = 0;
    for (const auto& g : groups) {
      expected += g.expected;
      active += g.active();
    }
    d.SetIntValue("TOTAL_EXPECTED", expected);
    d.SetIntValue("TOTAL_ACTIVE", active);
    d.SetValue("TOTAL_RATE", percent(expected ? 100.0 * active / expected : 0.0));
    if (!class_name.empty()) {
      auto* k = d.AddSectionDictionary("CLASS_DETAIL");
      k->SetValue("CLASS", class_name);
      k->SetIntValue("CLASS_ID", static_cast<long>(class_id));
      k->ShowSection(slots.empty() ? "NO_SLOTS" : "HAS_SLOTS");
      fill_slots(*k, slots, false, can_help(c));
    }
  });
}

Response suivi_search(Call& c) {
  Form form = *c.query;
  Db& db = c.ctx.db;
  const unsigned school = scope(c);
  // A page number is no field the secretary types: a wrong one is a wrong
  // link (404), not a message pointing at a field that is not on the page.
  if (form.has_error("page") && !form.raw("page").empty()) return not_found(c);
  const auto f = read_search(form);
  const unsigned page = form.has_error("page") || form.value("page").empty() ? 1 : std::stoul(form.value("page"));
  const bool searched = !form.raw("nom").empty() || !form.raw("identifiant").empty() || !form.raw("classe").empty() ||
                        !form.raw("courriel").empty() || !form.raw("etat").empty();
  std::vector<accounts::FamilySlot> slots;
  if (searched && form.ok()) slots = accounts::search_slots(db, school, f, (page - 1) * kPageRows, kPageRows + 1);
  const bool more = slots.size() > kPageRows;
  if (more) slots.resize(kPageRows);
  const auto classes = school ? scolarite::classes_of(db, school) : std::vector<scolarite::SchoolClass>{};
  Page p{form.ok() ? 200 : 422, "Rechercher une famille", "etablissement/recherche.tpl", true, "SUIVI"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    fill_form(d, form, {"nom", "identifiant", "courriel"});
    if (school == 0) d.ShowSection("ALL_SCHOOLS");
    if (!classes.empty()) d.ShowSection("HAS_CLASSES");
    for (const auto& k : classes) {
      auto* opt = d.AddSectionDictionary("CLASS_OPTION");
      opt->SetIntValue("ID", static_cast<long>(k.id));
      opt->SetValue("NAME", k.name);
      if (k.id == f.class_id) opt->ShowSection("SELECTED");
    }
    for (FollowState st : accounts::kFollowStates) {
      auto* opt = d.AddSectionDictionary("STATE_OPTION");
      opt->SetValue("CODE", accounts::state_code(st));
      opt->SetValue("LABEL", accounts::state_label(st));
      if (f.state && *f.state == st) opt->ShowSection("SELECTED");
    }
    for (const char* key : {"nom", "identifiant", "classe", "courriel", "etat"})
      d.SetValue(template_key(key) + "_Q", form.has_error(key) ? "" : form.raw(key));
    if (!searched || !form.ok()) return;
    d.ShowSection(slots.empty() ? "NO_RESULTS" : "RESULTS");
    fill_slots(d, slots, school == 0, can_help(c));
    if (more || page > 1) {
      auto* pages = d.AddSectionDictionary("PAGINATION");
      pages->SetIntValue("PAGE", page);
      if (page > 1) {
        pages->ShowSection("PREVIOUS");
        pages->SetIntValue("PREVIOUS_PAGE", page - 1);
      }
      if (more && page < kMaxPages) {
        pages->ShowSection("NEXT");
        pages->SetIntValue("NEXT_PAGE", page + 1);
      }
      if (more && page == kMaxPages) pages->ShowSection("CAPPED");
    }
  });
}

Response suivi_csv(Call& c) {
  Form form = *c.query;
  if (!form.ok()) {
    const auto errors = form.errors();
    return message_page(c, 422, "Export impossible", errors.front().second, "/etablissement/suivi/recherche",
                        "Retour à la recherche", "SUIVI");
  }
  Db& db = c.ctx.db;
  const unsigned school = scope(c);
  const auto f = read_search(form);
  std::string uai = "academie";
  if (school) {
    auto e = scolarite::establishment(db, school);
    if (e) uai = e->uai;
  }
  const bool all = school == 0;
  std::string body = csv::kUtf8Bom;
  std::vector<std::string> header = {"Classe", "Élève", "Type de compte", "Titulaire", "Identifiant", "État",
                                     "Dernière connexion"};
  if (all) header.insert(header.begin(), "Établissement");
  body += csv::row(header);
  // One query (the slots are computed once), one row more than the cap to tell it.
  auto slots = accounts::search_slots(db, school, f, 0, kExportCap + 1);
  const bool capped = slots.size() > kExportCap;
  if (capped) slots.resize(kExportCap);
  for (const auto& s : slots) {
    std::vector<std::string> fields = {s.class_name,  s.pupil_name, kind_label(s.kind),
                                       s.holder_name, s.identifier, accounts::state_label(s.state),
                                       s.account_id ? last_login_text(s.last_login) : ""};
    if (all) fields.insert(fields.begin(), s.school + " (" + s.uai + ")");
    body += csv::row(fields);
  }
  if (capped)
    body += csv::row({"Export limité aux " + std::to_string(kExportCap) + " premières lignes : restreignez la recherche."});

  char day[11];
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::strftime(day, sizeof day, "%Y-%m-%d", &local);
  Response res;
  res.content_type = "text/csv; charset=utf-8";
  res.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"suivi-" + uai + "-" + std::string(day) + ".csv\"");
  res.body = std::move(body);
  return res;
}

Response statistiques(Call& c) {
  const unsigned school = scope(c);
  const auto groups = accounts::counts_by_school(c.ctx.db, school);
  Page p{200, "Statistiques", "etablissement/statistiques.tpl", true, "STATISTIQUES"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (school == 0) d.ShowSection("ALL_SCHOOLS");
    d.ShowSection(groups.empty() ? "NO_ROWS" : "ROWS");
    fill_counts(d, groups, "GROUP", true);
    unsigned expected = 0, active = 0;
    for (const auto& g : groups) {
      expected += g.expected;
      active += g.active();
    }
    d.SetIntValue("TOTAL_EXPECTED", expected);
    d.SetIntValue("TOTAL_ACTIVE", active);
    d.SetValue("TOTAL_RATE", percent(expected ? 100.0 * active / expected : 0.0));
  });
}

}  // namespace ts::etablissement
