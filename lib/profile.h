// "Mon compte" (handlers/compte.cpp): what changes an account's password or
// address, and the mails that tell the family. Every function runs in the
// caller's transaction, with the account row locked.
#pragma once
#include <optional>
#include <string>

#include "accounts.h"

namespace ts {

struct Context;

// A new address is used only once the family opens the link mailed to it;
// the link stays valid 72 hours (long enough for a weekend, short enough that
// a forgotten request does not linger). A newer request replaces it.
constexpr int kEmailChangeValidHours = 72;

// The mail telling the confirmed address (if any) that the password changed.
void queue_password_changed_mail(Context& ctx, const Account& a);

// Issues the single-use code for `address` (any earlier request of the
// account stops being valid) and queues the link to that address.
void request_email_change(Context& ctx, const Account& a, const std::string& address);

// The address waiting for its link to be opened, if any.
std::optional<std::string> pending_email_change(Db& db, unsigned account_id);

// The mail telling the previous address that the account now uses another one.
void queue_address_changed_mail(Context& ctx, const Account& a, const std::string& old_address);

}  // namespace ts
