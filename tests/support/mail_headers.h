// The header block of a message (up to the blank line), unfolded: one string
// per header. Shared by tests/unit/test_mime.cpp and tests/fuzz/fuzz_mime.cpp.
#pragma once
#include <string>
#include <vector>

inline std::vector<std::string> headers_of(const std::string& msg) {
  std::vector<std::string> out;
  size_t pos = 0;
  for (;;) {
    size_t eol = msg.find("\r\n", pos);
    if (eol == std::string::npos || eol == pos) break;
    std::string line = msg.substr(pos, eol - pos);
    if ((line[0] == ' ' || line[0] == '\t') && !out.empty()) out.back() += line;
    else out.push_back(line);
    pos = eol + 2;
  }
  return out;
}
