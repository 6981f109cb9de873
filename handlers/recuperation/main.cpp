// Flow "récupération": self-service recovery for an account whose address is
// confirmed (spec "Self-service recovery"); no session needed.
//   GET/POST /identifiant-oublie           the identifiers of an address, mailed to it
//   GET/POST /mot-de-passe-oublie          identifier + address: a single-use reset link, mailed
//   GET/POST /reinitialiser-mot-de-passe   the link: a new password; every session ends
// The two requests never tell whether an account or an address exists: one
// page, one status, the same statements (run_or_undo, core/db.h), and limits
// that count the typed address whether it is known or not.
#include "forgot.h"

namespace ts::recuperation {
namespace {
using namespace ts::web;

const Routes kRoutes = {
    get("/identifiant-oublie", Gate::entry, forgot_identifier_form),
    post("/identifiant-oublie", Gate::anyone, forgot_identifier),
    get("/mot-de-passe-oublie", Gate::entry, forgot_password_form),
    post("/mot-de-passe-oublie", Gate::anyone, forgot_password),
    get("/reinitialiser-mot-de-passe", Gate::anyone, reset_form).query({{"code", 64, valid::token}}),
    post("/reinitialiser-mot-de-passe", Gate::anyone, reset).expired_form_page(reset_form_page),
};

}  // namespace
}  // namespace ts::recuperation

TS_FLOW_MAIN("recuperation", ts::recuperation::kRoutes)
