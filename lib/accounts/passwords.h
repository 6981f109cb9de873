// The rule of a new password (first connection, Mon compte, reset link), as
// first connection states it: required; "8 à 14 caractères alphanumériques
// (chiffres et lettres obligatoires)" (core/validators.h password_rule,
// checked here whether or not the form field declares it as its validator);
// not a common password (data/common-passwords.txt);
// its confirmation equal. lib/web/views.h check_new_password puts the
// messages on a form.
#pragma once
#include <string>

#include "core/validators.h"

namespace ts::accounts {

// The messages for the password field and its confirmation ("" when fine).
// `format_refused`: the field's validator already refused the text.
struct NewPasswordProblems {
  std::string password, confirmation;
};
NewPasswordProblems new_password_problems(const valid::CommonPasswords& common, const std::string& password,
                                          const std::string& confirmation, bool format_refused);

}  // namespace ts::accounts
