#include "codes.h"

#include "core/crypto.h"
#include "period.h"

namespace ts::accounts {
namespace {

// A code keeps the account's security_stamp of its issue (sql/005).
constexpr const char* kInsertCode =
    "INSERT INTO email_token (account_id, purpose, token_hash, email, created_at, expires_at, account_stamp)"
    " SELECT id, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? MINUTE, security_stamp FROM account WHERE id = ?";
constexpr const char* kInsertThreeMonthCode =
    "INSERT INTO email_token (account_id, purpose, token_hash, email, created_at, expires_at, account_stamp)"
    " SELECT id, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + " TS_THREE_MONTHS ", security_stamp FROM account"
    " WHERE id = ?";
// The rule of every mailed code: it serves until it is used, until it
// expires, and while the account is as it was when it was sent (a change
// of password or address, closing, a new letter bump security_stamp).
#define TS_CODE_SELECT \
  "SELECT t.id, t.account_id, t.email, t.used_at IS NOT NULL," \
  " t.expires_at <= UTC_TIMESTAMP() OR t.account_stamp <> a.security_stamp, a.state, a.identifier," \
  " t.used_at > UTC_TIMESTAMP() - " TS_REPEAT_WINDOW \
  " FROM email_token t JOIN account a ON a.id = t.account_id WHERE t.token_hash = ? AND t.purpose = ?"
constexpr const char* kFindCode = TS_CODE_SELECT;
constexpr const char* kLockCode = TS_CODE_SELECT " FOR UPDATE";
constexpr const char* kSpendCode = "UPDATE email_token SET used_at = UTC_TIMESTAMP() WHERE id = ?";
constexpr const char* kSpendCodes =
    "UPDATE email_token SET used_at = UTC_TIMESTAMP() WHERE account_id = ? AND purpose = ? AND used_at IS NULL";
constexpr const char* kExpireCodes =
    "UPDATE email_token SET expires_at = LEAST(expires_at, UTC_TIMESTAMP())"
    " WHERE account_id = ? AND purpose = ? AND used_at IS NULL";
constexpr const char* kRecentCodes =
    "SELECT COALESCE(SUM(created_at > UTC_TIMESTAMP() - INTERVAL ? SECOND), 0),"
    " COALESCE(SUM(created_at > UTC_TIMESTAMP() - INTERVAL 1 DAY), 0)"
    " FROM email_token WHERE account_id = ? AND purpose = ?";
// A live code: unused, unexpired, and of the account as it is (the rule of TS_CODE_SELECT).
#define TS_LIVE_CODE \
  " t.used_at IS NULL AND t.expires_at > UTC_TIMESTAMP() AND t.account_stamp = a.security_stamp"
constexpr const char* kIssuedJustNow =
    "SELECT 1 FROM email_token t JOIN account a ON a.id = t.account_id"
    " WHERE t.account_id = ? AND t.purpose = ? AND t.email = ? AND" TS_LIVE_CODE
    " AND t.created_at > UTC_TIMESTAMP() - " TS_REPEAT_WINDOW " LIMIT 1";
constexpr const char* kPendingEmailChange =
    "SELECT t.email FROM email_token t JOIN account a ON a.id = t.account_id"
    " WHERE t.account_id = ? AND t.purpose = 'email_change' AND" TS_LIVE_CODE " ORDER BY t.id DESC LIMIT 1";

MailedCode read_code(Rows& r) {
  MailedCode c;
  if (!r->next()) return c;
  c.id = r->getUInt(1);
  c.account_id = r->getUInt(2);
  c.email = r->getString(3);
  c.used = r->getBoolean(4);
  c.expired = r->getBoolean(5);
  c.account_state = r->getString(6);
  c.identifier = r->getString(7);
  c.used_just_now = r->getBoolean(8);
  return c;
}

}  // namespace

std::string issue_code(Db& db, unsigned account_id, const char* purpose, const std::string& address, Validity v) {
  std::string code = crypto::new_token(256);
  if (v.minutes < 0) db.exec(kInsertThreeMonthCode, purpose, crypto::sha256(code), address, account_id);
  else db.exec(kInsertCode, purpose, crypto::sha256(code), address, v.minutes, account_id);
  return code;
}

MailedCode find_code(Db& db, const char* purpose, const std::string& code) {
  if (code.empty()) return {};
  Rows r = db.query(kFindCode, crypto::sha256(code), purpose);
  return read_code(r);
}

LockedCode lock_code(Db& db, const char* purpose, const std::string& code) {
  LockedCode out;
  MailedCode seen = find_code(db, purpose, code);
  if (!seen.found()) return out;
  out.account = lock_account(db, seen.account_id);
  if (!out.account) return out;
  Rows r = db.query(kLockCode, crypto::sha256(code), purpose);
  out.code = read_code(r);
  return out;
}

void spend_code(Db& db, unsigned code_id) { db.exec(kSpendCode, code_id); }
void spend_codes(Db& db, unsigned account_id, const char* purpose) { db.exec(kSpendCodes, account_id, purpose); }
void expire_codes(Db& db, unsigned account_id, const char* purpose) { db.exec(kExpireCodes, account_id, purpose); }

RecentCodes recent_codes(Db& db, unsigned account_id, const char* purpose, int seconds) {
  Rows r = db.query(kRecentCodes, seconds, account_id, purpose);
  r->next();
  return {r->getInt(1), r->getInt(2)};
}

bool issued_just_now(Db& db, unsigned account_id, const char* purpose, const std::string& address) {
  return db.query(kIssuedJustNow, account_id, purpose, address)->next();
}

Resend activation_resend(Db& db, const Config& cfg, unsigned account_id) {
  auto recent = recent_codes(db, account_id, purpose::activation, cfg.resend_min_interval_seconds);
  if (recent.within_interval > 0) return Resend::too_soon;
  if (recent.within_day >= cfg.resend_max_per_day) return Resend::too_many_today;
  return Resend::allowed;
}

std::optional<std::string> pending_email_change(Db& db, unsigned account_id) {
  return db.scalar(kPendingEmailChange, account_id);
}

}  // namespace ts::accounts
