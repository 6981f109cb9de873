// The schema migrations, sql/NNN_*.sql, embedded at build time.
#pragma once
#include <string>
#include <vector>

namespace ts {
struct Migration {
  const char* name;  // "001_foundation.sql"
  const char* sql;
};
const std::vector<Migration>& migrations();
}  // namespace ts
