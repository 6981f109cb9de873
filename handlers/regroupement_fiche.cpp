// "Fiche de renseignements" (GET/POST /compte/fiche), part of ts-regroupement:
// a responsable account sees and edits the fiche (address, phones, contact
// address, profession) of each responsable it represents: its own
// account.responsable_id, plus those recorded in account_responsable when a
// regroupement merged the account of another responsable (compte joint).
#include <cctype>
#include <map>
#include <vector>

#include "accounts.h"
#include "app.h"
#include "audit.h"
#include "render.h"
#include "session.h"

namespace ts {

namespace {

struct Fiche {
  unsigned id = 0;
  std::string name, address, phone, mobile_phone, contact_email, profession;
};

const char* kFields[] = {"adresse", "telephone", "portable", "courriel", "profession"};

std::string phone(const std::string& in, std::string& out) {
  if (in.size() < 10 || in.size() > 20) return "Saisissez un numéro de 10 à 20 caractères (chiffres, espaces, +).";
  for (char c : in)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == '+'))
      return "Un numéro de téléphone ne contient que des chiffres, des espaces et le signe +.";
  out = in;
  return "";
}

std::vector<Fiche> fiches_of(Db& db, unsigned account_id) {
  std::vector<Fiche> out;
  auto st = db.prepare(
      "SELECT r.id, CONCAT(r.first_name, ' ', r.last_name), COALESCE(r.address, ''), COALESCE(r.phone, ''),"
      " COALESCE(r.mobile_phone, ''), COALESCE(r.contact_email, ''), COALESCE(r.profession, '')"
      " FROM responsable r WHERE r.id IN (SELECT responsable_id FROM account WHERE id = ?"
      " UNION SELECT responsable_id FROM account_responsable WHERE account_id = ?) ORDER BY r.id");
  st->setUInt(1, account_id);
  st->setUInt(2, account_id);
  Rows r(st->executeQuery());
  while (r->next()) {
    Fiche f;
    f.id = r->getUInt(1);
    f.name = r->getString(2);
    f.address = r->getString(3);
    f.phone = r->getString(4);
    f.mobile_phone = r->getString(5);
    f.contact_email = r->getString(6);
    f.profession = r->getString(7);
    out.push_back(f);
  }
  return out;
}

std::map<std::string, std::string> values(const Fiche& f) {
  return {{"adresse", f.address}, {"telephone", f.phone}, {"portable", f.mobile_phone},
          {"courriel", f.contact_email}, {"profession", f.profession}};
}

Response fiche_page(Context& ctx, const Request& req, const SessionInfo& s, const Account& a,
                    const std::vector<Fiche>& fiches, unsigned failed_id, const Form* form, int status, bool saved) {
  Page p{status, "Mon compte : fiche de renseignements", "fiche_renseignements.tpl", true, "COMPTE"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    account_frame(d, a, "FICHE");
    if (saved) d.ShowSection("SAVED");
    if (fiches.size() > 1) d.ShowSection("JOINT");
    for (const auto& f : fiches) {
      auto* row = d.AddSectionDictionary("FICHE");
      row->SetIntValue("RID", f.id);
      row->SetValue("NAME", f.name);
      auto v = values(f);
      for (const char* field : kFields) {
        std::string up = field;
        for (auto& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        bool mine = form && failed_id == f.id;
        row->SetValue(up + "_VALUE", mine ? form->raw(field) : v[field]);
        if (mine && form->has_error(field)) {
          row->ShowSection(up + "_HAS_ERROR");
          for (const auto& [name, msg] : form->errors())
            if (name == field) row->SetValue(up + "_ERROR", msg);
        }
      }
      if (form && failed_id == f.id) fill_error_summary(*row, *form, "-" + std::to_string(f.id));
    }
  }, &s);
}

}  // namespace

Response fiche(const Request& req, Context& ctx, const SessionInfo& s, const Account& a) {
  auto fiches = fiches_of(ctx.db, a.id);
  if (req.method != "POST") {
    Form query(req, {{"modifie", 5, nullptr}});
    return fiche_page(ctx, req, s, a, fiches, 0, nullptr, 200, !query.raw("modifie").empty());
  }
  Form form(req, {{"csrf_token", 64, nullptr}, {"responsable", 10, nullptr}, {"adresse", 255, nullptr},
                  {"telephone", 20, phone}, {"portable", 20, phone}, {"courriel", 254, valid::email},
                  {"profession", 120, nullptr}});
  if (!csrf_valid(ctx, req, form.raw("csrf_token"))) return form_expired(ctx, req, "/compte/fiche");
  const Fiche* target = nullptr;
  for (const auto& f : fiches)
    if (std::to_string(f.id) == form.raw("responsable")) target = &f;
  if (!target) throw HttpError(403, "Cette fiche n'est pas rattachée à votre compte.");
  if (!form.ok()) return fiche_page(ctx, req, s, a, fiches, target->id, &form, 422, false);
  auto before = values(*target);
  std::string changed;
  for (const char* field : kFields)
    if (before[field] != form.value(field)) changed += (changed.empty() ? "" : ",") + std::string(field);
  if (!changed.empty()) {
    Transaction tx(ctx.db);
    auto st = ctx.db.prepare(
        "UPDATE responsable SET address = NULLIF(?, ''), phone = NULLIF(?, ''), mobile_phone = NULLIF(?, ''),"
        " contact_email = NULLIF(?, ''), profession = NULLIF(?, '') WHERE id = ?");
    int i = 1;
    for (const char* field : kFields) st->setString(i++, form.value(field));
    st->setUInt(6, target->id);
    st->executeUpdate();
    audit(ctx.db, a.id, a.identifier, "fiche_update", "responsable " + std::to_string(target->id) + ": " + changed,
          req.remote_addr);
    tx.commit();
  }
  return Response::redirect("/compte/fiche?modifie=1");
}

}  // namespace ts
