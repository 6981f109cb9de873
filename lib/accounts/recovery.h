// Self-service recovery (spec "Self-service recovery"): who may recover alone
// (an active account, by its confirmed address), and the reset link. The
// rules that keep the answers from telling whether an account or an address
// exists are the page's (handlers/recuperation/), with core/db.h run_or_undo.
// Staff accounts never recover here: their direction (or teleservices-admin
// staff link) sends a new enrolment link (docs/STAFF.md).
#pragma once
#include <string>
#include <vector>

#include "core/db.h"
#include "mails.h"

namespace ts::accounts {

// An active account and its confirmed address.
struct Holder {
  unsigned id = 0;
  Recipient recipient;
};
// The active accounts whose confirmed address is `address`, locked, by identifier.
std::vector<Holder> lock_holders_of_address(Db& db, const std::string& address);
// The active account `identifier` if its confirmed address is `address`, locked (0 or 1 row).
std::vector<Holder> lock_holder(Db& db, const std::string& identifier, const std::string& address);

// A reset link used (caller's transaction, account row locked): the new
// password hash; this and every other reset code of the account have
// served; the lock is lifted (the family proved it holds the address); every
// session ends (whoever knew the old password is signed out).
void reset_password(Db& db, unsigned account_id, const std::string& password_hash);

}  // namespace ts::accounts
