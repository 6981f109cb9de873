// Mon compte of a staff member: change the password (the families' sequence,
// web::change_own_password), the recovery codes left, and ten new ones shown
// once, the password asked again (the earlier ones stop serving; audited
// recovery_codes_regenerated).
#include "etablissement.h"
#include "security/audit.h"
#include "staff/second_factor.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;

Response compte_page(Call& c, const Form* form, const std::string& changed) {
  const accounts::Account& a = c.account();
  const int left = staff::recovery_codes_left(c.ctx.db, a.id);
  Page p{form ? 422 : 200, "Mon compte personnel", "etablissement/compte.tpl", true, "STAFF_COMPTE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIER", a.identifier);
    d.SetValue("EMAIL", a.email);
    d.SetIntValue("CODES_LEFT", left);
    if (left == 0) d.ShowSection("NO_CODES_LEFT");
    if (changed == "mot-de-passe") d.ShowSection("PASSWORD_CHANGED");
    if (form) fill_form(d, *form, {});  // never the passwords
  });
}

}  // namespace

Response compte(Call& c) { return compte_page(c, nullptr, c.query->value("modifie")); }

Response change_password(Call& c) {
  Form form(c.req, {{"mot_de_passe_actuel", 128, nullptr},
                    {"mot_de_passe", 64, valid::password_rule},
                    {"confirmation", 64, nullptr}});
  if (auto done = change_own_password(c, form, {"mot_de_passe_actuel", "mot_de_passe", "confirmation"},
                                      "/etablissement/compte?modifie=mot-de-passe", "/etablissement/compte"))
    return *done;
  return compte_page(c, &form, "");
}

// New codes are a second factor more: the password is asked again (the
// route is a .proof(): a wrong one counts toward the lock), so that a session
// left open cannot mint them.
Response regenerate_codes(Call& c) {
  Form form(c.req, {{"mot_de_passe_codes", 128, nullptr}});
  bool verified = false;
  if (auto locked = check_current_password(c, form, "mot_de_passe_codes", "recovery_codes_failure", verified))
    return *locked;
  if (!verified) return compte_page(c, &form, "");
  const accounts::Account& a = c.account();
  Db& db = c.ctx.db;
  Transaction tx(db);
  const auto codes = staff::new_recovery_codes(db, c.ctx.cfg, a.id);
  security::audit(db, a.id, a.identifier, "recovery_codes_regenerated", "", c.req.remote_addr);
  tx.commit();
  Page p{200, "Nouveaux codes de secours", "etablissement/codes.tpl", true, "STAFF_COMPTE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    for (const auto& code : codes) d.AddSectionDictionary("CODE")->SetValue("CODE", code);
  });
}

}  // namespace ts::etablissement
