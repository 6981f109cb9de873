// Time-based one-time passwords for the staff's second factor (docs/STAFF.md):
// RFC 6238 over RFC 4226 HOTP, HMAC-SHA-1, computed by liboath (oath-toolkit),
// plus the base32 and otpauth:// forms authenticator apps read.
#pragma once
#include <optional>
#include <string>

namespace ts::totp {

// The HOTP value (RFC 4226) of counter `step` under the raw `secret` bytes,
// `digits` long (6 to 8), zero-padded: "007081". Throws std::runtime_error
// when liboath refuses (digits out of range).
std::string code_at(const std::string& secret, long long step, int digits = 6);

// The RFC 6238 time step of a Unix time in seconds: floor(t / period) (T0 = 0).
long long step_of(long long unix_time, int period = 30);

// The step among step_of(now) - window … step_of(now) + window whose 6-digit
// code equals `code` (each compared in constant time), else nullopt. `code`
// is taken as typed: anything but 6 ASCII digits matches nothing. The caller
// refuses a step already used (staff.totp_last_step).
std::optional<long long> match(const std::string& secret, const std::string& code, long long now,
                               int window = 1);

// RFC 4648 base32 of raw bytes, upper case, without '=' padding: "foobar" ->
// "MZXW6YTBOI" (what an authenticator app is given to type in).
std::string base32(const std::string& bytes);
// The bytes of base32 text, or nullopt when it is not base32. Lenient as
// liboath is with typed text: lower case, spaces and missing padding pass.
std::optional<std::string> from_base32(const std::string& text);

// The Key Uri Format of authenticator apps
// (github.com/google/google-authenticator/wiki/Key-Uri-Format):
// otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30,
// issuer and account percent-encoded as UTF-8 (RFC 3986: only unreserved
// characters stay as they are). `secret` is raw bytes.
std::string otpauth_uri(const std::string& issuer, const std::string& account, const std::string& secret);

}  // namespace ts::totp
