// Courriers de notification (permission courriers: direction, secrétariat;
// the fiche's single letter: assistance). The school is the staff member's
// (staff::scope_of); a class or account of another school is not found
// (404), nothing generated. Each generation runs in one transaction: the
// accounts, letters and audit rows are committed only once the PDF exists,
// and the provisional passwords live only in that PDF.
#include "courriers.h"

#include "accounts/followup.h"
#include "accounts/generation.h"
#include "accounts/letter_pdf.h"
#include "accounts/renotify.h"
#include "core/crypto.h"
#include "core/validators.h"
#include "scolarite/records.h"
#include "staff/staff.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::courriers {
namespace {
using namespace ts::web;
using FS = accounts::FollowState;

std::string destinataires(const std::string& in, std::string& out) {
  if (in == "tous" || in == "eleves" || in == "responsables") {
    out = in;
    return "";
  }
  return "Choisissez les courriers à générer : élèves, responsables, ou les deux.";
}

// The class field of "Générer": a class id, or "tout" (the whole school).
std::string classe_or_all(const std::string& in, std::string& out) {
  if (in == "tout") {
    out = in;
    return "";
  }
  return valid::record_id(in, out);
}

accounts::Actor actor(const Call& c) {
  const accounts::Account& me = c.account();
  return {me.id, me.identifier, c.req.remote_addr};
}

unsigned scope(const Call& c) { return staff::scope_of(c.account()); }

// "4 C" -> "4-C": the file name's part (letters, digits, '-').
std::string file_part(const std::string& name) {
  std::string out;
  for (unsigned char ch : name) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) out += static_cast<char>(ch);
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "classe" : out;
}

Response pdf(std::string body, const std::string& name) {
  Response res;
  res.content_type = "application/pdf";
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"courriers-" + name + ".pdf\"");
  res.body = std::move(body);
  return res;
}

Response nothing_to_print(Call& c, const std::string& heading, const std::string& scope_text,
                          const accounts::Generation& g, const accounts::Renotification* n) {
  Page p{200, heading, "courriers/resultat.tpl", true, "COURRIERS"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("HEADING", heading);
    d.SetValue("SCOPE", scope_text);
    d.SetIntValue("CREATED", g.created);
    d.SetIntValue("RENEWED", g.renewed);
    d.SetIntValue("ATTACHED", g.attached);
    d.SetIntValue("UNCHANGED", g.unchanged);
    d.SetIntValue("HELD", g.held);
    if (n) {
      auto* m = d.AddSectionDictionary("MAILS");
      m->SetIntValue("MAILED", n->mailed);
      m->SetIntValue("MAIL_LIMITED", n->mail_limited);
    }
  });
}

// A web request's limit for generating letters (Config::letters_web_seconds).
std::chrono::steady_clock::time_point web_deadline(const Call& c) {
  return std::chrono::steady_clock::now() + std::chrono::seconds(c.ctx.cfg.letters_web_seconds);
}

// Too many letters for one web request: nothing was kept (the transaction rolled back).
Response too_long(Call& c, const std::string& scope_text) {
  return message_page(c, 503, "Trop de courriers pour une seule demande",
                      "Générer les courriers de " + scope_text +
                          " prend plus de temps qu'une page web n'en permet : rien n'a été enregistré et aucun mot de "
                          "passe n'a changé. Générez-les classe par classe, ou tous en une fois avec la commande "
                          "« teleservices-admin letters » (à demander à l'administrateur du serveur).",
                      "/etablissement/courriers", "Retour aux courriers", "COURRIERS");
}

// The class a form names, in the scope: its name; nullopt: not found (404).
std::optional<std::string> posted_class(Call& c, const Form& form, unsigned& class_id) {
  class_id = form.record_id("classe");
  if (form.has_error("classe") || !class_id) return std::nullopt;
  return accounts::class_of(c.ctx.db, scope(c), class_id);
}

}  // namespace

Response courriers(Call& c) {
  Db& db = c.ctx.db;
  const unsigned school = scope(c);
  if (!school) return not_found(c);
  const auto counts = accounts::counts_by_class(db, school);
  const auto classes = scolarite::classes_of(db, school);
  Page p{200, "Courriers de notification", "courriers/courriers.tpl", true, "COURRIERS"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.ShowSection(counts.empty() && classes.empty() ? "NO_CLASSES" : "HAS_CLASSES");
    for (const auto& k : counts) {
      auto n = [&](FS s) { return static_cast<long>(k.by_state[static_cast<unsigned>(s)]); };
      auto* row = d.AddSectionDictionary("CLASS");
      row->SetValue("CLASS_NAME", k.class_name.empty() ? "Sans classe" : k.class_name);
      row->SetIntValue("EXPECTED", k.expected);
      row->SetIntValue("NOT_GENERATED", n(FS::non_generee));
      row->SetIntValue("NOT_USED", n(FS::non_utilisee) + n(FS::expire));
      row->SetIntValue("IN_USE", n(FS::en_attente) + n(FS::actif));
      row->SetIntValue("OTHER", n(FS::ferme) + n(FS::verrouille) + n(FS::signale));
    }
    for (const auto& k : classes) {
      auto* o = d.AddSectionDictionary("CLASS_OPTION");
      o->SetIntValue("ID", k.id);
      o->SetValue("NAME", k.name);
    }
  });
}

