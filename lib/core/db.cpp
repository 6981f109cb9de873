#include "db.h"

#include <cppconn/driver.h>
#include <mysql_driver.h>

#include "config.h"
#include "log.h"

#include <stdexcept>

namespace ts {

Db::Db(const Config& cfg) : cfg_(cfg) {}

void Db::connect() {
  sql::ConnectOptionsMap opts;
  opts["hostName"] = cfg_.db_socket.empty() ? sql::SQLString(cfg_.db_host)
                                            : sql::SQLString("unix://" + cfg_.db_socket);
  opts["userName"] = sql::SQLString(cfg_.db_user);
  opts["password"] = sql::SQLString(cfg_.db_password);
  opts["schema"] = sql::SQLString(cfg_.db_name);
  opts["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  opts["OPT_RECONNECT"] = false;  // we reconnect ourselves, never inside a transaction
  conn_.reset(sql::mysql::get_mysql_driver_instance()->connect(opts));
  std::unique_ptr<sql::Statement> st(conn_->createStatement());
  // Times are UTC everywhere; CURRENT_TIMESTAMP must agree with the code.
  st->execute("SET time_zone = '+00:00'");
  // No gap locks on searches: concurrent logins deleting and inserting sessions
  // must not deadlock. Rules that need exclusivity lock rows (FOR UPDATE).
  st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
}

void Db::ensure_alive() {
  if (conn_ && !conn_->isClosed() && conn_->isValid()) return;
  if (conn_) log::info("database connection lost; reconnecting");
  reset();
  connect();
}

sql::Connection& Db::conn() {
  if (!conn_) connect();
  return *conn_;
}

Stmt Db::prepare(const char* sql_text) {
  auto& slot = statements_[sql_text];
  if (!slot) slot.reset(conn().prepareStatement(sql_text));
  return slot.get();
}

void Db::reset() {
  statements_.clear();  // statements die with their connection
  conn_.reset();
}

Transaction::Transaction(Db& db) : db_(db), conn_(db.conn()), depth_(db.tx_depth_) {
  if (depth_ == 0) conn_.setAutoCommit(false);
  else savepoint_.reset(conn_.setSavepoint("tx" + std::to_string(depth_)));
  ++db_.tx_depth_;
}

Transaction::~Transaction() {
  --db_.tx_depth_;
  if (done_) return;
  try {
    if (depth_ == 0) {
      conn_.rollback();
      conn_.setAutoCommit(true);
    } else {
      conn_.rollback(savepoint_.get());
    }
  } catch (const sql::SQLException& e) {
    log::error(std::string("rollback failed: ") + e.what());
  }
}

void Transaction::commit() {
  if (depth_ == 0) {
    conn_.commit();
    conn_.setAutoCommit(true);
  } else {
    conn_.releaseSavepoint(savepoint_.get());
  }
  done_ = true;
}

void require_own_transaction(const Db& db, const char* what) {
  if (db.in_transaction())
    throw std::logic_error(std::string(what) + " commits its own transaction: call it outside any other");
}

unsigned long long Db::last_insert_id() {
  Rows r(prepare("SELECT LAST_INSERT_ID()")->executeQuery());
  r->next();
  return r->getUInt64(1);
}

}  // namespace ts
