// Pages: one layout (templates/web/layout.tpl) around a body template, both
// auto-escaped by ctemplate. No HTML is assembled in C++.
#pragma once
#include <ctemplate/template.h>

#include <functional>
#include <initializer_list>
#include <string>

#include "accounts/sessions.h"
#include "core/config.h"
#include "form.h"
#include "http.h"
#include "scolarite/records.h"

namespace ts::web {

struct Call;
struct Context;

// What starts the title of a form shown again with errors (status 422), so
// that screen-reader users hear it first: expand_page adds it.
constexpr const char* kErrorTitlePrefix = "Erreur : ";

struct Page {
  int status = 200;
  std::string title;          // "Première connexion" ("— Scolarité services" is added)
  std::string body_template;  // "premiere_connexion/premiere_connexion.tpl"
  bool services_menu = false; // show the services menu (signed-in pages)
  std::string nav;            // current menu entry: "ACCUEIL" shows section NAV_ACCUEIL (aria-current)
};

// Sets the template root and cache mode, loads (and so checks) every
// template below it; called once at start-up. Throws when one does not load.
void init_templates(const Config& cfg);

using Fill = std::function<void(ctemplate::TemplateDictionary& body)>;

// Renders `page` inside the layout. The CSRF token of the request is the
// template-global CSRF_TOKEN (a "ts_pre" cookie is set when needed); with a
// session, the header shows the account's name, and the services menu its
// school (looked up only for pages showing that menu).
Response render(Call& c, const Page& page, const Fill& fill);

// The layout around a body, as text: what render() sends, and what
// `teleservices-admin error-pages` writes for nginx's own error pages.
// `school`: the menu's school entry, when the services menu is shown.
std::string expand_page(const Page& page, const Config& cfg, const std::string& csrf, const Fill& fill,
                        const accounts::Session* session = nullptr, const scolarite::School* school = nullptr);
// The body of web/message.tpl (heading, message, one link).
Fill message_fill(int status, const std::string& heading, const std::string& message, const std::string& link_href,
                  const std::string& link_text);

// Puts a form's values and errors in the body dictionary: for each declared
// field NAME, NAME_VALUE (as typed, passwords never) and NAME_ERROR (+ the
// section NAME_HAS_ERROR), and an ERRORS section listing them for the summary.
void fill_form(ctemplate::TemplateDictionary& body, const Form& form,
               std::initializer_list<const char*> keep_values);
// The error summary alone (templates/README.md): HAS_ERRORS and an ERRORS row
// (FIELD, MESSAGE) per error, FIELD being the field's id. A form repeated on a
// page (one per responsable, one per child) gives the suffix of its ids ("-12").
void fill_error_summary(ctemplate::TemplateDictionary& d, const Form& form, const std::string& id_suffix = "");

// "nouveau_mot_de_passe" -> "NOUVEAU_MOT_DE_PASSE": a field's template key.
std::string template_key(const std::string& field);

}  // namespace ts::web
