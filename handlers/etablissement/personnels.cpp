// Personnels (permission personnels; delegation for the helpdesk rights):
// the school's staff, creating an account (the enrolment link is mailed, never
// shown), a staff member's fiche and its actions. Every id is looked up in the
// signed-in member's scope (lib/staff/staff.h): another school's is not found
// (404) and nothing changes. Each action answers 303 back to the fiche with a
// notice, as Mon compte does.
#include <algorithm>

#include "accounts/account.h"
#include "accounts/mails.h"
#include "core/text.h"
#include "core/validators.h"
#include "etablissement.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "staff/second_factor.h"
#include "staff/staff.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;
using staff::Role;

constexpr const char* kList = "/etablissement/personnels";

// The roles direction gives from the web (académie: command line only;
// assistance: a delegation, on the fiche), with their checkbox.
struct RoleBox {
  Role role;
  const char* field;
};
constexpr RoleBox kRoleBoxes[] = {{Role::direction, "role_direction"},
                                  {Role::secretariat, "role_secretariat"},
                                  {Role::vie_scolaire, "role_vie_scolaire"},
                                  {Role::enseignant, "role_enseignant"}};

constexpr size_t kNameMax = 80;     // staff.first_name, last_name
constexpr size_t kSubjectMax = 60;  // staff_teaching.subject

std::string class_field(unsigned id) { return "classe_" + std::to_string(id); }

const char* state_label(const std::string& state) {
  if (state == "letter") return "En attente d'activation";
  if (state == "active") return "Actif";
  if (state == "closed") return "Fermé";
  return "Autre";
}

// "Mathématiques, Physique-chimie" -> {"Mathématiques", "Physique-chimie"}:
// trimmed, empty items dropped, duplicates once.
std::vector<std::string> subjects_of(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    std::string s = list.substr(start, end - start);
    const auto first = s.find_first_not_of(" \t");
    const auto last = s.find_last_not_of(" \t");
    s = first == std::string::npos ? "" : s.substr(first, last - first + 1);
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    start = end + 1;
  }
  return out;
}

// The message of a field's error ("" when none): for the grouped checkboxes,
// whose error shows on their fieldset.
std::string error_of(const Form& form, const std::string& field) {
  for (const auto& [f, m] : form.errors())
    if (f == field) return m;
  return "";
}

Response new_form_page(Call& c, const Form* form) {
  Db& db = c.ctx.db;
  auto classes = scolarite::classes_of(db, scope(c));
  Page p{form ? 422 : 200, "Nouveau compte de personnel", "etablissement/nouveau.tpl", true, "PERSONNELS"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (form) fill_form(d, *form, {"prenom", "nom", "courriel", "matieres"});
    for (const auto& box : kRoleBoxes) {
      auto* row = d.AddSectionDictionary("ROLE");
      row->SetValue("FIELD", box.field);
      row->SetValue("LABEL", staff::role_label(box.role));
      if (form && form->raw(box.field) == "1") row->ShowSection("CHECKED");
    }
    // The roles' errors (none ticked; an enseignant without classes to teach) show on their fieldset.
    if (form && (form->has_error("role_direction") || form->has_error("role_enseignant"))) {
      d.ShowSection("ROLES_HAVE_ERROR");
      d.SetValue("ROLES_ERROR", error_of(*form, form->has_error("role_direction") ? "role_direction" : "role_enseignant"));
    }
    d.ShowSection(classes.empty() ? "NO_CLASSES" : "HAS_CLASSES");
    for (size_t i = 0; i < classes.size(); ++i) {
      auto* row = d.AddSectionDictionary("CLASS");
      const std::string field = class_field(classes[i].id);
      row->SetValue("FIELD", field);
      row->SetValue("NAME", classes[i].name);
      if (form && form->raw(field) == "1") row->ShowSection("CHECKED");
    }
    if (form && !classes.empty() && form->has_error(class_field(classes.front().id))) {
      d.ShowSection("CLASSES_HAVE_ERROR");
      d.SetValue("CLASSES_ERROR", error_of(*form, class_field(classes.front().id)));
    }
  });
}

