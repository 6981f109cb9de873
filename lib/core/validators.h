// Pure format validators (see form.h for the signature). Table-tested in
// tests/unit/test_validators.cpp.
#pragma once
#include <string>
#include <unordered_set>

namespace ts::valid {

// "8 à 14 caractères alphanumériques (chiffres et lettres obligatoires)"
std::string password_rule(const std::string& in, std::string& out);
// A deliverable-looking address: local@domain.tld; the domain is lower-cased.
std::string email(const std::string& in, std::string& out);
// JJ/MM/AAAA (as French users type it) or AAAA-MM-JJ (input type=date);
// normalised to AAAA-MM-JJ. A real calendar date between 1900 and 2100.
std::string birth_date(const std::string& in, std::string& out);
// The form under which addresses are compared and counted: lower-cased
// ("Claire.Martin@Exemple.FR" and "claire.martin@exemple.fr" are one address).
std::string email_key(const std::string& address);
// An account identifier as typed at login: letters, digits, '.', '-', '_'; lower-cased.
std::string identifier(const std::string& in, std::string& out);
// A record's id sent back by a form (a pupil, a responsable): 1 to 9 digits,
// normalised without leading zeros; parse it with record_id().
std::string record_id(const std::string& in, std::string& out);
// The id a record_id field holds, 0 when empty or refused.
unsigned record_id_of(const std::string& normalised);
// A mailed code: base64url, 22 to 64 characters.
std::string token(const std::string& in, std::string& out);
// A phone number as families write it (fiche de renseignements): digits
// grouped by spaces (no-break ones too, from a web page), dots or hyphens
// ("06.12.34.56.78"), a leading +; at least 10 digits. Normalised with plain
// spaces between the groups, at most 20 characters.
std::string phone(const std::string& in, std::string& out);

// The list of common passwords refused at first connection (one per line,
// compared case-insensitively).
class CommonPasswords {
 public:
  void load(const std::string& path);  // throws if unreadable
  bool contains(const std::string& password) const;
  size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

}  // namespace ts::valid
