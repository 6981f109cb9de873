// A fresh folder under $TMPDIR (or /tmp), removed with its content at the
// end: for the tests that hand files to real tools (rsvg-convert, zbarimg,
// pdftotext, pdftoppm).
#pragma once
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace tst {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& prefix = "ts") {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/" + prefix + "-XXXXXX";
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace tst
