// The mails of the account life cycle, queued in the outbox in the caller's
// transaction (lib/mail/outbox.h); bodies are templates/mail/*.tpl. Links
// start with the site's `base_url` ([site] base_url).
#pragma once
#include <string>
#include <vector>

#include "account.h"
#include "core/db.h"

namespace ts::accounts {

// The activation mail of the guide: the link /validerAdresseMail?code=.
void queue_activation_mail(Db& db, const std::string& base_url, const Account& a, const std::string& address,
                           const std::string& code);
// To the confirmed address (if any): the password changed.
void queue_password_changed_mail(Db& db, const Account& a);
// To a new address: the link /validerNouvelleAdresse?code=, valid `hours`.
void queue_new_address_mail(Db& db, const std::string& base_url, const Account& a, const std::string& address,
                            const std::string& code, int hours);
// To the previous address: the account now uses another one.
void queue_address_changed_mail(Db& db, const Account& a, const std::string& old_address);
// To each confirmed address of the two accounts (once per address): the regroupement is done.
void queue_regroupement_mails(Db& db, const Account& kept, const Account& closed);

// Recovery: one identifiers mail per address, listing the accounts it serves.
struct Recipient {
  std::string identifier, display_name, email;
};
void queue_identifiers_mail(Db& db, const std::vector<Recipient>& accounts);
// Recovery: the reset link /reinitialiser-mot-de-passe?code=, valid `minutes`.
void queue_reset_mail(Db& db, const std::string& base_url, const Recipient& to, const std::string& code, int minutes);

// A new staff account (lib/staff): the enrolment link
// /personnel/activer?code=, valid `hours`, to the address direction gave.
// Subject "Votre compte Scolarité services (personnel)".
void queue_staff_enrolment_mail(Db& db, const std::string& base_url, const Recipient& to, const std::string& code,
                                int hours);

}  // namespace ts::accounts
