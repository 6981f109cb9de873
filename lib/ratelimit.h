// Sliding-window rate limits kept in the database (table rate_event), so that
// every process of every flow shares them: mails per account and per address,
// failed logins per client address. Subjects are stored as SHA-256 digests.
#pragma once
#include <string>

#include "db.h"

namespace ts {

struct RateLimit {
  const char* kind;   // "mail_account", "mail_address", "login_ip"…
  int max_events;     // allowed within the window
  int window_seconds;
};

// Number of events recorded for (kind, subject) within the window.
int rate_count(Db& db, const RateLimit& limit, const std::string& subject);
// True when one more event is allowed.
bool rate_allowed(Db& db, const RateLimit& limit, const std::string& subject);
// Records one event (call it in the transaction of the action it limits).
void rate_record(Db& db, const RateLimit& limit, const std::string& subject);
// Deletes events older than a day (the longest window); called by `teleservices-admin purge`.
int rate_purge(Db& db);

}  // namespace ts
