// Mailed single-use codes (table email_token, owned here): activation links,
// new-address links, password reset links. 256 random bits; only their
// SHA-256 is stored. Finding, locking and spending a code is written once,
// here, for every purpose.
#pragma once
#include <optional>
#include <string>

#include "account.h"
#include "core/config.h"
#include "core/db.h"

namespace ts::accounts {

// email_token.purpose values.
namespace purpose {
constexpr const char* activation = "activation";
constexpr const char* email_change = "email_change";
constexpr const char* password_reset = "password_reset";
constexpr const char* staff_enrolment = "staff_enrolment";  // a new staff account's enrolment link (lib/staff, 72 h)
}  // namespace purpose

// How long a code serves: a number of minutes, or the guide's 3 months.
struct Validity {
  int minutes;
};
inline constexpr Validity kThreeMonths{-1};

// Issues a code for `address` and returns it (the only time it exists in clear).
std::string issue_code(Db& db, unsigned account_id, const char* purpose, const std::string& address, Validity v);

// A code as found, with its account's state and identifier: nothing (id 0)
// when unknown or of another purpose. `expired`: past its time, or sent
// before a change of the account that cancels codes (account.h
// cancel_codes: password, address, closing, a new letter).
struct MailedCode {
  unsigned id = 0, account_id = 0;
  std::string email, account_state, identifier;
  bool used = false, expired = false;
  bool used_just_now = false;  // used within TS_REPEAT_WINDOW (period.h): a repeated POST
  bool found() const { return id != 0; }
};

// Without locks: to show a page (the reset form) before any change.
MailedCode find_code(Db& db, const char* purpose, const std::string& code);

// In the caller's transaction, in the documented lock order: the code's
// account row first (lock_account), then the code (FOR UPDATE). `account` is
// empty when the code is unknown or its account is gone.
struct LockedCode {
  MailedCode code;
  std::optional<Account> account;
};
LockedCode lock_code(Db& db, const char* purpose, const std::string& code);

// The code has served (used_at).
void spend_code(Db& db, unsigned code_id);
// Every unused code of the account for `purpose` has served (a reset code serves once, and so do its siblings).
void spend_codes(Db& db, unsigned account_id, const char* purpose);
// Every unused code of the account for `purpose` stops working now (only the latest request counts).
void expire_codes(Db& db, unsigned account_id, const char* purpose);

// Whether a live code of `purpose` for `address` was issued within
// TS_REPEAT_WINDOW (period.h): the same request sent twice queues one mail.
bool issued_just_now(Db& db, unsigned account_id, const char* purpose, const std::string& address);

// Codes of `purpose` issued for the account within the last `seconds`, and within the last day.
struct RecentCodes {
  int within_interval = 0, within_day = 0;
};
RecentCodes recent_codes(Db& db, unsigned account_id, const char* purpose, int seconds);

// The activation resend limit (spec "resend limited"; [security]
// resend_min_interval_seconds, resend_max_per_day): whether one more
// activation mail may go to the account now.
enum class Resend { allowed, too_soon, too_many_today };
Resend activation_resend(Db& db, const Config& cfg, unsigned account_id);

// The address waiting for its new-address link, if any (latest live request).
std::optional<std::string> pending_email_change(Db& db, unsigned account_id);

}  // namespace ts::accounts
