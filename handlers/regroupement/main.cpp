// Flow "regroupement de comptes" (spec "Regrouper des comptes", guide "Comment
// faire un regroupement ?"): a responsable signed in gives the identifier and
// password of another account (a letter not yet used, or an activated
// responsable account); after a confirmation screen, the other account's
// pupils move to the current account and the other account is closed.
// Children the school links to the account's responsables but that only a
// letter account holds can be attached with their date of birth instead.
#include "regroupement.h"

namespace ts::regroupement {
namespace {
using namespace ts::web;

const char* kTitle = "Regroupement réservé aux responsables";
const char* kRefusal =
    "Le regroupement de comptes est réservé aux comptes des responsables d'élèves. Un compte élève ne peut pas être "
    "regroupé.";

const Routes kRoutes = {
    get("/compte/regroupement", Gate::responsable, entry).refusal(kTitle, kRefusal),
    post("/compte/regroupement", Gate::responsable, submit).refusal(kTitle, kRefusal).proof(Secret::other),
    post("/compte/regroupement/confirmer", Gate::responsable, confirm)
        .refusal(kTitle, kRefusal)
        .get_redirect("/compte/regroupement")
        .expired_form_page("/compte/regroupement"),
    post("/compte/regroupement/enfant", Gate::responsable, attach_child)
        .refusal(kTitle, kRefusal)
        .get_redirect("/compte/regroupement")
        .expired_form_page("/compte/regroupement")
        .proof(),
};

}  // namespace
}  // namespace ts::regroupement

TS_FLOW_MAIN("regroupement", ts::regroupement::kRoutes)
