// The pages of flow "etablissement" (docs/STAFF.md "Screens"): a signed-in
// staff member's side of the school. handlers/etablissement/main.cpp has the
// routes and the permission each needs (checked once by the dispatcher);
// whose data a page shows is scoped in the SQL of lib/ (staff::scope_of).
#pragma once
#include <ctemplate/template.h>

#include <string>

#include "web/routes.h"

namespace ts::etablissement {

// home.cpp: the school (or the académie), the roles, the entries they allow.
web::Response home(web::Call& c);
// personnels.cpp: the school's staff, creating one, a fiche and its actions.
web::Response personnels(web::Call& c);
web::Response new_staff_form(web::Call& c);
web::Response create_staff_member(web::Call& c);
web::Response fiche(web::Call& c);
web::Response close_member(web::Call& c);
web::Response reset_factor(web::Call& c);
web::Response new_link(web::Call& c);
web::Response delegation(web::Call& c);
// journal.cpp: the audit log, its filters and pages, and its CSV export.
web::Response journal(web::Call& c);
web::Response journal_csv(web::Call& c);
// suivi.cpp: the families' accounts by class and state (issue 13: each
// pupil's and responsable's, the activation rate), the search of a family,
// its CSV export, the figures by school (statistiques).
web::Response suivi(web::Call& c);
web::Response suivi_search(web::Call& c);
web::Response suivi_csv(web::Call& c);
web::Response statistiques(web::Call& c);
// GET fields of the follow-up page (classe) and of the search and its export.
std::vector<web::FieldSpec> suivi_fields();
std::vector<web::FieldSpec> suivi_search_fields();
// famille.cpp: a family account's fiche and the helpdesk's actions on it.
web::Response famille(web::Call& c);
web::Response famille_resend(web::Call& c);
web::Response famille_address(web::Call& c);
web::Response famille_close(web::Call& c);
web::Response famille_unlock(web::Call& c);
std::vector<web::FieldSpec> famille_fields();
// assistance.cpp: finding a family account of the school, lifting its lock.
web::Response assistance(web::Call& c);
web::Response unlock_family(web::Call& c);
// compte.cpp: Mon compte of a staff member: password, recovery codes.
web::Response compte(web::Call& c);
web::Response change_password(web::Call& c);
web::Response regenerate_codes(web::Call& c);

// issue 13 — aide. regroupements.cpp: the school's merges, undoing one.
web::Response regroupements(web::Call& c);
web::Response regroupement_undo(web::Call& c);
// signalements.cpp: the school's reported letters, handling one.
web::Response signalements(web::Call& c);
web::Response signalement_handle(web::Call& c);
// renouvellement.cpp: a new password demanded at the next sign-in of family
// accounts (chosen ones, a class, the school; the académie: every school).
web::Response renewal(web::Call& c);
web::Response renewal_demand(web::Call& c);
std::vector<web::FieldSpec> renewal_fields();  // its GET fields: the outcome of a demand (fait, inconnus)

// The establishment the signed-in staff member acts for (0: the académie).
unsigned scope(const web::Call& c);

// The GET fields of the journal and of its export (journal.cpp): a function,
// not a global, because the route table of main.cpp is built at start-up.
std::vector<web::FieldSpec> journal_filters();

}  // namespace ts::etablissement
