// ts-mail-worker [--config FILE] [--once]: sends the outbox.
//
// Handlers never send mail; they INSERT into `outbox` in the transaction of
// the change the mail reports. This daemon polls for due rows and sends them.
// Several workers may run at once; each row is sent at least once and, short
// of a crash between the server's "250 OK" and our UPDATE, exactly once:
//
//   1. claim (one short transaction): SELECT ... FOR UPDATE SKIP LOCKED the
//      due rows, then push their next_attempt_at forward by a lease ([mail]
//      lease_seconds, 15 s) and count the attempt. Other workers skip locked
//      rows and, after the commit, no longer see them as due.
//   2. while the batch is in hand, a LeaseKeeper thread (its own MariaDB
//      connection) renews the lease of every row not yet finished, every
//      lease/3 seconds, sends in progress included: a slow SMTP server never
//      lets another worker start a mail we are sending, and a worker killed
//      mid-batch frees its rows within one lease. Before each send, check
//      that the row is still ours (its `attempts` is the one we wrote: a
//      worker that took over after our lease lapsed would have changed it).
//   3. send outside any transaction; then record sent_at, or last_error and a
//      later next_attempt_at (growing delay), or failed_at once attempts reach
//      max_attempts or the failure is permanent (invalid address, 5xx RCPT).
//
// A worker killed mid-send leaves a lease that expires within lease_seconds:
// the mail is sent again with the same Message-ID (chosen at the first claim), so a duplicate
// is recognisable. SIGTERM/SIGINT: finish the current mail, hand the rest of
// the batch back, exit 0. MariaDB down: log once, retry every poll; never exit.
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <ctime>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>
#include <mysql_driver.h>

#include "core/config.h"
#include "core/db.h"
#include "core/log.h"
#include "mail/mime.h"
#include "mail/outbox.h"
#include "mail/transport.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_stop_signal(int) { g_stop = 1; }

void sleep_ms(long ms) {
  timespec ts{ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, nullptr);  // a stop signal interrupts it (no SA_RESTART)
}

using ClaimedMail = ts::mail::QueuedMail;

