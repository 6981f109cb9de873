#include "totp.h"

#include "crypto.h"
#include "text.h"

#include <liboath/oath.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace ts::totp {

namespace {

// oath_init once per process (it initialises the crypto backend); our
// handlers are single-threaded, and a function-local static is thread-safe.
void ensure_init() {
  static const int rc = oath_init();
  if (rc != OATH_OK) throw std::runtime_error(std::string("oath_init: ") + oath_strerror(rc));
}

using OathString = std::unique_ptr<char, decltype(&std::free)>;

}  // namespace

std::string code_at(const std::string& secret, long long step, int digits) {
  ensure_init();
  if (digits < 6 || digits > 8) throw std::runtime_error("totp: digits must be 6, 7 or 8");
  char out[16] = {0};
  int rc = oath_hotp_generate(secret.data(), secret.size(), static_cast<uint64_t>(step),
                              static_cast<unsigned>(digits), false, OATH_HOTP_DYNAMIC_TRUNCATION, out);
  if (rc != OATH_OK) throw std::runtime_error(std::string("oath_hotp_generate: ") + oath_strerror(rc));
  return std::string(out);
}

long long step_of(long long unix_time, int period) {
  // Floor division, also for times before 1970.
  long long q = unix_time / period;
  if (unix_time % period != 0 && unix_time < 0) --q;
  return q;
}

std::optional<long long> match(const std::string& secret, const std::string& code, long long now, int window) {
  if (code.size() != 6) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  const long long center = step_of(now);
  std::optional<long long> found;
  // Every step of the window is computed and compared, whatever matches.
  for (long long s = center - window; s <= center + window; ++s)
    if (crypto::equal(code_at(secret, s, 6), code) && !found) found = s;
  return found;
}

std::string base32(const std::string& bytes) {
  ensure_init();
  char* raw = nullptr;
  size_t len = 0;
  int rc = oath_base32_encode(bytes.data(), bytes.size(), &raw, &len);
  OathString owned(raw, &std::free);
  if (rc != OATH_OK) throw std::runtime_error(std::string("oath_base32_encode: ") + oath_strerror(rc));
  std::string out(raw ? raw : "", raw ? len : 0);
  while (!out.empty() && out.back() == '=') out.pop_back();  // liboath pads; the URI format does not
  return out;
}

std::optional<std::string> from_base32(const std::string& text) {
  ensure_init();
  char* raw = nullptr;
  size_t len = 0;
  int rc = oath_base32_decode(text.data(), text.size(), &raw, &len);
  OathString owned(raw, &std::free);
  if (rc != OATH_OK) return std::nullopt;
  return std::string(raw ? raw : "", raw ? len : 0);
}

std::string otpauth_uri(const std::string& issuer, const std::string& account, const std::string& secret) {
  const std::string is = ts::percent_encode(issuer);
  return "otpauth://totp/" + is + ":" + ts::percent_encode(account) + "?secret=" + base32(secret) + "&issuer=" + is +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace ts::totp
