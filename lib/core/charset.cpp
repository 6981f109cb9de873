#include "charset.h"

#include <iconv.h>

#include <cctype>
#include <cerrno>

#include "csv.h"

namespace ts::charset {
namespace {

struct Name {
  const char* name;
  Encoding e;
};
constexpr Name kNames[] = {
    {"auto", Encoding::automatic},         {"utf-8", Encoding::utf8},
    {"utf8", Encoding::utf8},              {"windows-1252", Encoding::windows1252},
    {"cp1252", Encoding::windows1252},     {"iso-8859-15", Encoding::iso885915},
    {"latin9", Encoding::iso885915},
};

// iconv from `from` to UTF-8; false (and the offset of the first bad byte)
// when a byte has no meaning in `from`.
bool convert(const char* from, const std::string& in, std::string& out, size_t& bad_at) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr): iconv_open's error value
    bad_at = 0;
    return false;
  }
  out.assign(in.size() * 3 + 16, '\0');
  char* src = const_cast<char*>(in.data());  // iconv's signature; it does not write the input
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1)) {
    bad_at = in.size() - src_left;
    return false;
  }
  out.resize(out.size() - dst_left);
  return true;
}

}  // namespace

bool encoding_from_name(const std::string& name, Encoding& out) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& n : kNames)
    if (lower == n.name) {
      out = n.e;
      return true;
    }
  return false;
}

const char* encoding_name(Encoding e) {
  switch (e) {
    case Encoding::automatic: return "auto";
    case Encoding::utf8: return "utf-8";
    case Encoding::windows1252: return "windows-1252";
    case Encoding::iso885915: return "iso-8859-15";
  }
  return "auto";
}

const char* encoding_label(Encoding e) {
  switch (e) {
    case Encoding::automatic: return "détection automatique";
    case Encoding::utf8: return "UTF-8";
    case Encoding::windows1252: return "Windows-1252";
    case Encoding::iso885915: return "ISO-8859-15";
  }
  return "";
}

namespace {
// ISO-8859-15 rather than Windows-1252: no byte 0x80-0x9F (where 1252 has
// its letters, 8859-15 only control characters) and one of 0xBC-0xBE (Œ œ Ÿ
// in 8859-15, ¼ ½ ¾ in 1252) within a word, as in "C\xBDur": French text
// holds "œ" there, never "½".
bool looks_like_latin9(const std::string& s) {
  auto letter = [](unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0; };
  bool within_word = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 && c <= 0x9F) return false;
    if (c >= 0xBC && c <= 0xBE && ((i > 0 && letter(static_cast<unsigned char>(s[i - 1]))) ||
                                   (i + 1 < s.size() && letter(static_cast<unsigned char>(s[i + 1])))))
      within_word = true;
  }
  return within_word;
}
}  // namespace

bool is_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = 0;
    unsigned cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1Fu; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0Fu; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07u; min = 0x10000; }
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

Decoded to_utf8(const std::string& bytes, Encoding e) {
  Decoded d;
  const std::string bom = csv::kUtf8Bom;
  const bool bom_first = bytes.compare(0, bom.size(), bom) == 0;
  if (e == Encoding::automatic)
    e = (bom_first || is_utf8(bytes)) ? Encoding::utf8
        : looks_like_latin9(bytes)    ? Encoding::iso885915
                                      : Encoding::windows1252;
  d.used = e;
  if (e == Encoding::utf8) {
    d.had_bom = bom_first;
    std::string body = bom_first ? bytes.substr(bom.size()) : bytes;
    if (!is_utf8(body)) {
      d.error = "le fichier n'est pas en UTF-8 valide : choisissez son encodage (Windows-1252 ou ISO-8859-15)";
      return d;
    }
    d.text = std::move(body);
    d.ok = true;
    return d;
  }
  size_t bad_at = 0;
  if (!convert(e == Encoding::windows1252 ? "WINDOWS-1252" : "ISO-8859-15", bytes, d.text, bad_at)) {
    d.text.clear();
    d.error = std::string("octet non valide en ") + encoding_label(e) + " à la position " + std::to_string(bad_at + 1);
    return d;
  }
  d.ok = true;
  return d;
}

}  // namespace ts::charset
