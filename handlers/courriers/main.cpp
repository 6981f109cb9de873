// Flow "courriers" (issue 13, "Accounts and letters"; docs/STAFF.md
// "Courriers"): the notification letters of the school, as PDF, for signed-in
// staff (Gate::staff) whose roles allow it (lib/staff/permissions.cpp).
//   GET  /etablissement/courriers                  classes, letters not generated / not used; the forms
//   POST /etablissement/courriers/generer          classe ("" : the whole school), destinataires -> PDF
//   POST /etablissement/courriers/relancer         classe, nouveau_mot_de_passe -> mails + PDF (or a result page)
//   POST /etablissement/courriers/compte           compte: one family account's new letter (PDF), from its fiche
#include "courriers.h"

namespace ts::courriers {
namespace {
using namespace ts::web;
using P = staff::Permission;

const Routes kRoutes = {
    get("/etablissement/courriers", Gate::staff, courriers)
        .needs(P::courriers)
        .method_message("Cette adresse ne reçoit pas de formulaire."),
    post("/etablissement/courriers/generer", Gate::staff, generate)
        .needs(P::courriers)
        .get_redirect("/etablissement/courriers")
        .expired_form_page("/etablissement/courriers"),
    post("/etablissement/courriers/relancer", Gate::staff, renotify)
        .needs(P::courriers)
        .get_redirect("/etablissement/courriers")
        .expired_form_page("/etablissement/courriers"),
    post("/etablissement/courriers/compte", Gate::staff, account_letter)
        .needs(P::assistance)
        .get_redirect("/etablissement/assistance")
        .expired_form_page("/etablissement/assistance"),
};

}  // namespace
}  // namespace ts::courriers

TS_FLOW_MAIN("courriers", ts::courriers::kRoutes)
