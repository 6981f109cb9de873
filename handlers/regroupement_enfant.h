// "No second letter needed" (handlers/regroupement_enfant.cpp).
#pragma once
#include <functional>
#include <vector>

#include "accounts.h"
#include "app.h"
#include "render.h"

namespace ts {
struct SessionInfo;
// Runs a query selecting (pupil id, first name, last name); the pupils as Child rows.
std::vector<Child> read_pupils(Stmt st);
// Children linked by the school to one of the account's responsables, held only by an unused letter account.
std::vector<Child> attachable_children(Db& db, unsigned account_id);
// POST /compte/regroupement/enfant: eleve + date_naissance. `redisplay` shows the regroupement page with the error.
Response attach_child(const Request& req, Context& ctx, const SessionInfo& s, const Account& a,
                      const std::function<Response(const Form&, unsigned)>& redisplay);
}  // namespace ts
