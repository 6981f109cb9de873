// The schema migrations, sql/NNN_*.sql, embedded at build time
// (cmake/embed_sql.cmake), and how they are applied (table
// schema_migrations, owned here).
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "db.h"

namespace ts {
struct Migration {
  const char* name;  // "001_foundation.sql"
  const char* sql;
};
const std::vector<Migration>& migrations();

// Applies, in name order, the migrations not yet recorded in
// schema_migrations; prints "applied NAME" for each. Idempotent: every
// statement of a migration is written to be re-runnable (IF NOT EXISTS), as
// DDL commits implicitly in MariaDB. Returns how many were applied.
int apply_migrations(Db& db, const std::vector<Migration>& all, std::ostream& out);
}  // namespace ts