// The fiche's id field, as the action forms send it: an id of the scope, or 404.
std::optional<staff::StaffMember> posted_member(Call& c, const Form& form) {
  const unsigned id = form.record_id("id");
  if (!id) return std::nullopt;
  return staff::find_staff(c.ctx.db, scope(c), id);
}

Response back_to_fiche(unsigned id, const char* what) {
  return Response::redirect("/etablissement/personnels/fiche?id=" + std::to_string(id) + "&modifie=" + what);
}

Response refused(Call& c, unsigned id, const std::string& title, const std::string& message) {
  return message_page(c, 409, title, message, "/etablissement/personnels/fiche?id=" + std::to_string(id),
                      "Retour à la fiche", "PERSONNELS");
}

// An action of the fiche (POST with the member's id): in one transaction, the
// member looked up in the scope (another school's, or none: 404, nothing
// changed), refused on one's own account (409), then `act`, committed when it
// answers the 303 back to the fiche; any other answer changes nothing.
template <class Act>
Response on_member(Call& c, const std::vector<FieldSpec>& fields, const char* self_title, const char* self_message,
                   Act act) {
  Form form(c.req, fields);
  Transaction tx(c.ctx.db);
  auto m = posted_member(c, form);
  if (!m) return not_found(c);
  if (m->account_id == c.account().id) return refused(c, m->account_id, self_title, self_message);
  Response res = act(form, *m);
  if (res.status == 303) tx.commit();
  return res;
}

// The audit row of an action: the signed-in member acts, on `m` (its identifier as detail).
void audit_action(Call& c, const char* event, const staff::StaffMember& m) {
  security::audit(c.ctx.db, c.account().id, c.account().identifier, event, m.identifier, c.req.remote_addr);
}

}  // namespace

Response personnels(Call& c) {
  auto staff_list = staff::list_staff(c.ctx.db, scope(c));
  Page p{200, "Personnels", "etablissement/personnels.tpl", true, "PERSONNELS"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    for (const auto& m : staff_list) {
      auto* row = d.AddSectionDictionary("MEMBER");
      row->SetIntValue("ID", static_cast<long>(m.account_id));
      row->SetValue("IDENTIFIER", m.identifier);
      row->SetValue("NAME", m.display_name());
      row->SetValue("ROLES", staff::roles_label(m.roles));
      row->SetValue("STATE", state_label(m.state));
      row->SetValue("FACTOR", m.enrolled ? "Configurée" : "Non configurée");
    }
    if (staff_list.empty()) d.ShowSection("EMPTY");
  });
}

Response new_staff_form(Call& c) { return new_form_page(c, nullptr); }

