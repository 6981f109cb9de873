#include "crypto.h"

#include "config.h"

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace ts::crypto {

std::string random_bytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
    throw std::runtime_error("RAND_bytes failed");
  return out;
}

std::string base64url(const std::string& bytes) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += a[(v >> 18) & 63]; out += a[(v >> 12) & 63]; out += a[(v >> 6) & 63]; out += a[v & 63];
  }
  if (i + 1 == bytes.size()) {
    unsigned v = b[i] << 16;
    out += a[(v >> 18) & 63]; out += a[(v >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    unsigned v = (b[i] << 16) | (b[i + 1] << 8);
    out += a[(v >> 18) & 63]; out += a[(v >> 12) & 63]; out += a[(v >> 6) & 63];
  }
  return out;
}

std::string sha256(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("EVP_Digest failed");
  return std::string(reinterpret_cast<char*>(md), len);
}

std::string hmac_sha256(const std::string& key, const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len))
    throw std::runtime_error("HMAC failed");
  return std::string(reinterpret_cast<char*>(md), len);
}

bool equal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hex(const std::string& bytes) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) { out += d[c >> 4]; out += d[c & 15]; }
  return out;
}

std::string new_token(int bits) { return base64url(random_bytes(static_cast<size_t>(bits / 8))); }

namespace {
constexpr uint32_t kParallelism = 1, kSaltLen = 16, kHashLen = 32;
}

Argon2Params argon2_params(const Config& cfg) {
  return {static_cast<unsigned>(cfg.argon2_memory_kib), static_cast<unsigned>(cfg.argon2_iterations)};
}

std::string hash_password(const std::string& password, const Argon2Params& p) {
  std::string salt = random_bytes(kSaltLen);
  size_t enclen = argon2_encodedlen(p.iterations, p.memory_kib, kParallelism, kSaltLen, kHashLen, Argon2_id);
  std::vector<char> enc(enclen);
  int rc = argon2id_hash_encoded(p.iterations, p.memory_kib, kParallelism, password.data(), password.size(),
                                 salt.data(), salt.size(), kHashLen, enc.data(), enc.size());
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
  return std::string(enc.data());
}

bool verify_password(const std::string& encoded, const std::string& password) {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void dummy_verify(const std::string& password, const Argon2Params& p) {
  // A fixed hash with the configured cost; its verification costs what a real one does.
  static std::string fixed;
  static unsigned fixed_m = 0, fixed_t = 0;
  if (fixed.empty() || fixed_m != p.memory_kib || fixed_t != p.iterations) {
    fixed = hash_password("dummy-password-0", p);
    fixed_m = p.memory_kib;
    fixed_t = p.iterations;
  }
  (void)verify_password(fixed, password);
}

}  // namespace ts::crypto
