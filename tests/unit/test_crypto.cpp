// lib/core/crypto.h against published vectors: RFC 4648 (base64, url alphabet, no
// padding), FIPS 180-2 / NIST (SHA-256), RFC 4231 (HMAC-SHA-256), the GCM
// specification's test case 15 (AES-256-GCM, as seal() lays it out).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "core/crypto.h"
#include "core/validators.h"

namespace crypto = ts::crypto;

namespace {

std::string unhex(const std::string& h) { return crypto::from_hex(h); }

// Cheap Argon2id cost so that the suite stays fast.
const crypto::Argon2Params kFast{1024, 1};

}  // namespace

BOOST_AUTO_TEST_SUITE(crypto_test)  // "crypto" is the namespace alias above

BOOST_AUTO_TEST_CASE(base64url_rfc4648_vectors) {
  struct { std::string in, out; } rows[] = {
      {"", ""},
      {"f", "Zg"},
      {"fo", "Zm8"},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg"},
      {"fooba", "Zm9vYmE"},
      {"foobar", "Zm9vYmFy"},
      {unhex("14fb9c03d97e"), "FPucA9l-"},  // RFC 4648 section 9, '+' -> '-'
      {unhex("fbffbf"), "-_-_"},            // "+/+/" in the standard alphabet
      {unhex("ffff"), "__8"},
      {unhex("ff"), "_w"},
      {std::string(1, '\0'), "AA"},
      {std::string(3, '\0'), "AAAA"},
  };
  for (const auto& r : rows)
    BOOST_TEST_CONTEXT("input hex " << crypto::hex(r.in)) { BOOST_TEST(crypto::base64url(r.in) == r.out); }
}

BOOST_AUTO_TEST_CASE(hex_encoding) {
  BOOST_TEST(crypto::hex("") == "");
  BOOST_TEST(crypto::hex(std::string("\x00\xff\x10\xab", 4)) == "00ff10ab");
  BOOST_TEST(crypto::hex("abc") == "616263");
}

BOOST_AUTO_TEST_CASE(sha256_nist_vectors) {
  struct { std::string in, hex; } rows[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const auto& r : rows)
    BOOST_TEST_CONTEXT("input of " << r.in.size() << " bytes") {
      std::string d = crypto::sha256(r.in);
      BOOST_TEST(d.size() == 32u);
      BOOST_TEST(crypto::hex(d) == r.hex);
    }
}

