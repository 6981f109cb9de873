// Protection against guessing (letter passwords have about 40 bits, a date of
// birth about 9 bits a year). Each proof keeps its own failure count on the
// account; when their sum reaches `max_failed_logins` the account is locked
// for `lock_seconds`, doubling with each new lock that comes within a day of
// the previous one's end. The success of one proof clears its own count only:
// a correct letter password does not wipe the wrong dates of birth typed at
// first connection (issue 11, fault 1), and no success shortens the doubling.
// A success that is only part of the proofs an account needs (the letter's
// password before the date of birth; a staff member's password before the
// second factor) clears nothing: the first connection done clears both
// counts, and so does a staff member's second factor accepted.
// Failures are also counted per client address (ratelimit.h
// failed_logins_per_client); routes declared `.proof()` (web/routes.h) are
// refused before they run while that address is blocked or, signed in, while
// the account is locked. Owns the lockout columns of `account`
// (failed_logins, failed_birth_dates, failed_codes, lock_count, locked_until,
// lock_reason; sql/002, sql/007, sql/009). The pages that tell a family about a lock are
// lib/web/views.h.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>

#include "core/config.h"
#include "core/db.h"

namespace ts::security {

// What a person proves who they are with. A new proof (TOTP…) gets its own
// count column and a case here.
enum class Proof {
  password,    // account password, letter password, current password before a change, the other account's at a merge
  birth_date,  // a pupil's date of birth: first connection, attaching a child
  second_factor,  // a staff member's TOTP or recovery code (lib/staff; column failed_codes, sql/009)
};

// Lock length for the (lock_count+1)-th lock: base · 2^lock_count, capped at a day.
long lock_duration_seconds(long base_seconds, unsigned lock_count);

// While the account is locked: the end of the lock (Unix time), else nullopt.
// (Account rows read by lib/accounts carry the same as Account::locked_until.)
std::optional<long> locked_until(Db& db, unsigned account_id);

// Who failed: the account (id 0 for an unknown identifier: then only the
// client address is counted), which proof, and what the audit row says.
struct Failure {
  unsigned account_id = 0;
  std::string identifier;
  std::string event;   // "login_failure", "first_connection_failure"…
  std::string reason;  // "wrong password"…
  Proof proof = Proof::password;
};

// Counts one failure in its own transaction (it must stay counted whatever
// the request does next): throws std::logic_error inside another
// transaction. Returns true when this failure locked the account (the counts
// then start again from 0; lock_reason says whether only passwords counted).
bool record_failure(Db& db, const Config& cfg, const std::string& client, const Failure& f);

// Successful proofs: their failure counts start again; the other proofs'
// counts, a lock in force and the lock count stay (caller's transaction).
// `signed_in`: this success is a sign-in (account.last_login_at = now, in the
// same statement: the follow-up's "Dernière connexion", sql/012).
void record_success(Db& db, unsigned account_id, std::initializer_list<Proof> proofs, bool signed_in = false);

// A new password set through a mailed reset link (the confirmed address
// proves who it is): the password failure count starts again, and a lock in
// force that only wrong passwords caused is lifted. A lock that another
// proof's failures caused stays: a reset must not become a way to go on
// guessing dates of birth (caller's transaction).
void record_password_reset(Db& db, unsigned account_id);

// Helpdesk (staff with the assistance permission, lib/staff): the lock in
// force ends now and every failure count starts again; the lock count stays,
// so the next lock within a day is still doubled (caller's transaction).
void unlock(Db& db, unsigned account_id);

// True when the client address has failed too often recently (answer 429).
bool client_blocked(Db& db, const Config& cfg, const std::string& client);

}  // namespace ts::security
