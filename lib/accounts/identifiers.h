// Identifiers and letter passwords, as printed on notification letters.
#pragma once
#include <string>

namespace ts::accounts {

// Lower-case ASCII from a person's name: first letter of the first name and the
// surname, accents folded, other characters dropped ("Élodie Le Bihan-Côté" ->
// "elebihancote"), at most 20 characters; "x" if nothing is left. The caller
// makes it unique with a digit suffix (cri, cri1, cri2…).
std::string identifier_base(const std::string& first_name, const std::string& last_name);
std::string with_suffix(const std::string& base, int n);  // n = 0: base itself

// 8 characters, upper-case letters and digits without look-alikes (0/O, 1/I):
// 32 symbols, 40 bits.
std::string new_letter_password();
constexpr const char* kLetterAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

}  // namespace ts::accounts