Response create_staff_member(Call& c) {
  Db& db = c.ctx.db;
  const unsigned school = scope(c);
  auto classes = scolarite::classes_of(db, school);
  // The field table: the fixed fields, then one checkbox per class of the
  // school (their names must outlive the specs).
  std::vector<std::string> class_fields;
  class_fields.reserve(classes.size());
  for (const auto& k : classes) class_fields.push_back(class_field(k.id));
  std::vector<FieldSpec> specs = {{"prenom", kNameMax, nullptr}, {"nom", kNameMax, nullptr},
                                  {"courriel", 254, valid::email}};
  for (const auto& box : kRoleBoxes) specs.push_back({box.field, 1, nullptr});
  specs.push_back({"matieres", 300, nullptr});
  for (const auto& f : class_fields) specs.push_back({f.c_str(), 1, nullptr});
  Form form(c.req, specs);

  if (form.raw("prenom").empty()) form.fail("prenom", "Saisissez le prénom.");
  if (form.raw("nom").empty()) form.fail("nom", "Saisissez le nom.");
  if (form.raw("courriel").empty()) form.fail("courriel", "Saisissez l'adresse mail professionnelle.");
  staff::Roles roles = 0;
  for (const auto& box : kRoleBoxes)
    if (form.raw(box.field) == "1") roles |= staff::bit(box.role);
  if (!roles) form.fail("role_direction", "Cochez au moins un rôle.");
  staff::NewStaff s;
  if (staff::has(roles, Role::enseignant)) {
    const auto subjects = subjects_of(form.raw("matieres"));
    std::vector<unsigned> chosen;
    for (size_t i = 0; i < classes.size(); ++i)
      if (form.raw(class_fields[i]) == "1") chosen.push_back(classes[i].id);
    if (subjects.empty())
      form.fail("matieres", "Saisissez au moins une discipline enseignée (séparées par des virgules).");
    for (const auto& subject : subjects)
      if (utf8_length(subject) > kSubjectMax)
        form.fail("matieres", "Chaque discipline compte " + std::to_string(kSubjectMax) + " caractères au plus.");
    if (classes.empty())
      form.fail("role_enseignant", "L'établissement n'a encore aucune classe : un enseignant ne peut pas être créé.");
    else if (chosen.empty())
      form.fail(class_fields.front(), "Cochez au moins une classe de l'enseignant.");
    for (unsigned id : chosen)
      for (const auto& subject : subjects) s.teaching.push_back({id, "", subject});
  }
  if (!form.ok()) return new_form_page(c, &form);

  const accounts::Account& me = c.account();
  s.first_name = form.raw("prenom");
  s.last_name = form.raw("nom");
  s.email = form.value("courriel");
  s.establishment_id = school;
  s.roles = roles;
  s.created_by = me.id;
  Transaction tx(db);
  accounts::lock_account(db, me.id);  // the creator's row first: serialises a form posted twice
  std::string identifier;
  unsigned id = 0;
  if (auto twin = staff::created_just_now(db, me.id, s.email)) {
    identifier = *twin;  // a double click: the account and its mail exist already
    auto existing = accounts::find_account(db, identifier);
    id = existing ? existing->id : 0;
  } else {
    staff::Created created = staff::create_staff(db, s);
    identifier = created.identifier;
    id = created.account_id;
    accounts::queue_staff_enrolment_mail(db, c.ctx.cfg.base_url, {identifier, s.first_name + " " + s.last_name, s.email},
                                         created.enrolment_code, staff::kEnrolmentMinutes / 60);
    security::audit(db, me.id, me.identifier, "staff_created", identifier + " (" + staff::roles_label(roles) + ")",
                    c.req.remote_addr);
  }
  tx.commit();
  // Post/Redirect/Get: the new member's fiche says it is created and where
  // the link went (never the link itself); a reload sends nothing again.
  return back_to_fiche(id, "cree");
}

Response fiche(Call& c) {
  const Form& q = *c.query;
  const unsigned id = q.record_id("id");
  Db& db = c.ctx.db;
  auto m = id ? staff::find_staff(db, scope(c), id) : std::nullopt;
  if (!m) return not_found(c);
  const auto teaching = staff::teaching_of(db, m->account_id);
  const int codes_left = staff::recovery_codes_left(db, m->account_id);
  const bool self = m->account_id == c.account().id;
  const bool open = m->state != "closed";
  const std::string& changed = q.value("modifie");
  Page p{200, "Fiche de " + m->display_name(), "etablissement/fiche.tpl", true, "PERSONNELS"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetIntValue("ID", static_cast<long>(m->account_id));
    d.SetValue("IDENTIFIER", m->identifier);
    d.SetValue("NAME", m->display_name());
    d.SetValue("EMAIL", m->email);
    d.SetValue("ROLES", staff::roles_label(m->roles));
    d.SetValue("STATE", state_label(m->state));
    d.SetValue("CREATED_AT", m->created_at);
    d.SetValue("FACTOR", m->enrolled ? "configurée" : "non configurée (à la prochaine connexion)");
    d.SetValue("LOCKED", m->locked ? "oui" : "non");
    d.SetIntValue("CODES_LEFT", codes_left);
    if (!teaching.empty()) d.ShowSection("TEACHING");
    for (const auto& t : teaching) {
      auto* row = d.AddSectionDictionary("CLASS");
      row->SetValue("CLASS_NAME", t.class_name);
      row->SetValue("SUBJECT", t.subject);
    }
    if (changed == "ferme") d.ShowSection("CLOSED_NOTICE");
    if (changed == "double-facteur") d.ShowSection("FACTOR_NOTICE");
    if (changed == "lien") d.ShowSection("LINK_NOTICE");
    if (changed == "cree") d.ShowSection("CREATED_NOTICE");
    if (changed == "delegation-accordee") d.ShowSection("GRANTED_NOTICE");
    if (changed == "delegation-retiree") d.ShowSection("REVOKED_NOTICE");
    if (self) d.ShowSection("SELF");
    if (open && !self) {
      d.ShowSection("CAN_CLOSE");
      if (!staff::has(m->roles, Role::direction) &&
          staff::allows(staff::roles_from(c.account().staff_roles), staff::Permission::delegation)) {
        d.ShowSection(staff::has(m->roles, Role::assistance) ? "CAN_REVOKE" : "CAN_GRANT");
      }
    }
  });
}

