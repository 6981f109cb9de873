// One-line log records to the configured file (spawn-fcgi discards stdout/stderr).
#pragma once
#include <string>

namespace ts::log {
void open(const std::string& path, const std::string& program);  // empty path: stderr
void info(const std::string& msg);
void error(const std::string& msg);
}  // namespace ts::log
