#include "lockout.h"

#include "audit.h"
#include "ratelimit.h"

namespace ts::security {
namespace {
constexpr const char* kLockedUntil =
    "SELECT UNIX_TIMESTAMP(locked_until) FROM account WHERE id = ? AND locked_until > UTC_TIMESTAMP()";
// The counts, the lock count when the last lock ended less than a day ago (else
// the next lock is a first lock again), and whether a lock in force counted
// another proof than passwords.
constexpr const char* kLockCounts =
    "SELECT failed_logins, failed_birth_dates, failed_codes,"
    " IF(locked_until > UTC_TIMESTAMP() - INTERVAL 1 DAY, lock_count, 0),"
    " COALESCE(locked_until > UTC_TIMESTAMP() AND lock_reason = 'other', 0)"
    " FROM account WHERE id = ? FOR UPDATE";
constexpr const char* kLock =
    "UPDATE account SET failed_logins = 0, failed_birth_dates = 0, failed_codes = 0, lock_count = ?,"
    " locked_until = UTC_TIMESTAMP() + INTERVAL ? SECOND, lock_reason = ? WHERE id = ?";
constexpr const char* kCountFailure =
    "UPDATE account SET failed_logins = ?, failed_birth_dates = ?, failed_codes = ? WHERE id = ?";
constexpr const char* kSuccess =
    "UPDATE account SET failed_logins = IF(?, 0, failed_logins), failed_birth_dates = IF(?, 0, failed_birth_dates),"
    " failed_codes = IF(?, 0, failed_codes), last_login_at = IF(?, UTC_TIMESTAMP(), last_login_at) WHERE id = ?";
// Helpdesk (lib/staff): the lock in force ends now and the counts start again;
// the lock count stays (the doubling is not shortened).
constexpr const char* kUnlock =
    "UPDATE account SET failed_logins = 0, failed_birth_dates = 0, failed_codes = 0,"
    " locked_until = IF(locked_until > UTC_TIMESTAMP(), UTC_TIMESTAMP(), locked_until) WHERE id = ?";
constexpr const char* kPasswordReset =
    "UPDATE account SET failed_logins = 0,"
    " locked_until = IF(locked_until > UTC_TIMESTAMP() AND lock_reason = 'password', UTC_TIMESTAMP(), locked_until)"
    " WHERE id = ?";
}  // namespace

long lock_duration_seconds(long base_seconds, unsigned lock_count) {
  constexpr long kDay = 24L * 3600;
  long d = base_seconds;
  for (unsigned i = 0; i < lock_count && d < kDay; ++i) d *= 2;
  return d < kDay ? d : kDay;
}

std::optional<long> locked_until(Db& db, unsigned account_id) {
  Rows r = db.query(kLockedUntil, account_id);
  if (!r->next()) return std::nullopt;
  return static_cast<long>(r->getInt64(1));
}

bool record_failure(Db& db, const Config& cfg, const std::string& client, const Failure& f) {
  require_own_transaction(db, "record_failure");
  Transaction tx(db);
  rate_record(db, failed_logins_per_client(cfg), client);
  bool locked = false;
  {
    // An unknown identifier (id 0) runs the same statements on no row: the
    // same round trips as a known account's failure, so that the answer's
    // time tells nothing (tests/attacks/timing.test.mjs).
    Rows r = db.query(kLockCounts, f.account_id);
    if (!r->next()) db.exec(kCountFailure, 0, 0, 0, f.account_id);
    else {
      unsigned passwords = r->getUInt(1), dates = r->getUInt(2), codes = r->getUInt(3), locks = r->getUInt(4);
      bool other_in_force = r->getBoolean(5);
      (f.proof == Proof::password ? passwords : f.proof == Proof::birth_date ? dates : codes) += 1;
      if (static_cast<int>(passwords + dates + codes) >= cfg.max_failed_logins) {
        const char* reason = dates > 0 || codes > 0 || other_in_force ? "other" : "password";
        db.exec(kLock, locks + 1, lock_duration_seconds(cfg.lock_seconds, locks), std::string(reason), f.account_id);
        locked = true;
      } else {
        db.exec(kCountFailure, passwords, dates, codes, f.account_id);
      }
    }
  }
  audit(db, f.account_id, f.identifier, f.event, f.reason, client);
  if (locked)
    audit(db, f.account_id, f.identifier, "lock",
          "compte verrouillé après " + std::to_string(cfg.max_failed_logins) + " échecs", client);
  tx.commit();
  return locked;
}

void record_success(Db& db, unsigned account_id, std::initializer_list<Proof> proofs, bool signed_in) {
  bool password = false, birth_date = false, code = false;
  for (Proof p : proofs) (p == Proof::password ? password : p == Proof::birth_date ? birth_date : code) = true;
  db.exec(kSuccess, password, birth_date, code, signed_in, account_id);
}

void unlock(Db& db, unsigned account_id) { db.exec(kUnlock, account_id); }

void record_password_reset(Db& db, unsigned account_id) { db.exec(kPasswordReset, account_id); }

bool client_blocked(Db& db, const Config& cfg, const std::string& client) {
  return !rate_allowed(db, failed_logins_per_client(cfg), client);
}

}  // namespace ts::security
