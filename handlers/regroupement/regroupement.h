// The pages of flow "regroupement" (spec "Regrouper des comptes");
// handlers/regroupement/main.cpp has the routes, lib/accounts/regroupement.h the rules.
#pragma once
#include <string>

#include "web/routes.h"

namespace ts::regroupement {

// merge.cpp: GET/POST /compte/regroupement (identifiant + mot de passe, SUIVANT),
// POST /compte/regroupement/confirmer (decision=valider|annuler).
web::Response entry(web::Call& c);
web::Response submit(web::Call& c);
web::Response confirm(web::Call& c);
// enfant.cpp: POST /compte/regroupement/enfant (eleve + date_naissance).
web::Response attach_child(web::Call& c);

// The regroupement page: the entry form (with `form`'s errors), and the
// children that can be attached without a letter (with `child_form`'s error
// for pupil `child_id`).
web::Response entry_page(web::Call& c, const web::Form* form, int status, const web::Form* child_form = nullptr,
                         unsigned child_id = 0);
// A message in the Mon compte frame of the services (refusals, outcomes).
web::Response info_page(web::Call& c, int status, const std::string& title, const std::string& message,
                        const std::string& href = "/compte/enfants",
                        const std::string& link = "Retour aux enfants rattachés");

}  // namespace ts::regroupement
