#include "outbox.h"

#include <stdexcept>

namespace ts::mail {
namespace {

constexpr const char* kEnqueue = "INSERT INTO outbox (to_address, to_name, subject, body_text) VALUES (?, ?, ?, ?)";
constexpr const char* kSelectDue =
    "SELECT id, to_address, to_name, subject, body_text, attempts, message_id FROM outbox"
    " WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP()"
    " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";
constexpr const char* kClaim =
    "UPDATE outbox SET attempts = ?, message_id = ?, next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND"
    " WHERE id = ?";
// A SELECT ... FOR UPDATE rather than a conditional UPDATE: MariaDB reports
// "rows changed", which is 0 when the lease is unchanged.
constexpr const char* kLockIfOurs =
    "SELECT attempts FROM outbox WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL FOR UPDATE";
constexpr const char* kRenewLease = "UPDATE outbox SET next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?";
constexpr const char* kSent = "UPDATE outbox SET sent_at = UTC_TIMESTAMP(), last_error = NULL WHERE id = ?";
constexpr const char* kFailed =
    "UPDATE outbox SET failed_at = UTC_TIMESTAMP(), last_error = ? WHERE id = ? AND attempts = ? AND sent_at IS NULL";
constexpr const char* kRetry =
    "UPDATE outbox SET last_error = ?, next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND"
    " WHERE id = ? AND attempts = ? AND sent_at IS NULL";
constexpr const char* kHandBack =
    "UPDATE outbox SET attempts = attempts - 1, next_attempt_at = UTC_TIMESTAMP()"
    " WHERE id = ? AND attempts = ? AND sent_at IS NULL AND failed_at IS NULL";

// outbox.last_error is VARCHAR(1000): keep under it, on a UTF-8 boundary.
std::string clip(std::string s) {
  if (s.size() <= 1000) return s;
  size_t n = 1000;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace

void enqueue_mail(Db& db, const OutgoingMail& m) {
  db.exec(kEnqueue, m.to_address, m.to_name, m.subject, m.body_text);
}

std::string mail_body(const std::string& tpl, const ctemplate::TemplateDictionary& dict) {
  std::string out;
  if (!ctemplate::ExpandTemplate(tpl, ctemplate::DO_NOT_STRIP, &dict, &out))
    throw std::runtime_error("mail template expansion failed: " + tpl);
  // The pragma line leaves a blank line on top.
  out.erase(0, out.find_first_not_of("\r\n"));
  return out;
}

std::vector<QueuedMail> claim_due(Db& db, int batch, int lease_seconds,
                                  std::string (*new_message_id)(std::uint64_t id, const std::string& from),
                                  const std::string& from_address) {
  require_own_transaction(db, "claim_due");
  std::vector<QueuedMail> out;
  Transaction tx(db);
  {
    Rows r = db.query(kSelectDue, batch);
    while (r->next()) {
      QueuedMail m;
      m.id = r->getUInt64(1);
      m.to_address = r->getString(2);
      m.to_name = r->getString(3);
      m.subject = r->getString(4);
      m.body_text = r->getString(5);
      m.attempts = r->getUInt(6) + 1;
      m.message_id = r->getString(7);
      if (m.message_id.empty()) m.message_id = new_message_id(m.id, from_address);
      out.push_back(std::move(m));
    }
  }
  for (const auto& m : out) db.exec(kClaim, m.attempts, m.message_id, lease_seconds, m.id);
  tx.commit();
  return out;
}

bool renew_lease(Db& db, const QueuedMail& m, int lease_seconds) {
  require_own_transaction(db, "renew_lease");
  Transaction tx(db);
  Rows r = db.query(kLockIfOurs, m.id);
  if (!r->next() || r->getUInt(1) != m.attempts) return false;
  db.exec(kRenewLease, lease_seconds, m.id);
  tx.commit();
  return true;
}

void mark_sent(Db& db, const QueuedMail& m) { db.exec(kSent, m.id); }

void mark_failed(Db& db, const QueuedMail& m, const std::string& error) {
  db.exec(kFailed, clip(error), m.id, m.attempts);
}

void retry_later(Db& db, const QueuedMail& m, const std::string& error, long delay_seconds) {
  db.exec(kRetry, clip(error), delay_seconds, m.id, m.attempts);
}

void hand_back(Db& db, const QueuedMail& m) { db.exec(kHandBack, m.id, m.attempts); }

}  // namespace ts::mail
