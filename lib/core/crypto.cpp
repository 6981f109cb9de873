#include "crypto.h"

#include "config.h"

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>
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

std::string from_hex(const std::string& hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("from_hex: not a hex digit");
  };
  if (hex.size() % 2 != 0) throw std::invalid_argument("from_hex: odd length");
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2)
    out += static_cast<char>((nibble(hex[i]) << 4) | nibble(hex[i + 1]));
  return out;
}

namespace {
constexpr size_t kKeyLen = 32, kNonceLen = 12, kTagLen = 16;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherCtx new_ctx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  return ctx;
}

const unsigned char* bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
}  // namespace

std::string seal(const std::string& key32, const std::string& plaintext) {
  if (key32.size() != kKeyLen) throw std::invalid_argument("seal: the key must be 32 bytes");
  const std::string nonce = random_bytes(kNonceLen);
  std::string out = nonce + std::string(plaintext.size() + kTagLen, '\0');
  unsigned char* ct = bytes(out) + kNonceLen;
  auto ctx = new_ctx();
  int len = 0, fin = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kNonceLen), nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key32), bytes(nonce)) != 1 ||
      EVP_EncryptUpdate(ctx.get(), ct, &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), ct + len, &fin) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagLen), ct + plaintext.size()) != 1)
    throw std::runtime_error("seal: AES-256-GCM encryption failed");
  return out;
}

std::optional<std::string> open_sealed(const std::string& key32, const std::string& sealed) {
  if (key32.size() != kKeyLen) throw std::invalid_argument("open_sealed: the key must be 32 bytes");
  if (sealed.size() < kNonceLen + kTagLen) return std::nullopt;
  const size_t n = sealed.size() - kNonceLen - kTagLen;
  const unsigned char* nonce = bytes(sealed);
  const unsigned char* ct = nonce + kNonceLen;
  // EVP_CTRL_GCM_SET_TAG takes a non-const pointer; it only reads the tag.
  std::string tag = sealed.substr(kNonceLen + n);
  std::string out(n, '\0');
  auto ctx = new_ctx();
  int len = 0, fin = 0;
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kNonceLen), nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key32), nonce) != 1 ||
      EVP_DecryptUpdate(ctx.get(), bytes(out), &len, ct, static_cast<int>(n)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagLen), bytes(tag)) != 1)
    return std::nullopt;
  // The tag is checked here: a mismatch (altered bytes, another key) fails.
  if (EVP_DecryptFinal_ex(ctx.get(), bytes(out) + len, &fin) != 1) return std::nullopt;
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
