// The pages of flow "compte" (spec "Mon compte"); handlers/compte/main.cpp has the routes.
#pragma once
#include <ctemplate/template.h>

#include "web/routes.h"

namespace ts::compte {

// The address-change link stays valid 72 hours (long enough for a weekend,
// short enough that a forgotten request does not linger); a newer request
// replaces it.
constexpr int kEmailChangeValidHours = 72;

// profile.cpp: the Profil page, the password and address forms, the link mailed to a new address.
web::Response profile(web::Call& c);
web::Response change_password(web::Call& c);
web::Response change_address(web::Call& c);
web::Response confirm_address(web::Call& c);
// children.cpp: the children of the account.
web::Response children(web::Call& c);
// fiche.cpp: the fiche de renseignements of the responsables the account represents.
web::Response fiche(web::Call& c);
web::Response save_fiche(web::Call& c);

// The frame of every "Mon compte" page: NAME ("COMPTE DE <nom>") and the
// local menu (templates/compte/menu.tpl, included as MENU) with the entry
// `current` lit: "PROFIL", "ENFANTS" or "FICHE".
void account_frame(ctemplate::TemplateDictionary& d, const web::Call& c, const char* current);

}  // namespace ts::compte
