// Randomness, digests, HMAC (OpenSSL) and password hashing (Argon2id).
#pragma once
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
