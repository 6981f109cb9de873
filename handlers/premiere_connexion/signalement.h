// issue 13 — aide. GET/POST /premiere-connexion/signalement: whoever signed
// in with a letter that is not theirs ("je ne suis pas le représentant
// légal de cet élève") reports it; the session at the letter stage proves
// the letter (the same gate and letter_in_force as the first connection).
#pragma once
#include <optional>

#include "accounts/letters.h"
#include "web/routes.h"

namespace ts::premiere_connexion {

// main.cpp: the letter this session signed in with, still in force (not
// used, replaced, expired nor reported); otherwise `away` is the answer
// (the session ended, or the outcome of a first connection just done).
std::optional<accounts::Letter> letter_in_force(web::Call& c, web::Response& away);

// The form: what reporting does, a box to tick.
web::Response report_form(web::Call& c);
// The report (field `confirmer` = 1, else 422): the letter suspended at once
// (accounts::report_letter), every session of the account ended, audited
// `letter_reported`; then the confirmation page (the cookie cleared).
web::Response report_submit(web::Call& c);

}  // namespace ts::premiere_connexion
