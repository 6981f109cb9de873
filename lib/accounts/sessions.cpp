#include "sessions.h"

#include "account_row.h"
#include "core/crypto.h"
#include "period.h"

namespace ts::accounts {
namespace {

constexpr const char* kLoadSession =
    "SELECT s.stage, " TS_ACCOUNT_COLUMNS ","
    " s.expires_at > UTC_TIMESTAMP()"
    " AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL IF(a.kind = 'personnel', ?, ?) MINUTE AS alive,"
    " s.last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND AS stale, COALESCE(s.replaced, '') AS replaced"
    " FROM session s JOIN account a ON a.id = s.account_id WHERE s.id_hash = ?";
constexpr const char* kDeleteSession = "DELETE FROM session WHERE id_hash = ?";
constexpr const char* kTouchSession = "UPDATE session SET last_seen_at = UTC_TIMESTAMP() WHERE id_hash = ?";
constexpr const char* kInsertSession =
    "INSERT INTO session (id_hash, account_id, stage, created_at, last_seen_at, expires_at)"
    " VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? HOUR)";
constexpr const char* kDeleteAccountSessions = "DELETE FROM session WHERE account_id = ?";
constexpr const char* kDeleteOtherSessions = "DELETE FROM session WHERE account_id = ? AND id_hash <> ?";
// The session a new one replaces, for the same account: it lives on at the
// new stage for TS_REPEAT_WINDOW only, so that a form posted twice (the
// second copy still carrying it) reaches the outcome rather than the login.
constexpr const char* kRetireSession =
    "UPDATE session SET stage = ?, replaced = 'stage',"
    " expires_at = LEAST(expires_at, UTC_TIMESTAMP() + " TS_REPEAT_WINDOW ")"
    " WHERE id_hash = ? AND account_id = ?";
constexpr const char* kCopySession =
    "INSERT INTO session (id_hash, account_id, stage, created_at, last_seen_at, expires_at)"
    " SELECT ?, account_id, stage, UTC_TIMESTAMP(), UTC_TIMESTAMP(), expires_at FROM session WHERE id_hash = ?";
constexpr const char* kRetireForPassword =
    "UPDATE session SET replaced = 'password', expires_at = LEAST(expires_at, UTC_TIMESTAMP() + " TS_REPEAT_WINDOW ")"
    " WHERE id_hash = ?";
// A new session like the replaced one (account, stage, its absolute expiry
// counted from its creation); the replaced one stays for its window, so that
// every copy of a form posted several times gets a session of its own.
constexpr const char* kAdoptSession =
    "INSERT INTO session (id_hash, account_id, stage, created_at, last_seen_at, expires_at)"
    " SELECT ?, account_id, stage, created_at, UTC_TIMESTAMP(), created_at + INTERVAL ? HOUR"
    " FROM session WHERE id_hash = ? AND replaced = 'stage'";
constexpr const char* kDeleteForeignSession = "DELETE FROM session WHERE id_hash = ? AND account_id <> ?";
constexpr const char* kOpenPending = "UPDATE session SET stage = 'full' WHERE account_id = ? AND stage = 'pending'";

std::string id_hash_of(const std::string& cookie) { return crypto::sha256(cookie); }

}  // namespace

std::optional<Session> load_session(Db& db, const std::string& cookie, int idle_minutes, int staff_idle_minutes) {
  if (cookie.size() != 43) return std::nullopt;  // 32 bytes in base64url
  std::string h = id_hash_of(cookie);
  Rows r = db.query(kLoadSession, staff_idle_minutes, idle_minutes, h);
  if (!r->next()) return std::nullopt;
  if (!r->getBoolean("alive") || r->getString("state") == "closed") {
    db.exec(kDeleteSession, h);
    return std::nullopt;
  }
  Session s{h, r->getString("stage"), read_account(*r), r->getString("replaced")};
  if (r->getBoolean("stale")) db.exec(kTouchSession, h);
  return s;
}

std::string start_session(Db& db, const std::string& old_cookie, unsigned account_id, const char* stage,
                          int absolute_hours) {
  if (!old_cookie.empty()) {
    db.exec(kRetireSession, stage, id_hash_of(old_cookie), account_id);
    db.exec(kDeleteForeignSession, id_hash_of(old_cookie), account_id);
  }
  std::string cookie = crypto::new_token(256);
  db.exec(kInsertSession, id_hash_of(cookie), account_id, stage, absolute_hours);
  return cookie;
}

void end_session(Db& db, const std::string& cookie) {
  if (!cookie.empty()) db.exec(kDeleteSession, id_hash_of(cookie));
}

void end_all_sessions(Db& db, unsigned account_id) { db.exec(kDeleteAccountSessions, account_id); }

void end_other_sessions(Db& db, unsigned account_id, const std::string& keep_id_hash) {
  db.exec(kDeleteOtherSessions, account_id, keep_id_hash);
}

std::string replace_session(Db& db, const std::string& id_hash) {
  std::string cookie = crypto::new_token(256);
  db.exec(kCopySession, id_hash_of(cookie), id_hash);
  db.exec(kRetireForPassword, id_hash);
  return cookie;
}

std::string adopt_session(Db& db, const std::string& id_hash, int absolute_hours) {
  std::string cookie = crypto::new_token(256);
  return db.exec(kAdoptSession, id_hash_of(cookie), absolute_hours, id_hash) == 1 ? cookie : std::string();
}

void open_pending_sessions(Db& db, unsigned account_id) { db.exec(kOpenPending, account_id); }

}  // namespace ts::accounts
