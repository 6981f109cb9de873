#include "identifiers.h"

#include <cstring>

#include "core/crypto.h"

namespace ts::accounts {
namespace {
// Folds one UTF-8 character of the Latin-1 supplement / Latin Extended-A range
// used by French names to ASCII; returns "" for anything else.
std::string fold(const std::string& s, size_t& i) {
  unsigned char c = s[i];
  if (c < 0x80) {
    ++i;
    if (c >= 'A' && c <= 'Z') return std::string(1, static_cast<char>(c - 'A' + 'a'));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return std::string(1, static_cast<char>(c));
    return "";
  }
  if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
    unsigned cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    i += 2;
    struct M { unsigned from, to; const char* ascii; };
    static const M map[] = {
        {0xC0, 0xC5, "a"}, {0xC6, 0xC6, "ae"}, {0xC7, 0xC7, "c"}, {0xC8, 0xCB, "e"}, {0xCC, 0xCF, "i"},
        {0xD1, 0xD1, "n"}, {0xD2, 0xD6, "o"}, {0xD8, 0xD8, "o"}, {0xD9, 0xDC, "u"}, {0xDD, 0xDD, "y"},
        {0xDF, 0xDF, "ss"}, {0xE0, 0xE5, "a"}, {0xE6, 0xE6, "ae"}, {0xE7, 0xE7, "c"}, {0xE8, 0xEB, "e"},
        {0xEC, 0xEF, "i"}, {0xF1, 0xF1, "n"}, {0xF2, 0xF6, "o"}, {0xF8, 0xF8, "o"}, {0xF9, 0xFC, "u"},
        {0xFD, 0xFD, "y"}, {0xFF, 0xFF, "y"}, {0x152, 0x153, "oe"}, {0x178, 0x178, "y"}};
    for (const auto& m : map)
      if (cp >= m.from && cp <= m.to) return m.ascii;
    return "";
  }
  // Longer sequences: skip the whole character.
  size_t n = (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  i += n;
  return "";
}

std::string fold_all(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) out += fold(s, i);
  return out;
}
}  // namespace

std::string identifier_base(const std::string& first_name, const std::string& last_name) {
  std::string first = fold_all(first_name);
  std::string base = (first.empty() ? std::string() : first.substr(0, 1)) + fold_all(last_name);
  // Digits are kept for the suffix only.
  std::string letters;
  for (char c : base)
    if (c >= 'a' && c <= 'z') letters += c;
  if (letters.size() > 20) letters.resize(20);
  return letters.empty() ? "x" : letters;
}

std::string with_suffix(const std::string& base, int n) { return n == 0 ? base : base + std::to_string(n); }

std::string new_letter_password() {
  std::string bytes = crypto::random_bytes(8);
  std::string out;
  for (unsigned char b : bytes) out += kLetterAlphabet[b & 31];  // 32 symbols: no modulo bias
  return out;
}

}  // namespace ts::accounts
