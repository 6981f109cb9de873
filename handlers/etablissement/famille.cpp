// La fiche d'un compte de famille (permission assistance): identity, kind,
// follow-up state, children of the school, addresses (partly masked, as the
// assistance page shows them), last sign-in, lock, the account's audit trail,
// and the helpdesk's actions — each a POST (csrf) on the account of the scope
// (another school's: 404, nothing changed), in one transaction with its audit
// row (the staff member as actor, the family's identifier as detail), then a
// 303 back to the fiche with a notice:
//   renvoyer       a new activation link mailed to the address waiting for
//                  confirmation (state pending_email; the families' resend limits)
//   adresse        a corrected address: at state pending_email it becomes the
//                  address to confirm (activation link); an active account
//                  gets the new-address link of Mon compte (72 h): the family
//                  confirms it by mail either way
//   fermer         the account closed (accounts::close_account: sessions end,
//                  codes and letters stop serving); a box must be ticked
//   deverrouiller  the lock lifted
// Regenerating the letter is the courriers part's route
// (POST /etablissement/courriers/compte, field compte): the fiche only has its form.
#include "accounts/codes.h"
#include "accounts/family.h"
#include "accounts/followup.h"
#include "accounts/mails.h"
#include "core/validators.h"
#include "etablissement.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "security/ratelimit.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;

constexpr unsigned kTrailRows = 50;
constexpr int kEmailChangeHours = 72;  // the new-address link's life, as Mon compte's (handlers/compte/compte.h)

// "claire.martin@exemple.fr" -> "c***@exemple.fr" (as the assistance page).
std::string masked(const std::string& address) {
  const auto at = address.rfind('@');
  if (at == std::string::npos || at == 0) return "***";
  return address.substr(0, 1) + "***" + address.substr(at);
}

std::string fiche_url(unsigned id, const char* what = nullptr) {
  std::string url = "/etablissement/famille?id=" + std::to_string(id);
  if (what) url += std::string("&modifie=") + what;
  return url;
}

// The forms of the fiche that can come back with errors (422).
struct FicheForms {
  const Form* address = nullptr;
  const Form* close = nullptr;
};

Response fiche_page(Call& c, unsigned id, int status, const std::string& notice, const FicheForms& forms) {
  Db& db = c.ctx.db;
  const unsigned school = scope(c);
  auto f = id ? accounts::family_fiche(db, school, id) : std::nullopt;
  if (!f) return not_found(c);
  const accounts::Account& a = f->account;
  const auto trail = security::account_trail(db, school, a.id, a.identifier, kTrailRows);
  const auto waiting_change = a.state == "active" ? accounts::pending_email_change(db, a.id) : std::nullopt;
  Page p{status, "Compte " + a.identifier, "etablissement/famille.tpl", true, "ASSISTANCE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetIntValue("ID", static_cast<long>(a.id));
    d.SetValue("IDENTIFIER", a.identifier);
    d.SetValue("NAME", a.display_name);
    d.SetValue("KIND", a.is_responsable() ? "Responsable" : "Élève");
    d.SetValue("STATE", accounts::state_label(f->state));
    d.SetValue("CREATED_AT", french_time(f->created_at));
    d.SetValue("LAST_LOGIN", f->last_login ? french_time(f->last_login) : "Jamais");
    d.SetValue("EMAIL", a.email.empty() ? "Aucune" : masked(a.email));
    if (f->email_confirmed_at && !a.email.empty()) {
      d.ShowSection("CONFIRMED_AT");
      d.SetValue("CONFIRMED", french_time(f->email_confirmed_at));
    }
    const std::string waiting = !a.pending_email.empty() ? a.pending_email : waiting_change.value_or("");
    d.SetValue("PENDING_EMAIL", waiting.empty() ? "Aucune" : masked(waiting));
    if (f->closed_at) {
      d.ShowSection("CLOSED_AT");
      d.SetValue("CLOSED", french_time(f->closed_at));
    }
    if (a.locked_until) {
      d.ShowSection("LOCKED");
      d.SetValue("UNTIL", french_time(a.locked_until));
    } else {
      d.ShowSection("NOT_LOCKED");
    }
    d.ShowSection(f->children.empty() ? "NO_CHILDREN" : "CHILDREN");
    for (const auto& k : f->children) {
      auto* row = d.AddSectionDictionary("CHILD");
      row->SetValue("CHILD_NAME", k.name);
      row->SetValue("CHILD_CLASS", k.class_name.empty() ? "Sans classe" : k.class_name);
      row->SetValue("CHILD_SCHOOL", k.school);
    }
    d.ShowSection(trail.empty() ? "NO_TRAIL" : "TRAIL");
    for (const auto& t : trail) {
      auto* row = d.AddSectionDictionary("EVENT");
      row->SetValue("AT", t.at);
      row->SetValue("BY", t.identifier);
      row->SetValue("LABEL", security::event_label(t.event));
      row->SetValue("DETAIL", t.detail);
    }
    if (!notice.empty()) {
      auto* n = d.AddSectionDictionary("NOTICE");
      n->SetValue("TEXT", notice);
    }
    // The actions this state allows.
    const bool closed = a.state == "closed";
    if (!closed) d.ShowSection("OPEN");
    if (a.state == "pending_email") d.ShowSection("CAN_RESEND");
    if (a.state == "pending_email" || a.state == "active") {
      auto* form = d.AddSectionDictionary("CAN_CORRECT");
      if (forms.address) {
        fill_form(*form, *forms.address, {"nouvelle_adresse", "confirmation_adresse"});
        fill_error_summary(d, *forms.address);
      }
    }
    if (!closed) {
      auto* form = d.AddSectionDictionary("CAN_CLOSE");
      if (forms.close) {
        fill_form(*form, *forms.close, {});
        fill_error_summary(d, *forms.close);
      }
    }
  });
}

