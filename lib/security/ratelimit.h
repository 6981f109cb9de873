// Sliding-window rate limits kept in the database (table rate_event, owned
// here), so that every process of every flow shares them. Subjects are stored
// as SHA-256 digests. The named limits below are the only ones: each rule of
// the guide that limits something has one function here.
#pragma once
#include <string>

#include "core/config.h"
#include "core/db.h"

namespace ts::security {

struct RateLimit {
  const char* kind;   // stored in rate_event.kind
  int max_events;     // allowed within the window
  int window_seconds;
};

// Failed logins (any proof: password, letter password, date of birth) per
// client address: `login_ip_max_failures` per `login_ip_window_minutes`.
RateLimit failed_logins_per_client(const Config& cfg);
// Recovery requests per client address and hour, whatever they match: plenty
// for a family, too few to probe a list of addresses.
RateLimit recovery_requests_per_client();

// Not a limit: the row a recovery request that mails nobody writes instead of
// the reset code, so that it costs the same (handlers/recuperation/forgot.cpp).
RateLimit recovery_stand_in();

// Mails (activation, recovery, changes) per account and per address and hour
// (`mail_per_account_per_hour`, `mail_per_address_per_hour`). An address is
// counted whatever its case: "Claire@X.fr" and "claire@x.fr" share one counter.
bool mail_allowed_for_account(Db& db, const Config& cfg, unsigned account_id);
void record_mail_for_account(Db& db, const Config& cfg, unsigned account_id);
bool mail_allowed_to_address(Db& db, const Config& cfg, const std::string& address);
void record_mail_to_address(Db& db, const Config& cfg, const std::string& address);

// Number of events recorded for (kind, subject) within the window.
int rate_count(Db& db, const RateLimit& limit, const std::string& subject);
// True when one more event is allowed.
bool rate_allowed(Db& db, const RateLimit& limit, const std::string& subject);
// Records one event (call it in the transaction of the action it limits).
void rate_record(Db& db, const RateLimit& limit, const std::string& subject);
// Deletes events older than a day (the longest window); `teleservices-admin purge`.
int rate_purge(Db& db);

}  // namespace ts::security
