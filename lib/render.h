// Pages: one layout (templates/layout.tpl) around a body template, both
// auto-escaped by ctemplate. No HTML is assembled in C++.
#pragma once
#include <ctemplate/template.h>

#include <functional>
#include <string>

#include "config.h"
#include "form.h"
#include "http.h"

namespace ts {

struct Context;
struct SessionInfo;

struct Page {
  int status = 200;
  std::string title;          // "Première connexion" ("— Scolarité services" is added)
  std::string body_template;  // "premiere_connexion.tpl"
  bool services_menu = false; // show the services menu (signed-in pages)
  std::string nav;            // current menu entry: "ACCUEIL" shows section NAV_ACCUEIL (aria-current)
};

// Sets the template root and cache mode; called once at start-up.
void init_templates(const Context& ctx);

using Fill = std::function<void(ctemplate::TemplateDictionary& body)>;

// The school entry of the services menu: its name, and its web site (empty:
// the entry leads to /contact). See lib/accounts.h school_of.
struct School {
  std::string name, website;
};

// Renders `page` inside the layout. The CSRF token of the request is the
// template-global CSRF_TOKEN (a "ts_pre" cookie is set when needed); with a
// session, the header shows the account's name.
Response render(Context& ctx, const Request& req, const Page& page, const Fill& fill,
                const SessionInfo* session = nullptr);

// The layout around a body, as text: what render() sends, and what
// `teleservices-admin error-pages` writes for nginx's own error pages.
// `school`: the menu's school entry, when the services menu is shown.
std::string expand_page(const Page& page, const Config& cfg, const std::string& csrf, const Fill& fill,
                        const SessionInfo* session = nullptr, const School* school = nullptr);
// The body of message.tpl (heading, message, one link).
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

// A plain page with a title and one message (errors, refusals).
Response message_page(Context& ctx, const Request& req, int status, const std::string& title, const std::string& message,
                      const std::string& link_href = "/", const std::string& link_text = "Retour à l'accueil");

// The two refusals every flow shares: an unknown path (404) and a POST whose
// CSRF token is missing or wrong (403, with a link back to the form).
Response not_found(Context& ctx, const Request& req);
Response form_expired(Context& ctx, const Request& req, const std::string& form_href);

}  // namespace ts
