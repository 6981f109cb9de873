#include "ratelimit.h"

#include "crypto.h"

namespace ts {

int rate_count(Db& db, const RateLimit& limit, const std::string& subject) {
  auto st = db.prepare(
      "SELECT COUNT(*) FROM rate_event WHERE kind = ? AND subject = ? AND at > UTC_TIMESTAMP() - INTERVAL ? SECOND");
  st->setString(1, limit.kind);
  st->setString(2, crypto::sha256(subject));
  st->setInt(3, limit.window_seconds);
  Rows r(st->executeQuery());
  r->next();
  return r->getInt(1);
}

bool rate_allowed(Db& db, const RateLimit& limit, const std::string& subject) {
  return rate_count(db, limit, subject) < limit.max_events;
}

void rate_record(Db& db, const RateLimit& limit, const std::string& subject) {
  auto st = db.prepare("INSERT INTO rate_event (kind, subject, at) VALUES (?, ?, UTC_TIMESTAMP())");
  st->setString(1, limit.kind);
  st->setString(2, crypto::sha256(subject));
  st->executeUpdate();
}

int rate_purge(Db& db) {
  auto st = db.prepare("DELETE FROM rate_event WHERE at < UTC_TIMESTAMP() - INTERVAL 1 DAY");
  return st->executeUpdate();
}

}  // namespace ts