BOOST_AUTO_TEST_CASE(hmac_sha256_rfc4231_vectors) {
  const std::string big_key(131, '\xaa');
  struct { int tc; std::string key, data, hex; } rows[] = {
      {1, std::string(20, '\x0b'), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {2, "Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {3, std::string(20, '\xaa'), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {4, unhex("0102030405060708090a0b0c0d0e0f10111213141516171819"), std::string(50, '\xcd'),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {6, big_key, "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {7, big_key,
       "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be "
       "hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const auto& r : rows)
    BOOST_TEST_CONTEXT("RFC 4231 test case " << r.tc) {
      std::string mac = crypto::hmac_sha256(r.key, r.data);
      BOOST_TEST(mac.size() == 32u);
      BOOST_TEST(crypto::hex(mac) == r.hex);
    }
}

BOOST_AUTO_TEST_CASE(equal_compares_contents_and_length) {
  BOOST_TEST(crypto::equal("", ""));
  BOOST_TEST(crypto::equal("abc", "abc"));
  BOOST_TEST(crypto::equal(std::string("a\0b", 3), std::string("a\0b", 3)));
  BOOST_TEST(!crypto::equal("abc", "abd"));
  BOOST_TEST(!crypto::equal("abc", "Abc"));
  BOOST_TEST(!crypto::equal("abc", "ab"));
  BOOST_TEST(!crypto::equal("ab", "abc"));
  BOOST_TEST(!crypto::equal("", "a"));
  BOOST_TEST(!crypto::equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

BOOST_AUTO_TEST_CASE(random_bytes_length) {
  for (size_t n : {0u, 1u, 16u, 32u, 1000u}) BOOST_TEST(crypto::random_bytes(n).size() == n);
  BOOST_TEST(crypto::random_bytes(32) != crypto::random_bytes(32));
}

BOOST_AUTO_TEST_CASE(new_token_length_alphabet_uniqueness) {
  BOOST_TEST(crypto::new_token().size() == 43u);  // 256 bits
  BOOST_TEST(crypto::new_token(256).size() == 43u);
  BOOST_TEST(crypto::new_token(128).size() == 22u);
  BOOST_TEST(crypto::new_token(384).size() == 64u);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string t = crypto::new_token();
    std::string out;
    BOOST_TEST_CONTEXT("token " << t) {
      BOOST_TEST(ts::valid::token(t, out) == "");  // what we mail is what the form accepts
      BOOST_TEST(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
                 std::string::npos);
    }
    seen.insert(t);
  }
  BOOST_TEST(seen.size() == 1000u);
}

BOOST_AUTO_TEST_CASE(password_hash_round_trip) {
  std::string h = crypto::hash_password("Soleil2024", kFast);
  BOOST_TEST(h.rfind("$argon2id$v=19$m=1024,t=1,p=1$", 0) == 0u);
  BOOST_TEST(crypto::verify_password(h, "Soleil2024"));
  BOOST_TEST(!crypto::verify_password(h, "soleil2024"));
  BOOST_TEST(!crypto::verify_password(h, "Soleil202"));
  BOOST_TEST(!crypto::verify_password(h, "Soleil20245"));
  BOOST_TEST(!crypto::verify_password(h, ""));
  // Salted: the same password never gives the same string.
  std::string h2 = crypto::hash_password("Soleil2024", kFast);
  BOOST_TEST(h2 != h);
  BOOST_TEST(crypto::verify_password(h2, "Soleil2024"));
}

BOOST_AUTO_TEST_CASE(password_hash_keeps_every_byte) {
  std::string pw("abc\0def", 7);
  std::string h = crypto::hash_password(pw, kFast);
  BOOST_TEST(crypto::verify_password(h, pw));
  BOOST_TEST(!crypto::verify_password(h, "abc"));
  std::string accented = crypto::hash_password("Élodie2024", kFast);
  BOOST_TEST(crypto::verify_password(accented, "Élodie2024"));
  BOOST_TEST(!crypto::verify_password(accented, "Elodie2024"));
}

BOOST_AUTO_TEST_CASE(verify_refuses_what_is_not_argon2id) {
  std::string h = crypto::hash_password("Soleil2024", kFast);
  std::string argon2i = "$argon2i$" + h.substr(std::string("$argon2id$").size());
  for (const std::string& enc : {std::string(), std::string("Soleil2024"), std::string("$argon2id$"), argon2i,
                                 std::string("$2y$10$abcdefghijklmnopqrstuuNnT0kVv0aBGpGmA1qp2pAW/oy8xXmHC"),
                                 h.substr(0, h.size() - 4), h + "AAAA", " " + h})
    BOOST_TEST_CONTEXT("encoded \"" << enc << "\"") { BOOST_TEST(!crypto::verify_password(enc, "Soleil2024")); }
}

BOOST_AUTO_TEST_CASE(dummy_verify_runs) {
  BOOST_CHECK_NO_THROW(crypto::dummy_verify("n'importe quoi", kFast));
  BOOST_CHECK_NO_THROW(crypto::dummy_verify("encore", kFast));
  BOOST_CHECK_NO_THROW(crypto::dummy_verify("", crypto::Argon2Params{2048, 1}));
}

BOOST_AUTO_TEST_CASE(from_hex_inverts_hex) {
  BOOST_TEST(crypto::from_hex("") == "");
  BOOST_TEST(crypto::from_hex("00ff10AB") == std::string("\x00\xff\x10\xab", 4));
  const std::string r = crypto::random_bytes(64);
  BOOST_TEST(crypto::from_hex(crypto::hex(r)) == r);
  for (const std::string bad : {"0", "abc", "0g", "zz", " 00", "00 ", "+1"})
    BOOST_TEST_CONTEXT("'" << bad << "'") { BOOST_CHECK_THROW(crypto::from_hex(bad), std::invalid_argument); }
}

BOOST_AUTO_TEST_CASE(seal_open_round_trip) {
  const std::string key = crypto::random_bytes(32);
  for (const std::string& text : {std::string(), std::string("x"), crypto::random_bytes(20), std::string(1000, '\0')}) {
    const std::string sealed = crypto::seal(key, text);
    BOOST_TEST(sealed.size() == 12 + text.size() + 16);  // nonce, ciphertext, tag
    BOOST_TEST(crypto::open_sealed(key, sealed).value_or("?") == text);
  }
}

BOOST_AUTO_TEST_CASE(seal_is_aes_256_gcm) {
  // The GCM specification's test case 15 (McGrew & Viega; 256-bit key, 96-bit
  // IV, no AAD), laid out as seal() does: nonce ‖ ciphertext ‖ tag.
  const std::string key = unhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  const std::string iv = unhex("cafebabefacedbaddecaf888");
  const std::string pt = unhex(
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
      "b16aedf5aa0de657ba637b391aafd255");
  const std::string ct = unhex(
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
      "c5f61e6393ba7a0abcc9f662898015ad");
  const std::string tag = unhex("b094dac5d93471bdec1a502270e3cc6c");
  BOOST_TEST(crypto::open_sealed(key, iv + ct + tag).value_or("?") == pt);
}

BOOST_AUTO_TEST_CASE(seal_detects_tampering_and_wrong_keys) {
  const std::string key = crypto::random_bytes(32);
  const std::string sealed = crypto::seal(key, "JBSWY3DPEHPK3PXP secret bytes");
  // One bit flipped in the nonce, the ciphertext, the tag: refused.
  for (size_t pos : {size_t{0}, size_t{11}, size_t{12}, sealed.size() - 17, sealed.size() - 16, sealed.size() - 1})
    BOOST_TEST_CONTEXT("byte " << pos) {
      std::string t = sealed;
      t[pos] = static_cast<char>(t[pos] ^ 0x01);
      BOOST_TEST(!crypto::open_sealed(key, t).has_value());
    }
  // Cut short, or too short to hold a nonce and a tag; something appended.
  BOOST_TEST(!crypto::open_sealed(key, sealed.substr(0, sealed.size() - 1)).has_value());
  BOOST_TEST(!crypto::open_sealed(key, sealed.substr(0, 27)).has_value());
  BOOST_TEST(!crypto::open_sealed(key, "").has_value());
  BOOST_TEST(!crypto::open_sealed(key, sealed + "x").has_value());
  // Another key.
  std::string other = key;
  other[31] = static_cast<char>(other[31] ^ 0x80);
  BOOST_TEST(!crypto::open_sealed(other, sealed).has_value());
  BOOST_TEST(!crypto::open_sealed(crypto::random_bytes(32), sealed).has_value());
}

BOOST_AUTO_TEST_CASE(seal_uses_a_fresh_nonce) {
  const std::string key = crypto::random_bytes(32);
  const std::string a = crypto::seal(key, "the same text"), b = crypto::seal(key, "the same text");
  BOOST_TEST(a != b);
  BOOST_TEST(a.substr(0, 12) != b.substr(0, 12));
  BOOST_TEST(crypto::open_sealed(key, a).value_or("?") == "the same text");
  BOOST_TEST(crypto::open_sealed(key, b).value_or("?") == "the same text");
}

BOOST_AUTO_TEST_CASE(seal_wants_a_32_byte_key) {
  for (size_t n : {0, 16, 31, 33, 64})
    BOOST_TEST_CONTEXT(n << " bytes") {
      BOOST_CHECK_THROW(crypto::seal(std::string(n, 'k'), "x"), std::invalid_argument);
      BOOST_CHECK_THROW(crypto::open_sealed(std::string(n, 'k'), std::string(40, 'x')), std::invalid_argument);
    }
}

BOOST_AUTO_TEST_SUITE_END()
