// Protection against guessing (letter passwords have about 40 bits): after
// `max_failed_logins` failures an account is locked for `lock_seconds`,
// doubling with each new lock until a successful login; failures are also
// counted per client address (`login_ip_max_failures` per
// `login_ip_window_minutes`). Used by login, first connection (date of birth)
// and every form that asks for a password.
#pragma once
#include <optional>
#include <string>

#include "accounts.h"
#include "http.h"

namespace ts {

struct Context;

// Lock length for the (lock_count+1)-th lock: base · 2^lock_count, capped at a day.
long lock_duration_seconds(long base_seconds, unsigned lock_count);

// "28/11/2026 à 16 h 45" (Paris time) while the account is locked, else nullopt.
std::optional<std::string> locked_until(Context& ctx, unsigned account_id);

// Counts one failure (own transaction); returns true when this failure locked
// the account. The account may be null (unknown identifier): then only the
// client address is counted.
bool record_failure(Context& ctx, const Request& req, const Account* account, const std::string& event,
                    const std::string& reason);

// A successful login: the failure and lock counts start again (caller's transaction).
void record_success(Context& ctx, unsigned account_id);

// True when the client address has failed too often recently (answer 429).
bool client_blocked(Context& ctx, const Request& req);

// The page shown while an account is locked (403): until when, and what to do.
Response locked_page(Context& ctx, const Request& req, const std::string& until);
// The page shown when a client address failed too often (429).
Response too_many_attempts_page(Context& ctx, const Request& req);

}  // namespace ts
