// "No second letter needed": children that the school's records link to one
// of the account's responsables but that only an unused letter account
// holds. The responsable proves it knows the child with the date of birth
// (POST /compte/regroupement/enfant); a wrong answer counts toward the
// guessing protection of the current account. Also the regroupement page,
// which lists those children beside the entry form.
#include "accounts/family.h"
#include "accounts/regroupement.h"
#include "regroupement.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "web/render.h"
#include "web/session.h"
#include "web/views.h"

namespace ts::regroupement {
using namespace ts::web;

Response entry_page(Call& c, const Form* form, int status, const Form* child_form, unsigned child_id) {
  const accounts::Account& a = c.account();
  auto attachable = accounts::attachable_children(c.ctx.db, a.id);
  Page p{status, "Regrouper des comptes", "regroupement/saisie.tpl", true, "COMPTE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIER", a.identifier);
    if (form) fill_form(d, *form, {"identifiant"});
    if (!attachable.empty()) d.ShowSection("ATTACHABLE");
    // A wrong date for a child: listed in the page's error summary too, linked to its field.
    if (child_form) fill_error_summary(d, *child_form, "-" + std::to_string(child_id));
    for (const auto& child : attachable) {
      auto* row = d.AddSectionDictionary("KNOWN_CHILD");
      row->SetIntValue("PUPIL_ID", child.pupil_id);
      row->SetValue("FIRST_NAME", child.first_name);
      row->SetValue("LAST_NAME", child.last_name);
      if (child_form && child_id == child.pupil_id) {
        row->SetValue("DATE_VALUE", child_form->raw("date_naissance"));
        for (const auto& [name, msg] : child_form->errors()) {
          row->ShowSection("DATE_HAS_ERROR");
          row->SetValue("DATE_ERROR", msg);
        }
      }
    }
  });
}

Response attach_child(Call& c) {
  const accounts::Account& a = c.account();
  Db& db = c.ctx.db;
  Form form(c.req, {{"eleve", 10, valid::record_id}, {"date_naissance", 10, valid::birth_date}});
  const unsigned asked = form.record_id("eleve");
  unsigned pupil = 0;
  for (const auto& child : accounts::attachable_children(db, a.id))
    if (asked && child.pupil_id == asked) pupil = asked;
  // Sent twice (a double click): the child was attached just now.
  if (!pupil && asked && accounts::attached_just_now(db, a.id, asked)) return Response::redirect("/compte/enfants");
  if (!pupil) {
    // A child already on the account: the action makes no sense (409). Any
    // other pupil — another family's, or none — is not found, whether it
    // exists or not.
    for (const auto& held : accounts::pupils_held(db, a.id))
      if (asked && held.pupil_id == asked)
        throw HttpError(409, "Cet élève ne peut pas être rattaché à votre compte de cette façon.");
    return message_page(c, 404, "Élève introuvable", "Cet élève ne peut pas être rattaché à votre compte.",
                        "/compte/regroupement", "Retour au regroupement de comptes", "COMPTE");
  }
  if (form.raw("date_naissance").empty()) {
    form.fail("date_naissance", "Saisissez la date de naissance de votre enfant.");
    return entry_page(c, nullptr, 422, &form, pupil);
  }
  // A date the form cannot read (format, length) is a typing error, not a guess: not counted.
  if (form.has_error("date_naissance")) return entry_page(c, nullptr, 422, &form, pupil);
  if (form.value("date_naissance") != scolarite::birth_date_of(db, pupil)) {
    form.fail("date_naissance",
              "Cette date de naissance ne correspond pas à celle que l'établissement connaît pour cet enfant.");
    if (auto locked = failed_proof(c, security::Proof::birth_date, "regroupement_enfant_failure", "mauvaise date de naissance (élève n° " +
                                                                     std::to_string(pupil) + ")"))
      return *locked;
    return entry_page(c, nullptr, 422, &form, pupil);
  }
  Transaction tx(db);
  auto me = accounts::lock_account(db, a.id);
  // The letter accounts of this account's responsables that hold the pupil, locked.
  auto holders = accounts::lock_letter_holders(db, pupil, a.id);
  if (me && holders.empty() && accounts::attached_just_now(db, a.id, pupil))
    return Response::redirect("/compte/enfants");  // attached meanwhile by the twin request
  if (me && me->locked_until) return locked_page(c, me->locked_until);  // locked meanwhile by other guesses
  if (!me || me->state != "active" || holders.empty())
    throw HttpError(409, "Cet élève ne peut plus être rattaché à votre compte de cette façon.");
  auto closed = accounts::attach_from_letters(db, a.id, pupil, holders);
  std::string closed_list;  // by identifier, as the rest of the trail names accounts
  for (unsigned id : closed)
    if (auto holder = accounts::lock_account(db, id))  // locked already (lock_letter_holders)
      closed_list += (closed_list.empty() ? "" : ", ") + holder->identifier;
  security::audit(db, a.id, a.identifier, "regroupement_enfant",
                  "élève n° " + std::to_string(pupil) + " rattaché ; comptes du courrier fermés : " +
                      (closed_list.empty() ? "aucun" : closed_list),
                  c.req.remote_addr);
  tx.commit();
  return Response::redirect("/compte/enfants");
}

}  // namespace ts::regroupement
