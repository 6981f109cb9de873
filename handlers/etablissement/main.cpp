// Flow "etablissement" (docs/STAFF.md "Screens"): the school's side, for
// signed-in staff (Gate::staff). Each route says which permission it needs
// (.needs): the dispatcher checks it once against lib/staff/permissions.cpp's
// table before the page runs (403 in French otherwise).
//   GET  /etablissement                               home: school, roles, entries
//   GET  /etablissement/personnels                    the school's staff
//   GET/POST /etablissement/personnels/nouveau        creating a staff account (enrolment link mailed)
//   GET  /etablissement/personnels/fiche?id=          one staff member and the actions below
//   POST /etablissement/personnels/fermer             closing an account (not one's own)
//   POST /etablissement/personnels/double-facteur     resetting a second factor
//   POST /etablissement/personnels/lien               a new enrolment link mailed (forgotten password, expired link)
//   POST /etablissement/personnels/delegation         granting / taking back the helpdesk rights
//   GET  /etablissement/journal, /journal.csv         the audit log, filtered, keyset pages; CSV export
//   GET  /etablissement/suivi                         the families' accounts by class and state
//   GET  /etablissement/suivi/recherche, /suivi.csv   searching a family; the CSV export
//   GET  /etablissement/statistiques                  expected and active accounts by school
//   GET  /etablissement/famille?id=, POST …/renvoyer, …/adresse, …/fermer, …/deverrouiller  a family account's fiche
//   GET  /etablissement/assistance, POST …/deverrouiller  a family account of the school; its lock lifted
//   GET  /etablissement/compte, POST …/mot-de-passe, …/codes-de-secours  Mon compte
//   GET  /etablissement/regroupements, POST …/annuler   the school's merges; undoing one (issue 13 — aide)
//   GET  /etablissement/signalements, POST …/traite     the school's reported letters; handling one (issue 13 — aide)
//   GET/POST /etablissement/renouvellement             a new password demanded at the next sign-in (issue 13 — aide)
#include "core/validators.h"
#include "etablissement.h"
#include "staff/staff.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;
using P = staff::Permission;

const char* kNoForm = "Cette adresse ne reçoit pas de formulaire.";

Route action(const char* path, PageFn page, P needs) {
  return post(path, Gate::staff, page)
      .needs(needs)
      .get_redirect("/etablissement/personnels")
      .expired_form_page("/etablissement/personnels");
}

// A helpdesk action of a family account's fiche (famille.cpp).
Route family_action(const char* path, PageFn page) {
  return post(path, Gate::staff, page)
      .needs(P::assistance)
      .get_redirect("/etablissement/assistance")
      .expired_form_page("/etablissement/assistance");
}

const Routes kRoutes = {
    get("/etablissement", Gate::staff, home).method_message(kNoForm),
    get("/etablissement/personnels", Gate::staff, personnels).needs(P::personnels).method_message(kNoForm),
    get("/etablissement/personnels/nouveau", Gate::staff, new_staff_form).needs(P::personnels),
    post("/etablissement/personnels/nouveau", Gate::staff, create_staff_member).needs(P::personnels),
    get("/etablissement/personnels/fiche", Gate::staff, fiche)
        .needs(P::personnels)
        .query({{"id", 10, valid::record_id}, {"modifie", 20, nullptr}})
        .method_message(kNoForm),
    action("/etablissement/personnels/fermer", close_member, P::personnels),
    action("/etablissement/personnels/double-facteur", reset_factor, P::personnels),
    action("/etablissement/personnels/lien", new_link, P::personnels),
    action("/etablissement/personnels/delegation", delegation, P::delegation),
    get("/etablissement/journal", Gate::staff, journal).needs(P::journal).query(journal_filters()).method_message(kNoForm),
    get("/etablissement/journal.csv", Gate::staff, journal_csv)
        .needs(P::journal)
        .query(journal_filters())
        .method_message(kNoForm),
    get("/etablissement/suivi", Gate::staff, suivi).needs(P::suivi).query(suivi_fields()).method_message(kNoForm),
    get("/etablissement/suivi/recherche", Gate::staff, suivi_search)
        .needs(P::suivi)
        .query(suivi_search_fields())
        .method_message(kNoForm),
    get("/etablissement/suivi.csv", Gate::staff, suivi_csv)
        .needs(P::suivi)
        .query(suivi_search_fields())
        .method_message(kNoForm),
    get("/etablissement/statistiques", Gate::staff, statistiques).needs(P::statistiques).method_message(kNoForm),
    get("/etablissement/famille", Gate::staff, famille)
        .needs(P::assistance)
        .query(famille_fields())
        .method_message(kNoForm),
    family_action("/etablissement/famille/renvoyer", famille_resend),
    family_action("/etablissement/famille/adresse", famille_address),
    family_action("/etablissement/famille/fermer", famille_close),
    family_action("/etablissement/famille/deverrouiller", famille_unlock),
    get("/etablissement/assistance", Gate::staff, assistance)
        .needs(P::assistance)
        .query({{"identifiant", 40, valid::identifier}, {"modifie", 20, nullptr}})
        .method_message(kNoForm),
    post("/etablissement/assistance/deverrouiller", Gate::staff, unlock_family)
        .needs(P::assistance)
        .get_redirect("/etablissement/assistance")
        .expired_form_page("/etablissement/assistance"),
    get("/etablissement/compte", Gate::staff, compte).query({{"modifie", 20, nullptr}}).method_message(kNoForm),
    post("/etablissement/compte/mot-de-passe", Gate::staff, change_password)
        .get_redirect("/etablissement/compte")
        .expired_form_page("/etablissement/compte")
        .proof(),
    post("/etablissement/compte/codes-de-secours", Gate::staff, regenerate_codes)
        .get_redirect("/etablissement/compte")
        .expired_form_page("/etablissement/compte")
        .proof(),
    // issue 13 — aide
    get("/etablissement/regroupements", Gate::staff, regroupements)
        .needs(P::assistance)
        .query({{"modifie", 20, nullptr}})
        .method_message(kNoForm),
    post("/etablissement/regroupements/annuler", Gate::staff, regroupement_undo)
        .needs(P::assistance)
        .get_redirect("/etablissement/regroupements")
        .expired_form_page("/etablissement/regroupements"),
    get("/etablissement/signalements", Gate::staff, signalements)
        .needs(P::assistance)
        .query({{"modifie", 20, nullptr}})
        .method_message(kNoForm),
    post("/etablissement/signalements/traite", Gate::staff, signalement_handle)
        .needs(P::assistance)
        .get_redirect("/etablissement/signalements")
        .expired_form_page("/etablissement/signalements"),
    get("/etablissement/renouvellement", Gate::staff, renewal).needs(P::renouvellement).query(renewal_fields()),
    post("/etablissement/renouvellement", Gate::staff, renewal_demand).needs(P::renouvellement),
};

}  // namespace

unsigned scope(const Call& c) { return staff::scope_of(c.account()); }

}  // namespace ts::etablissement

TS_FLOW_MAIN("etablissement", ts::etablissement::kRoutes)
