#include "text.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace ts {
namespace {

// Whether a code point is white space around a typed value: Unicode
// separators (Zs: space, no-break spaces, thin and figure spaces, U+3000…;
// Zl, Zp), the ASCII and C1 controls that format text, and the invisible
// ones copying brings (zero width space U+200B, word joiner U+2060, BOM U+FEFF).
bool is_white(utf8proc_int32_t cp) {
  if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0x85 || (cp >= 0x09 && cp <= 0x0D)) return true;
  auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

// The code point at byte `i` and its length (1 for a byte that starts none).
utf8proc_int32_t code_point_at(const std::string& s, size_t i, size_t& len) {
  utf8proc_int32_t cp = -1;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()) + i,
                            static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  len = n > 0 ? static_cast<size_t>(n) : 1;
  return n > 0 ? cp : -1;
}

}  // namespace

std::string clean_input(const std::string& in) {
  size_t b = 0, e = in.size(), len = 0;
  while (b < e && is_white(code_point_at(in, b, len))) b += len;
  while (e > b) {
    size_t start = e - 1;  // the first byte of the last code point
    while (start > b && (static_cast<unsigned char>(in[start]) & 0xC0) == 0x80) --start;
    if (!is_white(code_point_at(in, start, len)) || start + len != e) break;
    e = start;
  }
  std::string trimmed = in.substr(b, e - b);
  if (trimmed.empty()) return trimmed;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> nfc(
      utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(trimmed.c_str())), &std::free);
  return nfc ? std::string(reinterpret_cast<const char*>(nfc.get())) : trimmed;
}

std::string iso_day(std::time_t t, bool local) {
  std::tm tm{};
  if (local)
    localtime_r(&t, &tm);
  else
    gmtime_r(&t, &tm);
  char buf[11];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string percent_encode(const std::string& s) {
  static const char* hexd = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hexd[c >> 4];
      out += hexd[c & 15];
    }
  }
  return out;
}

bool has_bidi_controls(const std::string& s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) != 0xE2) continue;
    const auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
    if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) return true;
  }
  return false;
}

}  // namespace ts
