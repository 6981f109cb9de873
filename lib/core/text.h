// ASCII case folding: identifiers, letter passwords and mail addresses are
// compared in ASCII (the validators refuse anything else where it matters).
#pragma once
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

}  // namespace ts
