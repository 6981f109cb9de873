#include "passwords.h"

namespace ts::accounts {

NewPasswordProblems new_password_problems(const valid::CommonPasswords& common, const std::string& password,
                                          const std::string& confirmation, bool format_refused) {
  NewPasswordProblems p;
  std::string cleaned;
  if (password.empty()) p.password = "Choisissez un nouveau mot de passe.";
  else if (format_refused) {
    // the field's validator has said why
  } else if (std::string rule = valid::password_rule(password, cleaned); !rule.empty())
    p.password = rule;  // the rule holds whether or not the form's field declares it (issue 12: the enrolment link)
  else if (common.contains(password))
    p.password = "Ce mot de passe est trop courant : choisissez-en un autre, plus difficile à deviner.";
  if (confirmation != password) p.confirmation = "La confirmation ne correspond pas au mot de passe saisi.";
  return p;
}

}  // namespace ts::accounts
