// Runs a shell command and returns its standard output, with its wait status
// in `status` (-1 when it could not be started): for the tests that read what
// we produce with real tools (zbarimg, oathtool, the handlers' --routes).
#pragma once
#include <array>
#include <cstdio>
#include <string>

namespace tst {

inline std::string output_of(const std::string& command, int& status) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) {
    status = -1;
    return out;
  }
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  status = pclose(p);
  return out;
}

}  // namespace tst
