// issue 13 — aide. Accounts unused for a year (teleservices-admin
// inactivity, daily from systemd/teleservices-purge.service): a family
// account (responsable or élève) at state active whose last use —
// account.last_login_at, else the activation (email_confirmed_at, else
// first_connection_at, else created_at) — is 335 days old gets one warning
// mail (account.inactivity_warned_at, sql/013; a sign-in since re-arms
// it); at 365 days, warned at least 30 days before, it is closed
// (close_account). An account without a confirmed address is "warned"
// without a mail (recorded all the same: nobody can be told).
#pragma once
#include <string>
#include <vector>

#include "core/db.h"

namespace ts::accounts {

constexpr int kInactivityWarnDays = 335, kInactivityCloseDays = 365, kInactivityNoticeDays = 30;

// What a run did (or, dry, would do): identifiers, in id order.
struct InactivityRun {
  std::vector<std::string> warned;         // mailed (or recorded without a mail)
  unsigned warned_without_address = 0;     // of which: no confirmed address, no mail
  std::vector<std::string> closed;
};
// One run in the caller's transaction; `dry_run`: nothing written, nothing
// mailed. Closings are audited `inactivity_closed`, warnings
// `inactivity_warned` (the account's own rows).
InactivityRun run_inactivity(Db& db, bool dry_run);

}  // namespace ts::accounts
