#include "signalement.h"

#include "accounts/account.h"
#include "accounts/reports.h"
#include "accounts/sessions.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "web/render.h"
#include "web/session.h"
#include "web/views.h"

namespace ts::premiere_connexion {
namespace {
using namespace ts::web;

Response form_page(Call& c, const accounts::Letter& letter, const Form* form, int status) {
  const accounts::Account& a = c.account();
  Page p{status, "Signaler un courrier", "premiere_connexion/signalement.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIER", a.identifier);
    d.ShowSection(a.is_responsable() ? "RESPONSABLE" : "ELEVE");
    d.SetValue("CHILD_FIRST_NAME", scolarite::pupil_name(c.ctx.db, letter.pupil_id).first_name);
    if (form) fill_form(d, *form, {});
  });
}

// The confirmation; the session's cookie cleared (end_session: the row is already gone).
Response done_page(Call& c) {
  Response page = message_page(c, 200, "Signalement enregistré",
                               "Merci : le courrier est suspendu, personne ne peut plus s'en servir pour se connecter. "
                               "L'établissement va examiner votre signalement. Si vous êtes le représentant légal "
                               "d'un élève, adressez-vous à son établissement pour obtenir votre propre courrier.",
                               "/", "Retour à l'accueil");
  end_session(c.ctx, c.req, page);
  return page;
}

}  // namespace

Response report_form(Call& c) {
  Response away;
  auto letter = letter_in_force(c, away);
  if (!letter) return away;
  return form_page(c, *letter, nullptr, 200);
}

Response report_submit(Call& c) {
  Response away;
  auto letter = letter_in_force(c, away);
  if (!letter) return away;
  Form form(c.req, {{"confirmer", 1, nullptr}});
  if (form.raw("confirmer") != "1") {
    form.fail("confirmer", "Cochez la case pour confirmer que ce courrier ne vous concerne pas.");
    return form_page(c, *letter, &form, 422);
  }
  Db& db = c.ctx.db;
  Transaction tx(db);
  auto a = accounts::lock_account(db, c.account().id);
  if (a && accounts::report_judged_unfounded(db, letter->id))
    return message_page(c, 409, "Courrier déjà vérifié",
                        "Ce courrier a déjà été signalé, et l'établissement a vérifié qu'il vous est bien destiné : "
                        "il ne peut pas être signalé une seconde fois. En cas de doute, adressez-vous au secrétariat "
                        "de l'établissement.",
                        "/premiere-connexion", "Revenir à la première connexion");
  if (!a || !accounts::report_letter(db, a->id, letter->id)) {
    // Used or replaced meanwhile (the account row is now read under its lock).
    Response res = Response::redirect("/connexion");
    end_session(c.ctx, c.req, res);
    return res;
  }
  accounts::end_all_sessions(db, a->id);
  security::audit(db, a->id, a->identifier, "letter_reported", "", c.req.remote_addr);
  tx.commit();
  return done_page(c);
}

}  // namespace ts::premiere_connexion
