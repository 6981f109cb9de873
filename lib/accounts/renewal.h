// issue 13 — aide: forced password renewal. After a suspected compromise,
// direction (for its school) or the académie (for every school) demands a new
// password at the next sign-in of chosen family accounts, a class, or every
// one (account.renew_password_at, sql/014). The sign-in then leads to the
// renewal page (session stage renew, handlers/connexion); any new password
// clears the demand (account.cpp set_password, first connection, reset link).
#pragma once
#include <string>
#include <vector>

#include "core/db.h"

namespace ts::accounts {

enum class RenewalWho {
  identifiers,  // the accounts named (RenewalRequest::identifiers)
  division,     // the accounts of one class of the school (class_id)
  everyone,     // every family account of the school (académie: of every school)
};

struct RenewalRequest {
  unsigned establishment_id = 0;  // the staff member's school; 0: the académie (every school)
  RenewalWho who = RenewalWho::everyone;
  std::vector<std::string> identifiers;  // RenewalWho::identifiers: as typed, lower case (valid::identifier)
  unsigned class_id = 0;                 // RenewalWho::division: a class of establishment_id
  // "" or a day YYYY-MM-DD (Paris time, the process's zone): accounts whose
  // password was changed that day or later are left out.
  std::string changed_since;
};

struct RenewalOutcome {
  bool class_found = true;  // false: the class is not one of the school's (nothing done)
  unsigned count = 0;       // accounts that must choose a new password
  // The identifiers that name no family account of the scope with a password
  // (unknown, another school's, staff, at state letter or closed): untouched.
  std::vector<std::string> unknown;
};

// In one transaction: the family accounts of the request (kind responsable
// or eleve, state active or pending_email: an account at state letter has no
// password yet; a family account is a school's through its pupil or its
// children, followup's TS_FAMILY_IN_SCOPE), less those whose password
// changed since `changed_since`, locked and given renew_password_at; every
// session of theirs ends (a thief's too) and their mailed codes stop serving
// (a pending new address). An identifier named twice counts once. Audit:
// one row `renewal_imposed` per account (its own trail, naming
// `by_identifier`) and one row `renewal_demanded` for the staff member
// `by_account` (its school's journal) saying the scope, the date
// (JJ/MM/AAAA) and the count.
// An académie request (establishment 0) is for everyone only: a class or
// identifiers need a school (std::invalid_argument otherwise).
RenewalOutcome demand_renewal(Db& db, const RenewalRequest& r, unsigned by_account, const std::string& by_identifier,
                              const std::string& remote_addr);

}  // namespace ts::accounts
