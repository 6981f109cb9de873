// The database handle (MySQL Connector/C++ 1.1) and the transaction guard.
// Only prepared statements with ? placeholders; SQL text is constant.
#pragma once
#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/exception.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace ts {

struct Config;

// A prepared statement owned by the Db's per-connection cache: prepared once,
// reused by every later request of the process (no prepare round trip per query).
// Do not execute the same SQL text again while iterating its result set.
using Stmt = sql::PreparedStatement*;
using Rows = std::unique_ptr<sql::ResultSet>;

class Db {
 public:
  explicit Db(const Config& cfg);
  // Checked once per request by the accept loop: reconnects if MariaDB went
  // away (restart) since the last request.
  void ensure_alive();
  sql::Connection& conn();
  Stmt prepare(const char* sql_text);
  // Drops the connection (next conn() reconnects).
  void reset();

 private:
  void connect();
  const Config& cfg_;
  std::unique_ptr<sql::Connection> conn_;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;  // of conn_
};

// Rolls back unless commit() ran: a half-done change is never kept.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  void commit();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  sql::Connection& conn_;
  bool done_ = false;
};

// Last AUTO_INCREMENT id of this connection.
unsigned long long last_insert_id(Db& db);

}  // namespace ts
