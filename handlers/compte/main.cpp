// Flow "compte" (spec "Mon compte"): a signed-in family's own account.
//   GET  /compte                         Profil: identifier, addresses, the two forms below
//   POST /compte/mot-de-passe            new password (the current one is asked)
//   POST /compte/adresse                 new address: used only once the link mailed to it is opened
//   GET  /compte/enfants                 the children of the account (and "Regrouper des comptes")
//   GET/POST /compte/fiche               the fiche de renseignements (responsables only)
//   GET  /validerNouvelleAdresse?code=   that link (single use; no session needed)
// (/compte/regroupement… is flow "regroupement".)
#include "compte.h"

#include "web/render.h"

namespace ts::compte {
namespace {
using namespace ts::web;

const char* kNoForm = "Cette adresse ne reçoit pas de formulaire.";
const char* kFicheTitle = "Fiche réservée aux responsables";
const char* kFicheRefusal =
    "La fiche de renseignements est celle des responsables d'élèves : un compte élève n'en a pas.";

const Routes kRoutes = {
    get("/compte", Gate::full, profile).query({{"modifie", 20, nullptr}}).method_message(kNoForm),
    // The forms live on the Profil page: a GET here (a reload, a bookmark) goes there.
    post("/compte/mot-de-passe", Gate::full, change_password).get_redirect("/compte").expired_form_page("/compte").proof(),
    post("/compte/adresse", Gate::full, change_address).get_redirect("/compte").expired_form_page("/compte").proof(),
    get("/compte/enfants", Gate::full, children).method_message(kNoForm),
    get("/compte/fiche", Gate::responsable, fiche).query({{"modifie", 5, nullptr}}).refusal(kFicheTitle, kFicheRefusal),
    post("/compte/fiche", Gate::responsable, save_fiche).refusal(kFicheTitle, kFicheRefusal),
    get("/validerNouvelleAdresse", Gate::anyone, confirm_address)
        .query({{"code", 64, valid::token}})
        .acts()
        .method_message("Ouvrez le lien reçu par mail."),
};

}  // namespace

void account_frame(ctemplate::TemplateDictionary& d, const Call& c, const char* current) {
  d.SetValue("NAME", c.account().display_name);
  auto* menu = d.AddIncludeDictionary("MENU");
  menu->SetFilename("compte/menu.tpl");
  menu->ShowSection(current);
  if (c.account().is_responsable()) menu->ShowSection("RESPONSABLE");
}

}  // namespace ts::compte

TS_FLOW_MAIN("compte", ts::compte::kRoutes)
