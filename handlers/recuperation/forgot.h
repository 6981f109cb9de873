// The pages of flow "récupération" (handlers/recuperation/main.cpp has the routes).
#pragma once
#include "web/routes.h"

namespace ts::recuperation {
// GET/POST /identifiant-oublie and /mot-de-passe-oublie (forgot.cpp).
web::Response forgot_identifier_form(web::Call& c);
web::Response forgot_identifier(web::Call& c);
web::Response forgot_password_form(web::Call& c);
web::Response forgot_password(web::Call& c);
// GET/POST /reinitialiser-mot-de-passe?code= (reset.cpp).
web::Response reset_form(web::Call& c);
web::Response reset(web::Call& c);
// Where an expired reset form links back: the same link, or a new request.
std::string reset_form_page(const web::Request& req);
}  // namespace ts::recuperation
