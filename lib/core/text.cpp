#include "text.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace ts {
namespace {

// Length of the white space (ASCII or no-break) at `s[i]`, 0 when none.
size_t space_at(const std::string& s, size_t i) {
  unsigned char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;  // U+00A0
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0xAF)
    return 3;  // U+202F
  return 0;
}

// Length of the white space that ends at `s[end - 1]`, 0 when none.
size_t space_before(const std::string& s, size_t end) {
  for (size_t n : {1, 2, 3})
    if (end >= n && space_at(s, end - n) == n) return n;
  return 0;
}

}  // namespace

std::string clean_input(const std::string& in) {
  size_t b = 0, e = in.size();
  while (b < e) {
    size_t n = space_at(in, b);
    if (!n) break;
    b += n;
  }
  while (e > b) {
    size_t n = space_before(in, e);
    if (!n) break;
    e -= n;
  }
  std::string trimmed = in.substr(b, e - b);
  if (trimmed.empty()) return trimmed;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> nfc(
      utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(trimmed.c_str())), &std::free);
  return nfc ? std::string(reinterpret_cast<const char*>(nfc.get())) : trimmed;
}

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace ts
