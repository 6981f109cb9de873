#include "migrations.h"

#include <cppconn/statement.h>

#include <memory>
#include <sstream>

namespace ts {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR(100) NOT NULL PRIMARY KEY,"
    " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB";
constexpr const char* kApplied = "SELECT 1 FROM schema_migrations WHERE name = ?";
constexpr const char* kRecord = "INSERT INTO schema_migrations (name) VALUES (?)";

// Splits a migration into statements at the semicolons that end a line.
std::vector<std::string> statements(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line, current;
  while (std::getline(in, line)) {
    if (line.rfind("--", 0) == 0) continue;
    current += line + "\n";
    auto end = line.find_last_not_of(" \t\r");
    if (end != std::string::npos && line[end] == ';') {
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

}  // namespace

int apply_migrations(Db& db, const std::vector<Migration>& all, std::ostream& out) {
  // Migration text is DDL from sql/, embedded at build time: not a prepared statement.
  std::unique_ptr<sql::Statement> st(db.conn().createStatement());
  st->execute(kCreateTable);
  int applied = 0;
  for (const auto& m : all) {
    if (db.query(kApplied, m.name)->next()) continue;
    for (const auto& s : statements(m.sql)) st->execute(s);
    db.exec(kRecord, m.name);
    out << "applied " << m.name << "\n";
    ++applied;
  }
  return applied;
}

}  // namespace ts
