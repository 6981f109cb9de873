// A RequestSource for tests and the fuzzer: CGI variables from a map, the body
// from a string, read `chunk` bytes at a time (small chunks exercise the
// reading loop).
#pragma once
#include <algorithm>
#include <cstring>
#include <map>
#include <string>

#include "web/http.h"

class MapSource : public ts::web::RequestSource {
 public:
  MapSource(std::map<std::string, std::string> env, std::string body = "", size_t chunk = 7)
      : env_(std::move(env)), body_(std::move(body)), chunk_(chunk) {}
  std::string env(const char* name) override {
    auto it = env_.find(name);
    return it == env_.end() ? "" : it->second;
  }
  size_t read(char* buf, size_t len) override {
    size_t n = std::min({len, body_.size() - pos_, chunk_});
    std::memcpy(buf, body_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::map<std::string, std::string> env_;
  std::string body_;
  size_t chunk_;
  size_t pos_ = 0;
};
