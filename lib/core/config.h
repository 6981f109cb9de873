// Configuration, read once at start-up from an INI file (libinih).
// Path: --config FILE, else $TELESERVICES_CONF, else /etc/teleservices/teleservices.conf.
#pragma once
#include <string>

namespace ts {

struct Config {
  // [database]
  std::string db_socket;        // unix socket path ("unix://" is added)
  std::string db_host;          // or tcp://host:port when db_socket is empty
  std::string db_user;
  std::string db_password;
  std::string db_name = "teleservices";
  // [site]
  std::string base_url = "http://127.0.0.1:8080";  // used in mailed links
  std::string templates_dir;
  bool template_reload = false;  // development: reload changed templates
  bool dev_mail_page = false;    // /dev/courriels lists delivered mails (never in production)
  std::string maildir;           // where the dev page reads delivered mails
  std::string secret;            // HMAC key (CSRF); long random string
  bool secure_cookies = false;   // add "Secure" (true when served over https)
  std::string academie = "Académie de démonstration";
  std::string academie_url = "https://www.education.gouv.fr";  // the académie entry of the services menu
  std::string common_passwords_file;
  // [session]
  int session_idle_minutes = 30;
  int session_absolute_hours = 8;
  // [security]
  int argon2_memory_kib = 19456;
  int argon2_iterations = 2;
  int resend_min_interval_seconds = 120;  // activation mail resend
  int resend_max_per_day = 5;
  int max_failed_logins = 5;              // then the account is locked…
  int lock_seconds = 900;                 // …for this long (15 minutes), doubling at each new lock
  int login_ip_max_failures = 30;         // failed logins per client address…
  int login_ip_window_minutes = 15;       // …within this window, then 429
  int mail_per_account_per_hour = 5;      // recovery and change mails, per account
  int mail_per_address_per_hour = 5;      // and per address
  int reset_valid_minutes = 60;           // password reset link
  // [mail]
  std::string mail_from_address = "service.messagerie@example.invalid";
  std::string mail_from_name = "Administrateur des services en ligne";
  std::string mail_transport = "smtp";  // smtp | maildir
  std::string smtp_url;                 // smtp://host:port or smtps://host:port
  bool smtp_starttls = false;
  std::string smtp_user;
  std::string smtp_password;
  int mail_max_attempts = 8;
  int mail_retry_base_seconds = 30;
  int mail_poll_interval_ms = 500;
  int mail_batch = 20;
  int mail_lease_seconds = 15;  // a claimed mail is the worker's for this long, renewed while it works
  // [staff] (docs/STAFF.md)
  int staff_idle_minutes = 15;  // a staff session ends after this long without a request
  std::string staff_totp_key;   // 64 hex digits: the AES-256-GCM key sealing TOTP secrets (never in the database)
  // [log]
  std::string log_file;  // empty: stderr

  // Throws std::runtime_error with a readable message.
  static Config load(const std::string& path);
  // Resolves the path from argv/env as documented above.
  static std::string path_from(int argc, char** argv);
};

}  // namespace ts
