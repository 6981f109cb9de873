// Protection against guessing (letter passwords have about 40 bits): after
// `max_failed_logins` failures an account is locked for `lock_seconds`,
// doubling with each new lock until a successful proof; failures are also
// counted per client address (ratelimit.h failed_logins_per_client). Used by
// login, first connection (date of birth), and every form that asks for a
// password or a child's date of birth. Owns the lockout columns of `account`
// (failed_logins, lock_count, locked_until). The pages that tell a family
// about a lock are lib/web/views.h.
#pragma once
#include <optional>
#include <string>

#include "core/config.h"
#include "core/db.h"

namespace ts::security {

// Lock length for the (lock_count+1)-th lock: base · 2^lock_count, capped at a day.
long lock_duration_seconds(long base_seconds, unsigned lock_count);

// While the account is locked: the end of the lock (Unix time), else nullopt.
std::optional<long> locked_until(Db& db, unsigned account_id);

// Who failed: the account (id 0 for an unknown identifier: then only the
// client address is counted) and what the audit row says.
struct Failure {
  unsigned account_id = 0;
  std::string identifier;
  std::string event;   // "login_failure", "first_connection_failure"…
  std::string reason;  // "wrong password"…
};

// Counts one failure in its own transaction (it must stay counted whatever
// the request does next): throws std::logic_error inside another
// transaction. Returns true when this failure locked the account.
bool record_failure(Db& db, const Config& cfg, const std::string& client, const Failure& f);

// A successful proof: the failure and lock counts start again (caller's transaction).
void record_success(Db& db, unsigned account_id);

// The failure count alone starts again (first connection done with the
// letter): a lock in force and the lock count stay (caller's transaction).
void clear_failure_count(Db& db, unsigned account_id);

// True when the client address has failed too often recently (answer 429).
bool client_blocked(Db& db, const Config& cfg, const std::string& client);

}  // namespace ts::security
