// ASCII case folding: identifiers, letter passwords and mail addresses are
// compared in ASCII (the validators refuse anything else where it matters).
#pragma once
#include <ctime>
#include <string>

namespace ts {

// "abc-é" -> "ABC-é": only a-z change; UTF-8 bytes pass through unchanged.
inline std::string ascii_upper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// "ABC-É" -> "abc-É": only A-Z change.
inline std::string ascii_lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// What a form's value becomes before it is checked (issue "typed input is
// cleaned up"): surrounding white space removed — ASCII space, tab, line
// ends, every Unicode space (no-break, thin, figure, ideographic…) and the
// invisible characters copying from a PDF or a web page brings (zero width
// space, BOM) — then Unicode NFC (an "é" typed as e + accent equals the
// precomposed one). `in` must be valid UTF-8 (the request parser checks).
std::string clean_input(const std::string& in);

// Whether the text holds a Unicode bidirectional embedding, override or
// isolate control (U+202A–U+202E, U+2066–U+2069): invisible, they make a
// name read backwards in lists and journals (the "Trojan Source" trick).
bool has_bidi_controls(const std::string& s);

// The day of the Unix time `t` as AAAA-MM-JJ, in the process's time zone
// (`local`: Europe/Paris in the handlers) or in UTC.
std::string iso_day(std::time_t t, bool local);

// The number of characters (Unicode code points) of valid UTF-8 text.
size_t utf8_length(const std::string& s);

// RFC 3986 percent-encoding: the unreserved characters (A-Z a-z 0-9 - . _ ~)
// as they are, every other byte (UTF-8 included) as %XX in upper-case hex:
// "é a" -> "%C3%A9%20a". For URI components and form bodies.
std::string percent_encode(const std::string& s);

}  // namespace ts
