// The database handle (MySQL Connector/C++ 1.1) and the transaction guard.
// Only prepared statements with ? placeholders; SQL text is constant: each
// module keeps its statements as named `constexpr const char*` at the top of
// its .cpp (docs/ARCHITECTURE.md, "Tables and their owners").
//
//   auto r = db.query(kFindAccount, identifier);         // Rows
//   db.exec(kCloseAccount, account_id);                   // affected rows
//   unsigned id = db.insert(kInsertPupil, school, name);  // AUTO_INCREMENT id
//
// Arguments bind to the ?s in order: strings (std::string, const char*),
// integers, bool, and std::optional<T> (NULL when empty), or ts::null.
#pragma once
#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>

namespace ts {

struct Config;

// A prepared statement owned by the Db's per-connection cache: prepared once,
// reused by every later request of the process (no prepare round trip per query).
// Do not execute the same SQL text again while iterating its result set.
using Stmt = sql::PreparedStatement*;
using Rows = std::unique_ptr<sql::ResultSet>;

// Binds SQL NULL.
struct Null {};
inline constexpr Null null{};

namespace db_detail {
inline void bind(Stmt st, int i, const std::string& v) { st->setString(i, v); }
inline void bind(Stmt st, int i, const char* v) { st->setString(i, v); }
inline void bind(Stmt st, int i, bool v) { st->setBoolean(i, v); }
inline void bind(Stmt st, int i, Null) { st->setNull(i, 0); }
template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
void bind(Stmt st, int i, T v) {
  if constexpr (std::is_signed_v<T>) st->setInt64(i, static_cast<int64_t>(v));
  else st->setUInt64(i, static_cast<uint64_t>(v));
}
template <class T>
void bind(Stmt st, int i, const std::optional<T>& v) {
  if (v) bind(st, i, *v);
  else st->setNull(i, 0);
}
template <class... A>
void bind_all(Stmt st, const A&... args) {
  (void)st;  // no argument: nothing to bind
  int i = 0;
  (bind(st, ++i, args), ...);
}
}  // namespace db_detail

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

  // One call per statement: prepare (cached), bind `args` in order, run.
  template <class... A>
  Rows query(const char* sql_text, const A&... args) {
    Stmt st = prepare(sql_text);
    db_detail::bind_all(st, args...);
    return Rows(st->executeQuery());
  }
  // INSERT/UPDATE/DELETE: the number of rows changed.
  template <class... A>
  int exec(const char* sql_text, const A&... args) {
    Stmt st = prepare(sql_text);
    db_detail::bind_all(st, args...);
    return st->executeUpdate();
  }
  // INSERT: the new row's AUTO_INCREMENT id.
  template <class... A>
  unsigned insert(const char* sql_text, const A&... args) {
    exec(sql_text, args...);
    return static_cast<unsigned>(last_insert_id());
  }
  // The first column of the first row, or nullopt when there is no row.
  template <class... A>
  std::optional<std::string> scalar(const char* sql_text, const A&... args) {
    Rows r = query(sql_text, args...);
    if (!r->next() || r->isNull(1)) return std::nullopt;
    return std::string(r->getString(1));
  }
  // Last AUTO_INCREMENT id of this connection (what insert() returns).
  unsigned long long last_insert_id();
  // True while a Transaction is open on this connection.
  bool in_transaction() const { return tx_depth_ > 0; }

 private:
  friend class Transaction;
  int tx_depth_ = 0;
  void connect();
  const Config& cfg_;
  std::unique_ptr<sql::Connection> conn_;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;  // of conn_
};

// Rolls back unless commit() ran: a half-done change is never kept. Opened
// inside another Transaction on the same Db, it is a savepoint of it: its
// commit() keeps its work within the outer transaction (which may still roll
// it back), its rollback undoes only its own work.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  void commit();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  Db& db_;
  sql::Connection& conn_;
  int depth_;  // 0: the real transaction; more: a savepoint
  std::unique_ptr<sql::Savepoint> savepoint_;
  bool done_ = false;
};

// For the rules whose work must be committed whatever the request does next
// (a failed login stays counted): throws std::logic_error when called inside
// a transaction, where their commit would not be theirs.
void require_own_transaction(const Db& db, const char* what);

// Keeps the effects of `work` only when `keep` is true, inside a savepoint of
// the caller's transaction: either way the same statements run (recovery
// answers must cost the same whether or not a mail goes, lib/accounts/recovery.h).
template <class F>
void run_or_undo(Db& db, bool keep, F&& work) {
  auto& conn = db.conn();
  std::unique_ptr<sql::Savepoint> sp(conn.setSavepoint("run_or_undo"));
  work();
  // Either way one statement: RELEASE keeps the rows, ROLLBACK TO drops them.
  if (keep) conn.releaseSavepoint(sp.get());
  else conn.rollback(sp.get());
}

}  // namespace ts
