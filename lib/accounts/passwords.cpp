#include "passwords.h"

namespace ts::accounts {

NewPasswordProblems new_password_problems(const valid::CommonPasswords& common, const std::string& password,
                                          const std::string& confirmation, bool format_refused) {
  NewPasswordProblems p;
  if (password.empty()) p.password = "Choisissez un nouveau mot de passe.";
  else if (!format_refused && common.contains(password))
    p.password = "Ce mot de passe est trop courant : choisissez-en un autre, plus difficile à deviner.";
  if (confirmation != password) p.confirmation = "La confirmation ne correspond pas au mot de passe saisi.";
  return p;
}

}  // namespace ts::accounts
