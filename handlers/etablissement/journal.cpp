// Journal (permission journal): the audit log of the school (the académie:
// every school's, with an Établissement column), filtered by day range,
// identifier and event, 50 rows a page by keyset (`avant`: rows with a
// smaller id), and its CSV export with the same filters (UTF-8 with BOM, ';',
// CRLF; lib/core/csv.h). The scope is in the SQL (security::journal).
#include <ctime>

#include "core/csv.h"
#include "core/validators.h"
#include "etablissement.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;

constexpr unsigned kPageRows = 50;
constexpr unsigned kExportBatch = 1000;
constexpr unsigned kExportCap = 100000;

// YYYY-MM-DD, a real calendar day.
std::string iso_day(const std::string& in, std::string& out) {
  static const std::string msg = "Saisissez une date au format AAAA-MM-JJ (exemple : 2026-09-01).";
  if (in.size() != 10 || in[4] != '-' || in[7] != '-') return msg;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (in[i] < '0' || in[i] > '9') return msg;
  auto number = [&](size_t from, size_t count) {
    int n = 0;
    for (size_t i = from; i < from + count; ++i) n = n * 10 + (in[i] - '0');
    return n;
  };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || (m == 2 && d == 29 && !leap))
    return msg;
  out = in;
  return "";
}

// A keyset position: 1 to 19 digits (an audit_log id).
std::string row_id(const std::string& in, std::string& out) {
  if (in.empty() || in.size() > 19 || in.find_first_not_of("0123456789") != std::string::npos)
    return "Position de page non valide.";
  out = in;
  return "";
}

// The filters of a request; false (errors marked on the form) when one is wrong.
bool read_filters(Form& form, security::AuditFilter& f, unsigned long long& before) {
  f.from_date = form.has_error("du") ? "" : form.value("du");
  f.to_date = form.has_error("au") ? "" : form.value("au");
  f.identifier = form.value("identifiant");
  f.event = form.value("evenement");
  before = form.has_error("avant") || form.value("avant").empty() ? 0 : std::stoull(form.value("avant"));
  if (form.ok() && !f.from_date.empty() && !f.to_date.empty() && f.from_date > f.to_date)
    form.fail("au", "La date de fin doit être postérieure ou égale à la date de début.");
  return form.ok();
}

}  // namespace

// An account identifier (families' and staff's alike), with the journal's own message.
static std::string any_identifier(const std::string& in, std::string& out) {
  if (!valid::identifier(in, out).empty())
    return "Saisissez un identifiant de compte : lettres, chiffres, points, tirets ou soulignés.";
  return "";
}

std::vector<FieldSpec> journal_filters() {
  return {{"du", 10, iso_day},
          {"au", 10, iso_day},
          {"identifiant", 40, any_identifier},
          {"evenement", 60, nullptr},
          {"avant", 20, row_id}};
}

Response journal(Call& c) {
  // The query form is the page's own (c.query is const: a copy to mark errors on).
  Form form = *c.query;
  security::AuditFilter f;
  unsigned long long before = 0;
  const bool ok = read_filters(form, f, before);
  Db& db = c.ctx.db;
  const unsigned school = scope(c);
  std::vector<security::AuditRow> rows;
  if (ok) rows = security::journal(db, school, f, before, kPageRows + 1);
  const bool more = rows.size() > kPageRows;
  if (more) rows.resize(kPageRows);
  const auto events = security::journal_events(db, school);

  Page p{ok ? 200 : 422, "Journal", "etablissement/journal.tpl", true, "JOURNAL"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    fill_form(d, form, {"du", "au", "identifiant"});
    if (school == 0) d.ShowSection("ALL_SCHOOLS");
    for (const auto& e : events) {
      auto* opt = d.AddSectionDictionary("EVENT");
      opt->SetValue("NAME", e);
      opt->SetValue("LABEL", security::event_label(e));
      if (e == f.event) opt->ShowSection("SELECTED");
    }
    for (const char* key : {"du", "au", "identifiant", "evenement"}) d.SetValue(template_key(key) + "_Q", form.value(key));
    if (!ok) return;
    d.ShowSection(rows.empty() ? "NO_ROWS" : "ROWS");
    if (before) d.ShowSection("NOT_FIRST");
    for (const auto& r : rows) {
      auto* row = d.AddSectionDictionary("ROW");
      row->SetValue("AT", r.at);
      row->SetValue("IDENTIFIER", r.identifier);
      row->SetValue("EVENT", security::event_label(r.event));
      row->SetValue("DETAIL", r.detail);
      row->SetValue("ADDRESS", r.remote_addr);
      if (school == 0) {
        row->ShowSection("ALL_SCHOOLS");
        row->SetValue("SCHOOL", r.uai.empty() ? "—" : r.school + " (" + r.uai + ")");
      }
    }
    if (more || before) {
      auto* pages = d.AddSectionDictionary("PAGINATION");
      if (before) pages->ShowSection("FIRST_LINK");
      if (more) {
        pages->ShowSection("OLDER_LINK");
        pages->SetValue("AVANT", std::to_string(rows.back().id));
      }
    }
  });
}

Response journal_csv(Call& c) {
  Form form = *c.query;
  security::AuditFilter f;
  unsigned long long before = 0;
  if (!read_filters(form, f, before)) {
    const auto errors = form.errors();
    return message_page(c, 422, "Export impossible", errors.front().second, "/etablissement/journal",
                        "Retour au journal", "JOURNAL");
  }
  Db& db = c.ctx.db;
  const unsigned school = scope(c);
  std::string uai = "academie";
  if (school) {
    auto e = scolarite::establishment(db, school);
    if (e) uai = e->uai;
  }
  const bool all = school == 0;
  std::string body = csv::kUtf8Bom;
  std::vector<std::string> header = {"Date", "Identifiant", "Événement", "Détail", "Adresse IP"};
  if (all) header.insert(header.begin(), "Établissement");
  body += csv::row(header);
  unsigned written = 0;
  bool capped = false;
  for (;;) {
    auto rows = security::journal(db, school, f, before, kExportBatch);
    for (const auto& r : rows) {
      if (written == kExportCap) {
        capped = true;
        break;
      }
      std::vector<std::string> fields = {r.at, r.identifier, security::event_label(r.event), r.detail, r.remote_addr};
      if (all) fields.insert(fields.begin(), r.uai);
      body += csv::row(fields);
      ++written;
      before = r.id;
    }
    if (capped || rows.size() < kExportBatch) break;
  }
  if (capped)
    body += csv::row({"Export limité aux " + std::to_string(kExportCap) +
                      " lignes les plus récentes : restreignez les dates pour obtenir les suivantes."});

  char day[11];
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::strftime(day, sizeof day, "%Y-%m-%d", &local);
  Response res;
  res.content_type = "text/csv; charset=utf-8";
  res.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"journal-" + uai + "-" + std::string(day) + ".csv\"");
  res.body = std::move(body);
  return res;
}

}  // namespace ts::etablissement
