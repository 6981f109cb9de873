// GET /compte/enfants: the children of the account (Mon compte > Enfants).
#include "accounts/family.h"
#include "compte.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::compte {
using namespace ts::web;

Response children(Call& c) {
  const accounts::Account& a = c.account();
  auto list = accounts::children_of(c.ctx.db, a);
  Page p{200, "Mon compte : enfants rattachés", "compte/enfants.tpl", true, "COMPTE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    account_frame(d, c, "ENFANTS");
    d.ShowSection(a.is_responsable() ? "RESPONSABLE" : "ELEVE");
    fill_children(d, list);
  });
}

}  // namespace ts::compte
