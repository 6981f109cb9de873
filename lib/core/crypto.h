// Randomness, digests, HMAC (OpenSSL) and password hashing (Argon2id).
#pragma once
#include <optional>
#include <string>

namespace ts {
struct Config;
}

namespace ts::crypto {

std::string random_bytes(size_t n);                 // RAND_bytes; throws on failure
std::string base64url(const std::string& bytes);    // no padding
std::string sha256(const std::string& data);        // 32 raw bytes
std::string hmac_sha256(const std::string& key, const std::string& data);  // 32 raw bytes
bool equal(const std::string& a, const std::string& b);  // constant time for equal lengths
std::string hex(const std::string& bytes);
// The inverse of hex(): "00ff" -> "\x00\xff", either case. Throws
// std::invalid_argument on an odd length or a character that is not a hex digit.
std::string from_hex(const std::string& hex);

// Authenticated encryption of small secrets (the staff's TOTP secrets,
// docs/STAFF.md): AES-256-GCM with a random 12-byte nonce, no associated data.
// `key32` is 32 raw bytes (std::invalid_argument otherwise; from_hex of the
// configured 64 hex digits). Returns nonce (12) ‖ ciphertext (as long as the
// plaintext) ‖ tag (16), raw bytes; two seals of the same text differ.
std::string seal(const std::string& key32, const std::string& plaintext);
// The plaintext of a seal() output, or nullopt when `sealed` is shorter than
// nonce + tag, was altered, or was sealed under another key. `key32` as above.
std::optional<std::string> open_sealed(const std::string& key32, const std::string& sealed);

// A token for a link or a cookie: `bits` random bits, base64url. The database
// keeps only sha256(token).
std::string new_token(int bits = 256);

struct Argon2Params {
  unsigned memory_kib = 19456;
  unsigned iterations = 2;
};
// The configured cost ([security] argon2_memory_kib, argon2_iterations).
Argon2Params argon2_params(const Config& cfg);
std::string hash_password(const std::string& password, const Argon2Params& p);  // encoded $argon2id$...
bool verify_password(const std::string& encoded, const std::string& password);
// Same cost as a real verification, for unknown identifiers (no timing oracle).
void dummy_verify(const std::string& password, const Argon2Params& p);

}  // namespace ts::crypto
