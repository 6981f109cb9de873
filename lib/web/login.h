// The password step every sign-in form shares (families at /connexion,
// staff at /personnel; both routes are .proof()): one copy of the lookup,
// the lock check, the constant-cost refusal of an unknown identifier, the
// counting of a failure, and the start of the session.
#pragma once
#include <optional>
#include <string>

#include "accounts/account.h"
#include "accounts/letters.h"
#include "form.h"
#include "routes.h"

namespace ts::web {

// The sign-in form shown again (422) or first (200).
using LoginPage = Response (*)(Call& c, const Form* form, int status);

// Which accounts a sign-in form is for: families' (responsable, eleve) or staff's.
enum class Side { family, staff };

// What the password step found.
struct LoginCheck {
  std::optional<accounts::Account> account;  // the account whose password was right (or at state letter, see below)
  std::optional<Response> answer;            // otherwise: what to answer (the lock page, or the form with its error)
  std::optional<accounts::Letter> letter;    // Side::family: the account's letter in force, if any
};

// Looks up `identifier` among the accounts of `side` (another side's account,
// a closed or unknown one: "Identifiant ou mot de passe incorrect.", after a
// dummy Argon2 check of the same cost, counted for the client address only);
// a locked account is not checked at all (the lock page); a wrong password is
// counted (security::record_failure: the lock page when it locks). A family
// account at state letter is returned unchecked, with its letter: checking it
// is the caller's. On the families' side every attempt — unknown identifier,
// active account, letter account — reads the letter in force (none for id 0),
// so that all take the same round trips (no timing oracle).
LoginCheck check_password(Call& c, Form& form, Side side, const std::string& identifier, const std::string& password,
                          LoginPage page);

// A failed attempt at a sign-in form: counted for the account (`a`, may be
// null) and the client address; the lock page when it locks the account,
// otherwise the form with "Identifiant ou mot de passe incorrect." (422).
Response refuse_login(Call& c, Form& form, const accounts::Account* a, const std::string& reason, LoginPage page);

// Signs in: the proofs' failure counts start again (none for a letter's
// password), a new session at `stage` (the browser's other session, of any
// account, ends), the audit row; answers a redirect to `to`. The account row
// first (record_success), then the session (lib/accounts/sessions.h).
Response sign_in(Call& c, const accounts::Account& a, const char* stage, const char* to, const char* event,
                 const std::string& detail, bool clear_password_count);

}  // namespace ts::web