const char* notice_of(const std::string& what) {
  if (what == "renvoye") return "Un nouveau lien d'activation a été envoyé à l'adresse à confirmer du compte.";
  if (what == "adresse")
    return "Un lien de confirmation a été envoyé à la nouvelle adresse : elle ne sera celle du compte qu'une fois "
           "confirmée par la famille.";
  if (what == "ferme") return "Le compte a été fermé : ses sessions sont terminées et son courrier ne sert plus.";
  if (what == "deverrouille") return "Le blocage du compte a été levé : la famille peut se connecter de nouveau.";
  return "";
}

unsigned posted_id(const Form& form) {
  return form.record_id("id");
}

Response refused(Call& c, unsigned id, int status, const std::string& title, const std::string& message) {
  return message_page(c, status, title, message, fiche_url(id), "Retour à la fiche", "ASSISTANCE");
}

void audit_help(Call& c, const char* event, const accounts::Account& family) {
  const accounts::Account& me = c.account();
  security::audit(c.ctx.db, me.id, me.identifier, event, family.identifier, c.req.remote_addr);
}

}  // namespace

std::vector<FieldSpec> famille_fields() { return {{"id", 10, valid::record_id}, {"modifie", 20, nullptr}}; }

Response famille(Call& c) {
  const Form& q = *c.query;
  const unsigned id = q.record_id("id");
  return fiche_page(c, id, 200, notice_of(q.value("modifie")), {});
}

Response famille_resend(Call& c) {
  Form form(c.req, {{"id", 10, valid::record_id}});
  const unsigned id = posted_id(form);
  Db& db = c.ctx.db;
  const Config& cfg = c.ctx.cfg;
  Transaction tx(db);
  auto a = id ? accounts::lock_family_account(db, scope(c), id) : std::nullopt;
  if (!a) return not_found(c);
  if (a->state != "pending_email")
    return refused(c, a->id, 409, "Aucune adresse à confirmer",
                   "Ce compte n'attend pas la confirmation d'une adresse mail : il n'y a pas de lien d'activation à "
                   "renvoyer.");
  const accounts::Resend may = accounts::activation_resend(db, cfg, a->id);
  if (may == accounts::Resend::too_soon)
    return refused(c, a->id, 429, "Mail envoyé à l'instant",
                   "Un mail d'activation vient d'être envoyé à cette adresse : attendez quelques minutes qu'il "
                   "arrive (pensez aux courriers indésirables) avant d'en demander un autre.");
  if (may != accounts::Resend::allowed || !security::mail_allowed_to_address(db, cfg, a->pending_email))
    return refused(c, a->id, 429, "Trop de messages",
                   "Trop de messages ont déjà été envoyés pour ce compte ou à cette adresse. Réessayez plus tard.");
  security::record_mail_to_address(db, cfg, a->pending_email);
  const std::string code =
      accounts::issue_code(db, a->id, accounts::purpose::activation, a->pending_email, accounts::kThreeMonths);
  accounts::queue_activation_mail(db, cfg.base_url, *a, a->pending_email, code);
  audit_help(c, "helpdesk_activation_resent", *a);
  tx.commit();
  return Response::redirect(fiche_url(a->id, "renvoye"));
}