Response close_member(Call& c) {
  return on_member(c, {{"id", 10, valid::record_id}}, "Fermeture impossible",
                   "Vous ne pouvez pas fermer votre propre compte : demandez-le à un autre membre de la direction.",
                   [&](const Form&, const staff::StaffMember& m) {
                     if (m.state != "closed") {
                       staff::close_staff(c.ctx.db, scope(c), m.account_id);
                       audit_action(c, "staff_closed", m);
                     }
                     return back_to_fiche(m.account_id, "ferme");
                   });
}

Response reset_factor(Call& c) {
  return on_member(c, {{"id", 10, valid::record_id}}, "Réinitialisation impossible",
                   "Vous ne pouvez pas réinitialiser votre propre double authentification : demandez-le à un autre "
                   "membre de la direction.",
                   [&](const Form&, const staff::StaffMember& m) {
                     if (m.state == "closed")
                       return refused(c, m.account_id, "Compte fermé",
                                      "Ce compte est fermé : il n'a plus de double authentification.");
                     staff::reset_second_factor(c.ctx.db, scope(c), m.account_id);
                     audit_action(c, "staff_second_factor_reset", m);
                     return back_to_fiche(m.account_id, "double-facteur");
                   });
}

// A new enrolment link mailed to the member (a forgotten password: staff do
// not use the families' self-service recovery; an expired link): the
// earlier links stop serving; the password changes only when it is used.
Response new_link(Call& c) {
  return on_member(c, {{"id", 10, valid::record_id}}, "Envoi impossible",
                   "Vous ne pouvez pas vous envoyer un lien d'activation : demandez-le à un autre membre de la "
                   "direction.",
                   [&](const Form&, const staff::StaffMember& m) {
                     if (m.state == "closed")
                       return refused(c, m.account_id, "Compte fermé",
                                      "Ce compte est fermé : il ne reçoit plus de lien d'activation.");
                     const std::string code = staff::new_enrolment_code(c.ctx.db, m.account_id);
                     accounts::queue_staff_enrolment_mail(c.ctx.db, c.ctx.cfg.base_url,
                                                          {m.identifier, m.display_name(), m.email}, code,
                                                          staff::kEnrolmentMinutes / 60);
                     audit_action(c, "staff_enrolment_link", m);
                     return back_to_fiche(m.account_id, "lien");
                   });
}

Response delegation(Call& c) {
  return on_member(
      c, {{"id", 10, valid::record_id}, {"action", 10, nullptr}}, "Délégation impossible",
      "Vous ne pouvez pas modifier votre propre délégation.", [&](const Form& form, const staff::StaffMember& m) {
        const std::string& action = form.raw("action");
        if (action != "accorder" && action != "retirer")
          return message_page(c, 422, "Action inconnue", "La délégation s'accorde ou se retire : rechargez la fiche.",
                              kList, "Retour à la liste des personnels", "PERSONNELS");
        if (staff::has(m.roles, Role::direction))
          return refused(c, m.account_id, "Délégation inutile",
                         "Un membre de la direction a déjà tous les droits d'assistance aux familles.");
        if (m.state == "closed")
          return refused(c, m.account_id, "Compte fermé", "Ce compte est fermé : la délégation ne peut plus changer.");
        const bool grant = action == "accorder";
        // Already so (the form posted twice, two tabs): the same outcome, no second audit row.
        if (staff::has(m.roles, Role::assistance) != grant) {
          if (grant) staff::grant_assistance(c.ctx.db, scope(c), m.account_id, c.account().id);
          else staff::revoke_assistance(c.ctx.db, scope(c), m.account_id);
          audit_action(c, grant ? "delegation_granted" : "delegation_revoked", m);
        }
        return back_to_fiche(m.account_id, grant ? "delegation-accordee" : "delegation-retiree");
      });
}

}  // namespace ts::etablissement
