#include "render.h"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <utility>

#include "accounts/family.h"
#include "core/text.h"
#include "staff/permissions.h"
#include "routes.h"
#include "session.h"

namespace ts::web {

void init_templates(const Config& cfg) {
  auto* cache = ctemplate::mutable_default_template_cache();
  cache->SetTemplateRootDirectory(cfg.templates_dir);
  // Load (and so check) every template at start-up: a broken one stops the
  // binary here rather than failing a family's request later.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(cfg.templates_dir)) {
    if (entry.path().extension() != ".tpl") continue;
    std::string name = std::filesystem::relative(entry.path(), cfg.templates_dir).string();
    if (!cache->LoadTemplate(name, ctemplate::DO_NOT_STRIP))
      throw std::runtime_error("template does not load: " + name);
  }
  // Production: the cache is frozen; development reloads changed templates.
  if (!cfg.template_reload) cache->Freeze();
}

std::string template_key(const std::string& field) { return ascii_upper(field); }

std::string expand_page(const Page& page, const Config& cfg, const std::string& csrf, const Fill& fill,
                        const accounts::Session* session, const scolarite::School* school) {
  ctemplate::TemplateDictionary layout("layout");
  layout.SetTemplateGlobalValue("CSRF_TOKEN", csrf);
  layout.SetTemplateGlobalValue("ACADEMIE", cfg.academie);
  // A form shown again with its errors: the title says so first (templates/README.md).
  const bool refused_form = page.status == 422 && page.title.rfind(kErrorTitlePrefix, 0) != 0;
  layout.SetValue("TITLE", refused_form ? kErrorTitlePrefix + page.title : page.title);
  if (session) {
    layout.ShowSection("SIGNED_IN");
    layout.SetValue("ACCOUNT_NAME", session->account.display_name);
    if (page.services_menu && session->stage == accounts::stage::full) {
      layout.ShowSection("SERVICES_MENU");
      layout.SetValue("ACADEMIE_URL", cfg.academie_url);
      if (school) {
        auto* entry = layout.AddSectionDictionary("SCHOOL");
        entry->SetValue("SCHOOL_NAME", school->name);
        entry->ShowSection(school->website.empty() ? "SCHOOL_CONTACT" : "SCHOOL_SITE");
        entry->SetValue("SCHOOL_WEBSITE", school->website);
      }
    }
    if (page.services_menu && session->stage == accounts::stage::staff) {
      // The staff menu: the entries the roles allow (lib/staff/permissions.cpp).
      layout.ShowSection("STAFF_MENU");
      const staff::Roles roles = staff::roles_from(session->account.staff_roles);
      using P = staff::Permission;
      for (auto [perm, section] : {std::pair{P::personnels, "STAFF_PERSONNELS"}, std::pair{P::suivi, "STAFF_SUIVI"},
                                   std::pair{P::import, "STAFF_IMPORT"}, std::pair{P::courriers, "STAFF_COURRIERS"},
                                   std::pair{P::assistance, "STAFF_ASSISTANCE"}, std::pair{P::journal, "STAFF_JOURNAL"}})
        if (staff::allows(roles, perm)) layout.ShowSection(section);
    }
    if (!page.nav.empty()) layout.ShowSection("NAV_" + page.nav);
  }
  auto* body = layout.AddIncludeDictionary("BODY");
  body->SetFilename(page.body_template);
  if (fill) fill(*body);
  std::string out;
  if (!ctemplate::ExpandTemplate("web/layout.tpl", ctemplate::DO_NOT_STRIP, &layout, &out))
    throw std::runtime_error("template expansion failed for " + page.body_template);
  return out;
}

Response render(Call& c, const Page& page, const Fill& fill) {
  Response res;
  res.status = page.status;
  std::string new_pre;
  std::string csrf = csrf_token(c.ctx, c.req, new_pre);
  if (!new_pre.empty()) res.set_cookie(kPreCookie, new_pre);
  if (c.ctx.cfg.template_reload)
    ctemplate::mutable_default_template_cache()->ReloadAllIfChanged(ctemplate::TemplateCache::LAZY_RELOAD);
  // The school is looked up only for the pages that show the services menu.
  std::optional<scolarite::School> school;
  if (c.session && page.services_menu && c.session->stage == accounts::stage::full)
    school = accounts::school_of(c.ctx.db, c.session->account.id);
  res.body = expand_page(page, c.ctx.cfg, csrf, fill, c.session, school ? &*school : nullptr);
  return res;
}

void fill_form(ctemplate::TemplateDictionary& body, const Form& form, std::initializer_list<const char*> keep_values) {
  for (const char* f : keep_values) body.SetValue(template_key(f) + "_VALUE", form.raw(f));
  for (const auto& [field, message] : form.errors()) {
    std::string key = template_key(field);
    body.SetValue(key + "_ERROR", message);
    body.ShowSection(key + "_HAS_ERROR");
  }
  fill_error_summary(body, form);
}

void fill_error_summary(ctemplate::TemplateDictionary& d, const Form& form, const std::string& id_suffix) {
  auto errors = form.errors();
  if (errors.empty()) return;
  d.ShowSection("HAS_ERRORS");
  for (const auto& [field, message] : errors) {
    auto* row = d.AddSectionDictionary("ERRORS");
    row->SetValue("FIELD", field + id_suffix);
    row->SetValue("MESSAGE", message);
  }
}

Fill message_fill(int status, const std::string& heading, const std::string& message, const std::string& link_href,
                  const std::string& link_text) {
  return [=](ctemplate::TemplateDictionary& d) {
    d.SetValue("HEADING", heading);
    d.SetValue("MESSAGE", message);
    d.SetValue("LINK_HREF", link_href);
    d.SetValue("LINK_TEXT", link_text);
    d.ShowSection(status >= 400 ? "IS_ERROR" : "IS_INFO");
  };
}

}  // namespace ts::web