Response famille_address(Call& c) {
  Form form(c.req, {{"id", 10, valid::record_id},
                    {"nouvelle_adresse", 254, valid::email},
                    {"confirmation_adresse", 254, valid::email}});
  const unsigned id = posted_id(form);
  Db& db = c.ctx.db;
  const Config& cfg = c.ctx.cfg;
  Transaction tx(db);
  auto a = id ? accounts::lock_family_account(db, scope(c), id) : std::nullopt;
  if (!a) return not_found(c);
  if (a->state != "pending_email" && a->state != "active")
    return refused(c, a->id, 409, "Adresse non modifiable",
                   a->state == "closed" ? "Ce compte est fermé : son adresse ne peut plus être modifiée."
                                        : "La famille n'a pas encore fait sa première connexion : elle saisira son "
                                          "adresse mail à ce moment-là.");
  const std::string& address = form.value("nouvelle_adresse");
  if (form.raw("nouvelle_adresse").empty()) form.fail("nouvelle_adresse", "Saisissez la nouvelle adresse mail.");
  else if (!form.has_error("nouvelle_adresse")) {
    const std::string current = a->state == "active" ? a->email : a->pending_email;
    if (valid::email_key(address) == valid::email_key(current))
      form.fail("nouvelle_adresse", "Cette adresse est déjà celle du compte : saisissez-en une autre.");
  }
  if (form.raw("confirmation_adresse").empty())
    form.fail("confirmation_adresse", "Saisissez une seconde fois la nouvelle adresse mail.");
  else if (!form.has_error("nouvelle_adresse") && !form.has_error("confirmation_adresse") &&
           form.value("confirmation_adresse") != address)
    form.fail("confirmation_adresse", "La confirmation ne correspond pas à l'adresse mail saisie.");
  if (!form.ok()) return fiche_page(c, a->id, 422, "", {&form, nullptr});
  if (!security::mail_allowed_for_account(db, cfg, a->id) || !security::mail_allowed_to_address(db, cfg, address))
    return refused(c, a->id, 429, "Trop de messages",
                   "Trop de messages ont été envoyés pour ce compte ou à cette adresse dans l'heure. Réessayez plus "
                   "tard.");
  security::record_mail_for_account(db, cfg, a->id);
  security::record_mail_to_address(db, cfg, address);
  if (a->state == "pending_email") {
    // The address to confirm is corrected: the links sent to the old one stop serving.
    accounts::correct_pending_address(db, a->id, address);
    const std::string code =
        accounts::issue_code(db, a->id, accounts::purpose::activation, address, accounts::kThreeMonths);
    accounts::queue_activation_mail(db, cfg.base_url, *a, address, code);
  } else {
    // Mon compte's change of address: only the latest request can be confirmed.
    accounts::expire_codes(db, a->id, accounts::purpose::email_change);
    const std::string code = accounts::issue_code(db, a->id, accounts::purpose::email_change, address,
                                                  accounts::Validity{kEmailChangeHours * 60});
    accounts::queue_new_address_mail(db, cfg.base_url, *a, address, code, kEmailChangeHours);
  }
  audit_help(c, "helpdesk_email_corrected", *a);
  tx.commit();
  return Response::redirect(fiche_url(a->id, "adresse"));
}

Response famille_close(Call& c) {
  Form form(c.req, {{"id", 10, valid::record_id}, {"confirmer", 1, nullptr}});
  const unsigned id = posted_id(form);
  Db& db = c.ctx.db;
  Transaction tx(db);
  auto a = id ? accounts::lock_family_account(db, scope(c), id) : std::nullopt;
  if (!a) {
    // Closed already (a second click: a closed account holds no child, so it
    // is found on its fiche, not here): back to the fiche when it is ours.
    if (id && accounts::family_fiche(db, scope(c), id)) return Response::redirect(fiche_url(id, "ferme"));
    return not_found(c);
  }
  if (a->state == "closed") return Response::redirect(fiche_url(a->id, "ferme"));
  if (form.raw("confirmer") != "1") {
    form.fail("confirmer", "Cochez la case pour confirmer la fermeture du compte.");
    return fiche_page(c, a->id, 422, "", {nullptr, &form});
  }
  // One school does not close what another school's families still use.
  if (accounts::serves_another_school(db, a->id, scope(c)))
    return message_page(c, 409, "Compte partagé avec un autre établissement",
                        "Ce compte donne aussi accès à un élève d'un autre établissement de l'académie : votre "
                        "établissement ne peut pas le fermer seul. Prenez contact avec l'autre établissement.",
                        fiche_url(a->id), "Retour à la fiche");
  accounts::close_account(db, a->id);
  audit_help(c, "helpdesk_closed", *a);
  tx.commit();
  return Response::redirect(fiche_url(a->id, "ferme"));
}

Response famille_unlock(Call& c) {
  Form form(c.req, {{"id", 10, valid::record_id}});
  const unsigned id = posted_id(form);
  Db& db = c.ctx.db;
  Transaction tx(db);
  auto a = id ? accounts::lock_family_account(db, scope(c), id) : std::nullopt;
  if (!a) return not_found(c);
  security::unlock(db, a->id);
  audit_help(c, "helpdesk_unlock", *a);
  tx.commit();
  return Response::redirect(fiche_url(a->id, "deverrouille"));
}

}  // namespace ts::etablissement
