// The staff second factor (issue 12; docs/STAFF.md): TOTP (RFC 6238, SHA-1,
// 6 digits, 30 s, ±1 step; lib/core/totp.h over liboath) and single-use
// recovery codes. The TOTP secret is sealed with AES-256-GCM under
// [staff] totp_key (the configuration file, never the database); a step once
// accepted is refused afterwards (staff.totp_last_step). Recovery codes are
// stored as HMAC-SHA-256 under [site] secret (table staff_recovery_code, owned
// here). Failures are counted by the caller (lockout.h Proof::second_factor).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/db.h"

namespace ts::staff {

// The secret a staff member enrols with (20 random bytes): created and
// stored sealed at the first call, the same one until enrolment is confirmed
// or reset. Returns the raw secret (for the QR code and the text).
std::string enrolment_secret(Db& db, const Config& cfg, unsigned account_id);
// Whether the account's second factor is confirmed.
bool enrolled(Db& db, unsigned account_id);

// The otpauth:// URI of the secret (QR code): issuer "Téléservices".
std::string otpauth_uri(const std::string& identifier, const std::string& secret);

// Checks a typed code against the sealed secret at `now` (Unix time), under
// the account row's lock (the caller's transaction locks it first): a TOTP of
// a step after the last accepted one (recorded), or, when `recovery` is
// allowed, an unused recovery code (spent). When the enrolment is not
// confirmed yet, a right TOTP confirms it. Returns what matched.
enum class CodeMatch { none, totp, recovery };
CodeMatch check_code(Db& db, const Config& cfg, unsigned account_id, const std::string& code, long long now,
                     bool recovery);

// Ten new recovery codes ("xxxx-xxxx-xx", base32 lower case): the earlier
// ones stop serving. Returns them (the only time they exist in clear).
std::vector<std::string> new_recovery_codes(Db& db, const Config& cfg, unsigned account_id);
// Unused recovery codes left.
int recovery_codes_left(Db& db, unsigned account_id);

// The second factor and recovery codes are gone (staff.h reset_second_factor).
void forget_second_factor(Db& db, unsigned account_id);

// The current TOTP code (teleservices-admin staff code, development only).
std::optional<std::string> current_code(Db& db, const Config& cfg, unsigned account_id, long long now);

}  // namespace ts::staff
