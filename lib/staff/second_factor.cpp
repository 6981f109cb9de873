#include "second_factor.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "core/crypto.h"
#include "core/totp.h"

namespace ts::staff {
namespace {

constexpr const char* kSecretRow =
    "SELECT totp_sealed, totp_enrolled_at IS NOT NULL, COALESCE(totp_last_step, -1) FROM staff WHERE account_id = ?";
constexpr const char* kLockSecretRow =
    "SELECT totp_sealed, totp_enrolled_at IS NOT NULL, COALESCE(totp_last_step, -1) FROM staff WHERE account_id = ?"
    " FOR UPDATE";
constexpr const char* kStoreSecret =
    "UPDATE staff SET totp_sealed = ? WHERE account_id = ? AND totp_sealed IS NULL AND totp_enrolled_at IS NULL";
constexpr const char* kAcceptStep =
    "UPDATE staff SET totp_last_step = ?, totp_enrolled_at = COALESCE(totp_enrolled_at, UTC_TIMESTAMP())"
    " WHERE account_id = ?";
constexpr const char* kForget =
    "UPDATE staff SET totp_sealed = NULL, totp_enrolled_at = NULL, totp_last_step = NULL WHERE account_id = ?";
constexpr const char* kDeleteRecoveryCodes = "DELETE FROM staff_recovery_code WHERE account_id = ?";
constexpr const char* kInsertRecoveryCode = "INSERT IGNORE INTO staff_recovery_code (account_id, code_hash) VALUES (?, ?)";
constexpr const char* kSpendRecoveryCode =
    "UPDATE staff_recovery_code SET used_at = UTC_TIMESTAMP() WHERE account_id = ? AND code_hash = ? AND used_at IS NULL";
constexpr const char* kRecoveryCodesLeft =
    "SELECT COUNT(*) FROM staff_recovery_code WHERE account_id = ? AND used_at IS NULL";

constexpr int kSecretBytes = 20;      // RFC 4226 §4: at least 128 bits, 160 recommended
constexpr int kRecoveryCodes = 10;
constexpr size_t kRecoveryChars = 10;  // base32: 50 bits each

std::string key_of(const Config& cfg) {
  if (cfg.staff_totp_key.empty()) throw std::runtime_error("[staff] totp_key is not set in the configuration");
  return crypto::from_hex(cfg.staff_totp_key);
}

struct SecretRow {
  std::optional<std::string> sealed;
  bool enrolled = false;
  long long last_step = -1;
};

SecretRow read_row(Db& db, const char* sql_text, unsigned account_id) {
  Rows r = db.query(sql_text, account_id);
  SecretRow row;
  if (!r->next()) return row;
  if (!r->isNull(1)) row.sealed = r->getString(1);
  row.enrolled = r->getBoolean(2);
  row.last_step = r->getInt64(3);
  return row;
}

std::string open_secret(const Config& cfg, const std::string& sealed) {
  auto secret = crypto::open_sealed(key_of(cfg), sealed);
  if (!secret) throw std::runtime_error("a TOTP secret does not open with [staff] totp_key (key changed?)");
  return *secret;
}

// A recovery code as typed: dashes and spaces dropped, lower case.
std::string normalise_recovery(const std::string& typed) {
  std::string out;
  for (char ch : typed)
    if (ch != '-' && ch != ' ') out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

std::string recovery_digest(const Config& cfg, const std::string& normalised) {
  return crypto::hmac_sha256(cfg.secret, "staff-recovery|" + normalised);
}

}  // namespace

std::string enrolment_secret(Db& db, const Config& cfg, unsigned account_id) {
  SecretRow row = read_row(db, kSecretRow, account_id);
  if (row.enrolled) throw std::logic_error("enrolment_secret: already enrolled");
  if (!row.sealed) {
    db.exec(kStoreSecret, crypto::seal(key_of(cfg), crypto::random_bytes(kSecretBytes)), account_id);
    row = read_row(db, kSecretRow, account_id);  // another tab may have stored one first: that one serves
    if (!row.sealed) throw std::runtime_error("enrolment_secret: no staff row");
  }
  return open_secret(cfg, *row.sealed);
}

bool enrolled(Db& db, unsigned account_id) { return read_row(db, kSecretRow, account_id).enrolled; }

std::string otpauth_uri(const std::string& identifier, const std::string& secret) {
  return totp::otpauth_uri("Téléservices", identifier, secret);
}

CodeMatch check_code(Db& db, const Config& cfg, unsigned account_id, const std::string& code, long long now,
                     bool recovery) {
  SecretRow row = read_row(db, kLockSecretRow, account_id);
  std::string digits;
  for (char ch : code)
    if (ch != ' ') digits += ch;
  const bool six_digits = digits.size() == 6 && std::all_of(digits.begin(), digits.end(), [](char ch) {
                            return ch >= '0' && ch <= '9';
                          });
  if (six_digits && row.sealed) {
    auto step = totp::match(open_secret(cfg, *row.sealed), digits, now, 1);
    // RFC 6238 §5.2: a code once accepted is not accepted again (nor an older one).
    if (step && *step > row.last_step) {
      db.exec(kAcceptStep, *step, account_id);
      return CodeMatch::totp;
    }
    return CodeMatch::none;
  }
  if (recovery && row.enrolled) {
    std::string n = normalise_recovery(code);
    if (n.size() == kRecoveryChars && db.exec(kSpendRecoveryCode, account_id, recovery_digest(cfg, n)) == 1)
      return CodeMatch::recovery;
  }
  return CodeMatch::none;
}

std::vector<std::string> new_recovery_codes(Db& db, const Config& cfg, unsigned account_id) {
  db.exec(kDeleteRecoveryCodes, account_id);
  std::vector<std::string> codes;
  while (codes.size() < kRecoveryCodes) {
    std::string raw = totp::base32(crypto::random_bytes(8)).substr(0, kRecoveryChars);
    std::transform(raw.begin(), raw.end(), raw.begin(), [](unsigned char ch) { return std::tolower(ch); });
    if (db.exec(kInsertRecoveryCode, account_id,
                recovery_digest(cfg, raw)) != 1)
      continue;  // the same code twice (2^-50): draw another
    codes.push_back(raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8));
  }
  return codes;
}

int recovery_codes_left(Db& db, unsigned account_id) {
  return std::stoi(db.scalar(kRecoveryCodesLeft, account_id).value_or("0"));
}

void forget_second_factor(Db& db, unsigned account_id) {
  db.exec(kForget, account_id);
  db.exec(kDeleteRecoveryCodes, account_id);
}

std::optional<std::string> current_code(Db& db, const Config& cfg, unsigned account_id, long long now) {
  SecretRow row = read_row(db, kSecretRow, account_id);
  if (!row.sealed) return std::nullopt;
  return totp::code_at(open_secret(cfg, *row.sealed), totp::step_of(now));
}

}  // namespace ts::staff
