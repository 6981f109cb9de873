#include "log.h"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <string>

namespace ts::log {
namespace {
int g_fd = 2;  // process-wide, set once at start-up
std::string g_program = "teleservices";

void write_line(const char* level, const std::string& msg) {
  char stamp[32];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::string line = std::string(stamp) + " " + g_program + "[" + std::to_string(getpid()) + "] " + level + ": ";
  for (char c : msg) line += (c == '\n' || c == '\r') ? ' ' : c;
  line += '\n';
  // O_APPEND makes each single write() of a line atomic enough for several processes.
  (void)!::write(g_fd, line.data(), line.size());
}
}  // namespace

void open(const std::string& path, const std::string& program) {
  g_program = program;
  if (path.empty()) return;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd >= 0) g_fd = fd;
}
void info(const std::string& msg) { write_line("info", msg); }
void error(const std::string& msg) { write_line("error", msg); }
}  // namespace ts::log