// Step 2 above: keeps the leases of the claimed rows not yet finished, from
// its own thread and MariaDB connection, every lease/3 seconds (at least 1 s).
// The main thread hands it a batch (hold), takes each row back (drop) before
// writing its outcome, and drops them all when the batch ends. A renewal pass
// runs under the lock, so once drop() returns the row's lease is never
// renewed again (it would overwrite the schedule of retry_later).
class LeaseKeeper {
 public:
  explicit LeaseKeeper(const ts::Config& cfg)
      : cfg_(cfg),
        interval_(std::max(1000, cfg.mail_lease_seconds * 1000 / 3)),
        thread_([this] { loop(); }) {}
  ~LeaseKeeper() {
    {
      std::lock_guard<std::mutex> lk(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

  void hold(const std::vector<ClaimedMail>& batch) {
    std::lock_guard<std::mutex> lk(mu_);
    held_ = batch;
  }
  void drop(unsigned long long id) {
    std::lock_guard<std::mutex> lk(mu_);
    held_.erase(std::remove_if(held_.begin(), held_.end(), [id](const ClaimedMail& m) { return m.id == id; }),
                held_.end());
  }
  void drop_all() {
    std::lock_guard<std::mutex> lk(mu_);
    held_.clear();
  }

 private:
  void loop() {
    // Connector/C++ (libmariadb underneath) wants each thread announced.
    sql::mysql::get_mysql_driver_instance()->threadInit();
    {
      ts::Db db(cfg_);
      bool db_ok = true;
      std::unique_lock<std::mutex> lk(mu_);
      while (!stop_) {
        if (cv_.wait_for(lk, interval_, [this] { return stop_; })) break;  // asked to stop
        if (held_.empty()) continue;
        try {
          db.ensure_alive();
          for (auto it = held_.begin(); it != held_.end();) {
            // No longer ours (taken over, or finished): the main thread's
            // check before the send says so in the log.
            if (ts::mail::renew_lease(db, *it, cfg_.mail_lease_seconds)) ++it;
            else it = held_.erase(it);
          }
          if (!db_ok) ts::log::info("lease keeper: database reachable again");
          db_ok = true;
        } catch (const sql::SQLException& e) {
          if (db_ok) ts::log::error(std::string("lease keeper: cannot renew the leases: ") + e.what());
          db_ok = false;
          db.reset();
        }
      }
    }
    sql::mysql::get_mysql_driver_instance()->threadEnd();
  }

  const ts::Config& cfg_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<ClaimedMail> held_;  // guarded by mu_
  bool stop_ = false;              // guarded by mu_
  std::thread thread_;             // last: starts once the rest is built
};

class MailWorker {
 public:
  MailWorker(const ts::Config& cfg, ts::Db& db, ts::mail::Transport& transport, LeaseKeeper& keeper)
      : cfg_(cfg), db_(db), transport_(transport), keeper_(keeper) {}

  // Claims up to [mail] batch due rows and delivers them. Returns how many
  // were claimed (0: nothing due). Throws sql::SQLException if MariaDB fails
  // (the rows left then wait for their lease, at most lease_seconds).
  size_t run_batch() {
    std::vector<ClaimedMail> batch = claim();
    if (batch.empty()) return 0;
    keeper_.hold(batch);
    struct DropAll {
      LeaseKeeper& k;
      ~DropAll() { k.drop_all(); }
    } drop_all{keeper_};
    for (size_t i = 0; i < batch.size(); ++i) {
      if (g_stop) {
        for (size_t j = i; j < batch.size(); ++j) release(batch[j]);
        break;
      }
      if (still_ours(batch[i])) deliver(batch[i]);
      else keeper_.drop(batch[i].id);
    }
    return batch.size();
  }

 private:
  std::vector<ClaimedMail> claim() {
    return ts::mail::claim_due(db_, cfg_.mail_batch, cfg_.mail_lease_seconds, ts::mail::new_message_id,
                               cfg_.mail_from_address);
  }

  // Step 2 above: the row is still ours (and its lease renewed).
  bool still_ours(const ClaimedMail& m) {
    if (ts::mail::renew_lease(db_, m, cfg_.mail_lease_seconds)) return true;
    ts::log::info("outbox " + std::to_string(m.id) + ": taken over by another worker, skipped");
    return false;
  }

  void deliver(const ClaimedMail& m) {
    ts::mail::MailMessage msg{cfg_.mail_from_address, cfg_.mail_from_name, m.to_address, m.to_name,
                              m.subject, m.body_text, m.message_id, 0};
    std::string error;
    std::string text = ts::mail::build_message(msg, error);
    ts::mail::SendResult res{ts::mail::SendResult::Permanent, error};
    // build_message validated both addresses; only a valid message is sent.
    if (!text.empty()) res = transport_.send(cfg_.mail_from_address, m.to_address, text);
    keeper_.drop(m.id);  // its outcome decides its schedule now
    record(m, res);
  }

  // Step 3. Retried a few times: the mail is out, losing the fact would only
  // cause a duplicate once the lease expires, but a duplicate is still worse.
  void record(const ClaimedMail& m, const ts::mail::SendResult& res) {
    const std::string id = "outbox " + std::to_string(m.id);
    for (int tries = 1;; ++tries) {
      try {
        db_.ensure_alive();
        write_outcome(m, res);
        return;
      } catch (const sql::SQLException& e) {
        ts::log::error(id + ": cannot record the outcome (" + e.what() + "), try " + std::to_string(tries));
        db_.reset();
        if (tries == 5) throw;
        sleep_ms(2000);
      }
    }
  }

  void write_outcome(const ClaimedMail& m, const ts::mail::SendResult& res) {
    using ts::mail::SendResult;
    const std::string id = "outbox " + std::to_string(m.id);
    if (res.kind == SendResult::Sent) {
      ts::mail::mark_sent(db_, m);
      ts::log::info(id + ": sent, Message-ID " + m.message_id);
      return;
    }
    bool give_up = res.kind == SendResult::Permanent || m.attempts >= static_cast<unsigned>(cfg_.mail_max_attempts);
    if (give_up) {
      ts::mail::mark_failed(db_, m, res.error);
      ts::log::error(id + ": given up after attempt " + std::to_string(m.attempts) + ": " + res.error);
      return;
    }
    long delay = ts::mail::retry_delay_seconds(cfg_.mail_retry_base_seconds, m.attempts);
    ts::mail::retry_later(db_, m, res.error, delay);
    ts::log::error(id + ": attempt " + std::to_string(m.attempts) + " failed, retry in " + std::to_string(delay) +
                   " s: " + res.error);
  }

  // Stopping: hand an unsent claimed row back at once instead of letting it
  // wait for the lease; the attempt that did not happen is not counted.
  void release(const ClaimedMail& m) {
    keeper_.drop(m.id);
    ts::mail::hand_back(db_, m);
  }

  const ts::Config& cfg_;
  ts::Db& db_;
  ts::mail::Transport& transport_;
  LeaseKeeper& keeper_;
};

// Settings a typo would turn into a silent failure of every mail.
std::string check_mail_config(const ts::Config& cfg) {
  std::string normalised, why;
  if (!(why = ts::mail::check_address(cfg.mail_from_address, normalised)).empty()) return "[mail] from_address: " + why;
  if (!(why = ts::mail::check_header_text(cfg.mail_from_name, "[mail] from_name")).empty()) return why;
  if (cfg.mail_batch < 1) return "[mail] batch must be at least 1";
  if (cfg.mail_max_attempts < 1) return "[mail] max_attempts must be at least 1";
  if (cfg.mail_retry_base_seconds < 0) return "[mail] retry_base_seconds must not be negative";
  if (cfg.mail_poll_interval_ms < 10) return "[mail] poll_interval_ms must be at least 10";
  if (cfg.mail_lease_seconds < 3) return "[mail] lease_seconds must be at least 3";
  return "";
}

// Polls until stopped (or, with --once, until nothing is due). Returns the exit status.
int run(const ts::Config& cfg, ts::Db& db, MailWorker& worker, bool once) {
  bool db_ok = true;
  while (!g_stop) {
    try {
      db.ensure_alive();
      if (!db_ok) ts::log::info("database reachable again");
      db_ok = true;
      while (!g_stop && worker.run_batch() > 0) {
      }
      if (once) return 0;
    } catch (const sql::SQLException& e) {
      if (db_ok) ts::log::error(std::string("database unavailable") + (once ? ": " : ", will retry: ") + e.what());
      db_ok = false;
      db.reset();
      if (once) return 1;
    } catch (const std::exception& e) {  // not expected; the claimed rows wait for their lease
      ts::log::error(std::string("batch failed: ") + e.what());
      if (once) return 1;
    }
    // While MariaDB is down, don't hammer it more than once a second.
    sleep_ms(db_ok ? cfg.mail_poll_interval_ms : std::max(cfg.mail_poll_interval_ms, 1000));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool once = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--once") == 0) once = true;
    else if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) ++i;
    else {
      std::cerr << "usage: ts-mail-worker [--config FILE] [--once]\n";
      return 2;
    }
  }
  ts::Config cfg;
  try {
    cfg = ts::Config::load(ts::Config::path_from(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "ts-mail-worker: " << e.what() << "\n";
    return 1;
  }
  ts::log::open(cfg.log_file, "mail-worker");
  if (std::string why = check_mail_config(cfg); !why.empty()) {
    ts::log::error(why);
    std::cerr << "ts-mail-worker: " << why << "\n";
    return 1;
  }

  // No SA_RESTART: the signal also cuts the poll sleep short.
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  // A peer closing a socket must be an error code, not a process kill.
  std::signal(SIGPIPE, SIG_IGN);

  curl_global_init(CURL_GLOBAL_DEFAULT);
  int status = 1;
  try {
    auto transport = ts::mail::make_transport(cfg);
    ts::Db db(cfg);
    sql::mysql::get_mysql_driver_instance();  // created once, before the keeper's thread uses it
    LeaseKeeper keeper(cfg);
    MailWorker worker(cfg, db, *transport, keeper);
    ts::log::info("started, transport " + cfg.mail_transport + (once ? ", once" : ""));
    status = run(cfg, db, worker, once);
    ts::log::info("stopped");
  } catch (const std::exception& e) {  // e.g. an unusable transport setting
    ts::log::error(std::string("fatal: ") + e.what());
    std::cerr << "ts-mail-worker: " << e.what() << "\n";
  }
  curl_global_cleanup();
  return status;
}
