#include "lockout.h"

#include "audit.h"
#include "ratelimit.h"

namespace ts::security {
namespace {
constexpr const char* kLockedUntil =
    "SELECT UNIX_TIMESTAMP(locked_until) FROM account WHERE id = ? AND locked_until > UTC_TIMESTAMP()";
constexpr const char* kLockCounts = "SELECT failed_logins, lock_count FROM account WHERE id = ? FOR UPDATE";
constexpr const char* kLock =
    "UPDATE account SET failed_logins = 0, lock_count = lock_count + 1,"
    " locked_until = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?";
constexpr const char* kCountFailure = "UPDATE account SET failed_logins = ? WHERE id = ?";
constexpr const char* kSuccess =
    "UPDATE account SET failed_logins = 0, lock_count = 0, locked_until = NULL WHERE id = ?";
constexpr const char* kClearFailures = "UPDATE account SET failed_logins = 0 WHERE id = ?";
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
  if (f.account_id) {
    Rows r = db.query(kLockCounts, f.account_id);
    if (r->next()) {
      unsigned failures = r->getUInt(1) + 1, locks = r->getUInt(2);
      if (static_cast<int>(failures) >= cfg.max_failed_logins) {
        db.exec(kLock, lock_duration_seconds(cfg.lock_seconds, locks), f.account_id);
        locked = true;
      } else {
        db.exec(kCountFailure, failures, f.account_id);
      }
    }
  }
  audit(db, f.account_id, f.identifier, f.event, f.reason, client);
  if (locked)
    audit(db, f.account_id, f.identifier, "lock", "after " + std::to_string(cfg.max_failed_logins) + " failures",
          client);
  tx.commit();
  return locked;
}

void record_success(Db& db, unsigned account_id) { db.exec(kSuccess, account_id); }

void clear_failure_count(Db& db, unsigned account_id) { db.exec(kClearFailures, account_id); }

bool client_blocked(Db& db, const Config& cfg, const std::string& client) {
  return !rate_allowed(db, failed_logins_per_client(cfg), client);
}

}  // namespace ts::security
