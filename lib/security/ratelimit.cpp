#include "ratelimit.h"

#include "core/crypto.h"
#include "core/validators.h"

namespace ts::security {
namespace {

constexpr const char* kCountEvents =
    "SELECT COUNT(*) FROM rate_event WHERE kind = ? AND subject = ? AND at > UTC_TIMESTAMP() - INTERVAL ? SECOND";
constexpr const char* kInsertEvent = "INSERT INTO rate_event (kind, subject, at) VALUES (?, ?, UTC_TIMESTAMP())";
constexpr const char* kPurgeEvents = "DELETE FROM rate_event WHERE at < UTC_TIMESTAMP() - INTERVAL 1 DAY";

RateLimit mail_per_account(const Config& cfg) { return {"mail_account", cfg.mail_per_account_per_hour, 3600}; }
RateLimit mail_per_address(const Config& cfg) { return {"mail_address", cfg.mail_per_address_per_hour, 3600}; }
std::string address_subject(const std::string& address) { return valid::email_key(address); }

}  // namespace

RateLimit failed_logins_per_client(const Config& cfg) {
  return {"login_ip", cfg.login_ip_max_failures, cfg.login_ip_window_minutes * 60};
}

RateLimit recovery_requests_per_client() { return {"recovery_ip", 20, 3600}; }
RateLimit recovery_stand_in() { return {"recovery_stand_in", 0, 0}; }

bool mail_allowed_for_account(Db& db, const Config& cfg, unsigned account_id) {
  return rate_allowed(db, mail_per_account(cfg), std::to_string(account_id));
}
void record_mail_for_account(Db& db, const Config& cfg, unsigned account_id) {
  rate_record(db, mail_per_account(cfg), std::to_string(account_id));
}
bool mail_allowed_to_address(Db& db, const Config& cfg, const std::string& address) {
  return rate_allowed(db, mail_per_address(cfg), address_subject(address));
}
void record_mail_to_address(Db& db, const Config& cfg, const std::string& address) {
  rate_record(db, mail_per_address(cfg), address_subject(address));
}

int rate_count(Db& db, const RateLimit& limit, const std::string& subject) {
  Rows r = db.query(kCountEvents, limit.kind, crypto::sha256(subject), limit.window_seconds);
  r->next();
  return r->getInt(1);
}

bool rate_allowed(Db& db, const RateLimit& limit, const std::string& subject) {
  return rate_count(db, limit, subject) < limit.max_events;
}

void rate_record(Db& db, const RateLimit& limit, const std::string& subject) {
  db.exec(kInsertEvent, limit.kind, crypto::sha256(subject));
}

int rate_purge(Db& db) { return db.exec(kPurgeEvents); }

}  // namespace ts::security
