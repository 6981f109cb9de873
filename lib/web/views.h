// Views every flow shares: message pages, the refusals, the lock pages, the
// list of children, and the new-password rule put on a form. Their
// templates are templates/web/.
#pragma once
#include <ctemplate/template.h>

#include <optional>
#include <string>
#include <vector>

#include "accounts/family.h"
#include "form.h"
#include "http.h"
#include "routes.h"
#include "security/lockout.h"

namespace ts::web {

// A plain page with a title and one message (errors, refusals, outcomes),
// without the account header. With `nav` (a services-menu entry such as
// "COMPTE"), the page is one of the signed-in pages: header and services menu.
Response message_page(Call& c, int status, const std::string& title, const std::string& message,
                      const std::string& link_href = "/", const std::string& link_text = "Retour à l'accueil",
                      const char* nav = nullptr);

// An unknown path (404).
Response not_found(Call& c);
// A POST whose CSRF token is missing or wrong (403), with a link back to the form.
Response form_expired(Call& c, const std::string& form_href);
// While an account is locked (403): until when (Paris time), and what to do.
Response locked_page(Call& c, long until_epoch);
// A client address that failed too often (429, with Retry-After: the window).
Response too_many_attempts_page(Call& c);

// The signed-in account failed a proof of who it is (current password, a
// child's date of birth): counted on its own proof's count, which sums with
// the others towards the lock (lib/security/lockout.h). When this failure
// locks the account, the session that guessed ends with the lock: returns the
// lock page to answer; otherwise nullopt.
std::optional<Response> failed_proof(Call& c, security::Proof proof, const std::string& event,
                                     const std::string& reason);

// The current password, asked before a change (Mon compte, correcting the
// address to confirm), on a .proof() route (the dispatcher has refused a
// blocked client address and a locked account). Returns the page to answer
// instead when a wrong password locks the account (failed_proof); a wrong
// password is counted
// and marked on the field; `verified` tells whether it was right.
std::optional<Response> check_current_password(Call& c, Form& form, const char* field, const char* failure_event,
                                               bool& verified);

// The fields of a password change form: the current password, the new one
// and its confirmation.
struct PasswordFields {
  const char* current;
  const char* fresh;
  const char* confirmation;
};
// A signed-in account changes its own password (families' and staff's Mon
// compte), on a .proof() route: the current password checked (a wrong one
// counted, check_current_password), the new one by the rule
// (check_new_password) and different from the current one; then, in one
// transaction under the account row's lock, the new hash, the other sessions
// ended, this browser's session replaced, the "mot de passe modifié" mail and
// the audit row (`password_change`). Returns the answer: a 303 to `done` (also
// for the twin of a change just made: a double click), the lock page, or a
// 409 linking to `back` when the password changed meanwhile; nullopt when the
// form has errors (marked on it: the caller shows it again, 422).
std::optional<Response> change_own_password(Call& c, Form& form, const PasswordFields& f, const std::string& done,
                                            const std::string& back);
// issue 13 — aide: the new password the school demanded (session stage renew,
// accounts/renewal.h; not a .proof(): the sign-in has just checked the
// current password, which is not asked again). The rule of
// check_new_password, and not the current password; then as above in one
// transaction (the demand cleared by set_password, the other sessions ended,
// the mail) with a new session at the stage the account belongs to
// (accounts::stage_for) and the audit row `password_renewed`. Returns the
// 303 to that stage's home (or the 409); nullopt when the form has errors.
std::optional<Response> renew_own_password(Call& c, Form& form, const char* fresh_field,
                                           const char* confirmation_field);

// A new address typed twice (Mon compte, the waiting page): required, the
// confirmation equal, and not `current` (compared as valid::email_key does).
void check_new_address(Form& form, const char* field, const char* confirmation_field, const std::string& current);

// "28/11/2026 à 16 h 45": Unix time as French users read it, Paris time (TZ
// is set once at start-up by serve()).
std::string french_time(long epoch);

// One CHILD section per child (FIRST_NAME, LAST_NAME, CLASS, ESTABLISHMENT,
// and HAS_RESPONSABLE with RESPONSABLE), or NO_CHILD when there is none (a
// child who left the school is no longer held): the list every page of children shows.
void fill_children(ctemplate::TemplateDictionary& d, const std::vector<accounts::Child>& children);

// The rule of a new password (lib/accounts/passwords.h) on `form`'s two
// fields; returns form.ok().
bool check_new_password(const Context& ctx, Form& form, const char* field, const char* confirmation_field);

}  // namespace ts::web
