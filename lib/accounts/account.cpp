#include "account.h"

#include <algorithm>
#include <stdexcept>

#include "account_row.h"
#include "identifiers.h"
#include "codes.h"
#include "family.h"
#include "letters.h"
#include "regroupement.h"
#include "sessions.h"

namespace ts::accounts {
namespace {

// issue 13 — aide (sql/014): every new password records when it was chosen
// and satisfies a renewal demanded by the school (renewal.h).
#define TS_NEW_PASSWORD " password_changed_at = UTC_TIMESTAMP(), renew_password_at = NULL"

constexpr const char* kFindAccount = "SELECT " TS_ACCOUNT_COLUMNS " FROM account a WHERE a.identifier = ?";
constexpr const char* kLockAccount = "SELECT " TS_ACCOUNT_COLUMNS " FROM account a WHERE a.id = ? FOR UPDATE";
constexpr const char* kFirstConnection =
    "UPDATE account SET password_hash = ?, state = ?, pending_email = ?, first_connection_at = UTC_TIMESTAMP()," TS_NEW_PASSWORD
    " WHERE id = ?";
constexpr const char* kConfirmAddress =
    "UPDATE account SET state = 'active', email = ?, pending_email = NULL, email_confirmed_at = UTC_TIMESTAMP()"
    " WHERE id = ?";
constexpr const char* kSetPassword = "UPDATE account SET password_hash = ?," TS_NEW_PASSWORD " WHERE id = ?";
constexpr const char* kKnownAddress = "UPDATE account SET email = ?, email_confirmed_at = UTC_TIMESTAMP() WHERE id = ?";
constexpr const char* kOpenAccount =
    "UPDATE account SET password_hash = ?, state = 'active', first_connection_at = UTC_TIMESTAMP()," TS_NEW_PASSWORD
    " WHERE id = ? AND state <> 'closed'";
constexpr const char* kCorrectPendingAddress =
    "UPDATE account SET pending_email = ? WHERE id = ? AND state = 'pending_email'";
constexpr const char* kBackToLetter =
    "UPDATE account SET state = 'letter', password_hash = NULL, pending_email = NULL, first_connection_at = NULL,"
    " password_changed_at = NULL, renew_password_at = NULL WHERE id = ?";
constexpr const char* kCancelCodes = "UPDATE account SET security_stamp = security_stamp + 1 WHERE id = ?";
constexpr const char* kClose = "UPDATE account SET state = 'closed', closed_at = UTC_TIMESTAMP() WHERE id = ?";
constexpr const char* kExpiredAccounts =
    "SELECT a.id, a.identifier, a.state FROM account a WHERE a.kind <> 'personnel' AND"
    " ((a.state = 'letter' AND NOT EXISTS (SELECT 1 FROM letter l WHERE l.account_id = a.id"
    "   AND ((l.used_at IS NULL AND l.expires_at > UTC_TIMESTAMP()) OR " TS_LETTER_SUSPENDED("l") ")))"
    " OR " TS_ACTIVATION_EXPIRED_SQL ")"
    " FOR UPDATE";
constexpr const char* kDeleteAccount = "DELETE FROM account WHERE id = ?";
constexpr const char* kIdentifierSeries = "SELECT identifier FROM account WHERE identifier = ? OR identifier REGEXP ?";
constexpr const char* kInsertAccount =
    "INSERT INTO account (identifier, kind, state, display_name, responsable_id, pupil_id)"
    " VALUES (?, ?, 'letter', ?, ?, ?)";

bool is_duplicate_key(const sql::SQLException& e) { return e.getErrorCode() == 1062; }
std::optional<unsigned> nonzero(unsigned v) { return v ? std::optional<unsigned>(v) : std::nullopt; }

}  // namespace

std::optional<Account> find_account(Db& db, const std::string& identifier) {
  Rows r = db.query(kFindAccount, identifier);
  if (!r->next()) return std::nullopt;
  return read_account(*r);
}

unsigned create_account(Db& db, const std::string& base, const std::string& kind, const std::string& display_name,
                        unsigned responsable_id, unsigned pupil_id, std::string& identifier) {
  int next = 0;
  bool base_taken = false;
  {
    Rows r = db.query(kIdentifierSeries, base, "^" + base + "[0-9]+$");
    while (r->next()) {
      std::string id = r->getString(1);
      if (id == base) base_taken = true;
      else next = std::max(next, std::stoi(id.substr(base.size())) + 1);
    }
  }
  if (base_taken && next == 0) next = 1;
  for (int attempt = 0; attempt < 20; ++attempt, ++next) {
    identifier = with_suffix(base, next);
    try {
      return db.insert(kInsertAccount, identifier, kind, display_name, nonzero(responsable_id), nonzero(pupil_id));
    } catch (const sql::SQLException& e) {
      if (!is_duplicate_key(e)) throw;  // taken meanwhile by another import: try the next suffix
    }
  }
  throw std::runtime_error("no free identifier for " + base);
}

const char* stage_for(const Account& a) {
  return a.state == "pending_email" && a.is_responsable() ? stage::pending : stage::full;
}

std::optional<Account> lock_account(Db& db, unsigned account_id) {
  Rows r = db.query(kLockAccount, account_id);
  if (!r->next()) return std::nullopt;
  return read_account(*r);
}

void record_first_connection(Db& db, Account& a, const std::string& password_hash, const std::string& address) {
  a.state = address.empty() ? "active" : "pending_email";
  a.pending_email = address;
  a.password_hash = password_hash;
  db.exec(kFirstConnection, password_hash, a.state,
          address.empty() ? std::nullopt : std::optional<std::string>(address), a.id);
}

void cancel_codes(Db& db, unsigned account_id) { db.exec(kCancelCodes, account_id); }

void confirm_address(Db& db, unsigned account_id, const std::string& address) {
  db.exec(kConfirmAddress, address, account_id);
  cancel_codes(db, account_id);
  open_pending_sessions(db, account_id);
}

void correct_pending_address(Db& db, unsigned account_id, const std::string& address) {
  db.exec(kCorrectPendingAddress, address, account_id);
  cancel_codes(db, account_id);
}

void back_to_letter(Db& db, unsigned account_id) {
  db.exec(kBackToLetter, account_id);
  cancel_codes(db, account_id);
  end_all_sessions(db, account_id);
}

void set_known_address(Db& db, unsigned account_id, const std::string& address) {
  db.exec(kKnownAddress, address, account_id);
}

void open_account(Db& db, unsigned account_id, const std::string& password_hash) {
  db.exec(kOpenAccount, password_hash, account_id);
  cancel_codes(db, account_id);
}

void set_password(Db& db, unsigned account_id, const std::string& password_hash) {
  db.exec(kSetPassword, password_hash, account_id);
  cancel_codes(db, account_id);
}

void close_account(Db& db, unsigned account_id) {
  db.exec(kClose, account_id);
  end_all_sessions(db, account_id);
  cancel_codes(db, account_id);
  revoke_letters(db, account_id);
  remove_children(db, account_id);
  drop_pending_of_account(db, account_id);
}

void for_each_expired_account(Db& db,
                              const std::function<void(unsigned, const std::string&, const std::string&)>& each) {
  Rows r = db.query(kExpiredAccounts);
  while (r->next()) each(r->getUInt(1), r->getString(2), r->getString(3));
}

void delete_account(Db& db, unsigned account_id) { db.exec(kDeleteAccount, account_id); }

}  // namespace ts::accounts
