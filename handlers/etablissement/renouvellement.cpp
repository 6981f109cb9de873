// issue 13 — aide: forcing a new password at the next sign-in of family
// accounts (permission renouvellement: direction for its school, the
// académie for every school; lib/accounts/renewal.h does it). GET
// /etablissement/renouvellement shows the form; POST (fields qui:
// identifiants | classe | tous, identifiants: one per line, classe: a class
// id of the school, sauf_depuis: JJ/MM/AAAA, optional, not after today,
// confirmer: 1) answers
// 303 to the page with the count and the identifiers not found (fait=N,
// inconnus=a,b: at most kUnknownListed), or 422 with the messages next to
// the fields. The académie's form offers "tous" only.
#include <ctime>
#include <optional>

#include "accounts/renewal.h"
#include "core/text.h"
#include "core/validators.h"
#include "etablissement.h"
#include "scolarite/records.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;

constexpr size_t kUnknownListed = 50;

// Today as AAAA-MM-JJ in the process's time zone (Europe/Paris in the
// handlers): the day a secretary's "depuis le" is compared with.
std::string local_today() { return iso_day(std::time(nullptr), true); }

const std::vector<FieldSpec>& fields() {
  static const std::vector<FieldSpec> kFields = {{"qui", 20, nullptr},
                                                 {"identifiants", 8000, nullptr},
                                                 {"classe", 10, valid::record_id},
                                                 {"sauf_depuis", 10, nullptr},
                                                 {"confirmer", 1, nullptr}};
  return kFields;
}

// The outcome a 303 carries (fait, inconnus), read back by the GET: nullopt
// without one; identifiers that are not well formed are dropped.
std::optional<accounts::RenewalOutcome> outcome_of(const Form& q) {
  const std::string& count = q.value("fait");
  if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  accounts::RenewalOutcome out;
  out.count = static_cast<unsigned>(std::stoul(count));
  const std::string& list = q.value("inconnus");
  for (size_t start = 0; start < list.size();) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string id;
    if (valid::identifier(list.substr(start, end - start), id).empty() && !id.empty()) out.unknown.push_back(id);
    start = end + 1;
  }
  return out;
}

Response page(Call& c, int status, const Form* form, const accounts::RenewalOutcome* done) {
  const unsigned school = scope(c);
  const auto classes = school ? scolarite::classes_of(c.ctx.db, school) : std::vector<scolarite::SchoolClass>{};
  Page p{status, "Nouveau mot de passe exigé", "etablissement/renouvellement.tpl", true, "ETABLISSEMENT"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.ShowSection(school ? "SCHOOL" : "ACADEMIE");
    const std::string who = form ? form->raw("qui") : "";
    if (school) {
      if (who == "identifiants") d.ShowSection("QUI_IDENTIFIANTS_CHECKED");
      if (who == "classe") d.ShowSection("QUI_CLASSE_CHECKED");
      if (who == "tous") d.ShowSection("QUI_TOUS_CHECKED");
      for (const auto& k : classes) {
        auto* row = d.AddSectionDictionary("CLASS_OPTION");
        row->SetIntValue("ID", static_cast<long>(k.id));
        row->SetValue("NAME", k.name);
        if (form && form->value("classe") == std::to_string(k.id)) row->ShowSection("SELECTED");
      }
    }
    if (form) fill_form(d, *form, {"identifiants", "sauf_depuis"});
    if (done) {
      auto* n = d.AddSectionDictionary("DONE");
      n->SetValue("TEXT", std::to_string(done->count) +
                              (done->count == 1 ? " compte devra choisir un nouveau mot de passe"
                                                : " comptes devront choisir un nouveau mot de passe") +
                              " à leur prochaine connexion.");
      if (!done->unknown.empty()) n->ShowSection("UNKNOWN");
      for (const auto& id : done->unknown) n->AddSectionDictionary("UNKNOWN_ID")->SetValue("IDENTIFIER", id);
    }
  });
}

// The identifiers typed one per line (commas and spaces also separate them),
// lower case; a malformed one is marked on the field.
std::vector<std::string> identifiers_of(Form& form) {
  std::vector<std::string> out;
  std::string text = form.raw("identifiants");
  for (char& ch : text)
    if (ch == '\r' || ch == '\n' || ch == ',' || ch == ';' || ch == '\t') ch = ' ';
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) {
      std::string id, typed = text.substr(start, end - start);
      if (typed.size() > 40 || !valid::identifier(typed, id).empty()) {
        form.fail("identifiants", "« " + typed.substr(0, 40) + " » n'est pas un identifiant valide.");
        return {};
      }
      out.push_back(id);
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

Response renewal(Call& c) {
  const auto done = outcome_of(*c.query);
  return page(c, 200, nullptr, done ? &*done : nullptr);
}

std::vector<FieldSpec> renewal_fields() { return {{"fait", 7, nullptr}, {"inconnus", 2100, nullptr}}; }

Response renewal_demand(Call& c) {
  Form form(c.req, fields());
  const unsigned school = scope(c);
  accounts::RenewalRequest r;
  r.establishment_id = school;
  const std::string& who = form.raw("qui");
  if (who == "tous") {
    r.who = accounts::RenewalWho::everyone;
  } else if (school && who == "identifiants") {
    r.who = accounts::RenewalWho::identifiers;
    r.identifiers = identifiers_of(form);
    if (r.identifiers.empty() && !form.has_error("identifiants"))
      form.fail("identifiants", "Saisissez au moins un identifiant, un par ligne.");
  } else if (school && who == "classe") {
    r.who = accounts::RenewalWho::division;
    r.class_id = form.has_error("classe") ? 0 : valid::record_id_of(form.value("classe"));
    if (!r.class_id) form.fail("classe", "Choisissez une classe de l'établissement.");
  } else {
    form.fail("qui", "Choisissez les comptes concernés.");
  }
  if (!form.raw("sauf_depuis").empty()) {
    std::string day;
    if (!valid::birth_date(form.raw("sauf_depuis"), day).empty())
      form.fail("sauf_depuis", "La date doit être une date valide, au format JJ/MM/AAAA.");
    else if (day > local_today())
      form.fail("sauf_depuis", "La date ne peut pas être dans le futur : aucun mot de passe n'a encore été changé ce jour-là.");
    r.changed_since = day;
  }
  if (form.raw("confirmer") != "1")
    form.fail("confirmer", "Cochez la case pour confirmer : les comptes concernés devront choisir un nouveau mot de passe.");
  if (!form.ok()) return page(c, 422, &form, nullptr);
  const accounts::Account& me = c.account();
  auto out = accounts::demand_renewal(c.ctx.db, r, me.id, me.identifier, c.req.remote_addr);
  if (!out.class_found) {
    form.fail("classe", "Choisissez une classe de l'établissement.");
    return page(c, 422, &form, nullptr);
  }
  std::string to = "/etablissement/renouvellement?fait=" + std::to_string(out.count);
  for (size_t i = 0; i < out.unknown.size() && i < kUnknownListed; ++i) to += (i ? "," : "&inconnus=") + out.unknown[i];
  return Response::redirect(to);
}

}  // namespace ts::etablissement