Response generate(Call& c) {
  Form form(c.req, {{"classe", 10, classe_or_all}, {"destinataires", 20, destinataires}});
  const unsigned school = scope(c);
  if (!school) return not_found(c);
  Db& db = c.ctx.db;
  if (form.raw("classe").empty()) form.fail("classe", "Choisissez une classe, ou tout l'établissement.");
  if (form.raw("destinataires").empty())
    form.fail("destinataires", "Choisissez les courriers à générer : élèves, responsables, ou les deux.");
  unsigned class_id = 0;
  std::string class_name;
  if (!form.has_error("classe") && form.value("classe") != "tout") {
    auto name = posted_class(c, form, class_id);
    if (!name) return not_found(c);
    class_name = *name;
  } else if (form.has_error("classe") && !form.raw("classe").empty()) {
    return not_found(c);  // not an id of ours
  }
  if (!form.ok())
    return message_page(c, 422, "Courriers à générer", form.errors().front().second, "/etablissement/courriers",
                        "Retour aux courriers", "COURRIERS");
  const std::string who = form.value("destinataires");
  accounts::GenerationRequest r;
  r.establishment_id = school;
  r.class_id = class_id;
  r.eleves = who != "responsables";
  r.responsables = who != "eleves";
  r.deadline = web_deadline(c);
  const std::string scope_text = class_id ? "la classe " + class_name : "tout l'établissement";
  Transaction tx(db);
  accounts::Generation g;
  try {
    g = accounts::generate_letters(db, crypto::argon2_params(c.ctx.cfg), r, actor(c));
  } catch (const accounts::TooLong&) {
    return too_long(c, scope_text);
  }
  if (g.pages.empty()) {
    tx.commit();  // children attached to active accounts, the audit row
    return nothing_to_print(c, "Courriers de notification", scope_text, g, nullptr);
  }
  std::string body = accounts::letters_pdf(g.pages, c.ctx.cfg.base_url);
  tx.commit();
  return pdf(std::move(body), class_id ? file_part(class_name) : "etablissement");
}

Response renotify(Call& c) {
  Form form(c.req, {{"classe", 10, valid::record_id}, {"nouveau_mot_de_passe", 1, nullptr}});
  const unsigned school = scope(c);
  if (!school) return not_found(c);
  if (form.raw("classe").empty())
    return message_page(c, 422, "Relancer une classe", "Choisissez la classe à relancer.", "/etablissement/courriers",
                        "Retour aux courriers", "COURRIERS");
  unsigned class_id = 0;
  auto class_name = posted_class(c, form, class_id);
  if (!class_name) return not_found(c);
  const std::string& box = form.raw("nouveau_mot_de_passe");
  if (!box.empty() && box != "1")
    return message_page(c, 422, "Relancer une classe", "La case « nouveau mot de passe » est cochée ou non : rien d'autre.",
                        "/etablissement/courriers", "Retour aux courriers", "COURRIERS");
  const bool new_passwords = box == "1";
  Db& db = c.ctx.db;
  Transaction tx(db);
  accounts::Renotification n;
  try {
    n = accounts::renotify_class(db, c.ctx.cfg, crypto::argon2_params(c.ctx.cfg), school, class_id, new_passwords,
                                 actor(c), web_deadline(c));
  } catch (const accounts::TooLong&) {
    return too_long(c, "la classe " + *class_name);
  }
  if (n.letters.pages.empty()) {
    tx.commit();
    return nothing_to_print(c, "Relance de la classe " + *class_name, "la classe " + *class_name, n.letters,
                            &n);
  }
  std::string body = accounts::letters_pdf(n.letters.pages, c.ctx.cfg.base_url);
  tx.commit();
  return pdf(std::move(body), "relance-" + file_part(*class_name));
}

Response account_letter(Call& c) {
  Form form(c.req, {{"compte", 10, valid::record_id}});
  const unsigned id = form.record_id("compte");
  const unsigned school = scope(c);
  Db& db = c.ctx.db;
  Transaction tx(db);
  auto a = id && school ? accounts::lock_family_account(db, school, id) : std::nullopt;
  if (!a) return not_found(c);
  const std::string back = "/etablissement/famille?id=" + std::to_string(a->id);
  if (!accounts::may_get_letter(a->state, a->email))
    return message_page(c, 409, "Pas de nouveau courrier",
                        a->state == "closed"
                            ? "Ce compte est fermé : il ne reçoit plus de courrier. Générez les courriers de la classe "
                              "pour créer un nouveau compte."
                            : "L'adresse mail de ce compte est confirmée : la famille retrouve seule son mot de passe "
                              "avec « mot de passe oublié ».",
                        back, "Retour à la fiche", "ASSISTANCE");
  if (accounts::letter_held_back(db, a->id))
    return message_page(c, 409, "Pas de nouveau courrier",
                        "Le courrier de ce compte a été signalé (« je ne suis pas le représentant légal ») : traitez "
                        "d'abord le signalement (Signalements).",
                        back, "Retour à la fiche", "ASSISTANCE");
  auto page = accounts::regenerate_letter(db, crypto::argon2_params(c.ctx.cfg), school, a->id, actor(c));
  if (!page) return not_found(c);
  std::string body = accounts::letters_pdf({*page}, c.ctx.cfg.base_url);
  tx.commit();
  return pdf(std::move(body), a->identifier);
}

}  // namespace ts::courriers
