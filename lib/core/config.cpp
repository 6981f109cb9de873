#include "config.h"

#include <INIReader.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace ts {

std::string Config::path_from(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--config") == 0) return argv[i + 1];
  if (const char* env = std::getenv("TELESERVICES_CONF"); env && *env) return env;
  return "/etc/teleservices/teleservices.conf";
}

Config Config::load(const std::string& path) {
  INIReader ini(path);
  if (ini.ParseError() < 0) throw std::runtime_error("cannot read configuration file " + path);
  if (ini.ParseError() > 0)
    throw std::runtime_error("syntax error in " + path + " at line " + std::to_string(ini.ParseError()));
  Config c;
  auto s = [&](const char* sec, const char* key, std::string& v) { v = ini.Get(sec, key, v); };
  auto i = [&](const char* sec, const char* key, int& v) { v = static_cast<int>(ini.GetInteger(sec, key, v)); };
  auto b = [&](const char* sec, const char* key, bool& v) { v = ini.GetBoolean(sec, key, v); };
  s("database", "socket", c.db_socket);
  s("database", "host", c.db_host);
  s("database", "user", c.db_user);
  s("database", "password", c.db_password);
  s("database", "name", c.db_name);
  s("site", "base_url", c.base_url);
  s("site", "templates", c.templates_dir);
  b("site", "template_reload", c.template_reload);
  b("site", "dev_mail_page", c.dev_mail_page);
  s("site", "maildir", c.maildir);
  s("site", "secret", c.secret);
  b("site", "secure_cookies", c.secure_cookies);
  s("site", "academie", c.academie);
  s("site", "academie_url", c.academie_url);
  s("site", "common_passwords", c.common_passwords_file);
  i("session", "idle_timeout_minutes", c.session_idle_minutes);
  i("session", "absolute_timeout_hours", c.session_absolute_hours);
  i("security", "argon2_memory_kib", c.argon2_memory_kib);
  i("security", "argon2_iterations", c.argon2_iterations);
  i("security", "resend_min_interval_seconds", c.resend_min_interval_seconds);
  i("security", "resend_max_per_day", c.resend_max_per_day);
  i("security", "max_failed_logins", c.max_failed_logins);
  i("security", "lock_seconds", c.lock_seconds);
  i("security", "login_ip_max_failures", c.login_ip_max_failures);
  i("security", "login_ip_window_minutes", c.login_ip_window_minutes);
  i("security", "mail_per_account_per_hour", c.mail_per_account_per_hour);
  i("security", "mail_per_address_per_hour", c.mail_per_address_per_hour);
  i("security", "reset_valid_minutes", c.reset_valid_minutes);
  s("mail", "from_address", c.mail_from_address);
  s("mail", "from_name", c.mail_from_name);
  s("mail", "transport", c.mail_transport);
  s("mail", "smtp_url", c.smtp_url);
  b("mail", "starttls", c.smtp_starttls);
  s("mail", "smtp_user", c.smtp_user);
  s("mail", "smtp_password", c.smtp_password);
  i("mail", "max_attempts", c.mail_max_attempts);
  i("mail", "retry_base_seconds", c.mail_retry_base_seconds);
  i("mail", "poll_interval_ms", c.mail_poll_interval_ms);
  i("mail", "batch", c.mail_batch);
  i("mail", "lease_seconds", c.mail_lease_seconds);
  i("staff", "idle_minutes", c.staff_idle_minutes);
  s("staff", "totp_key", c.staff_totp_key);
  i("courriers", "web_seconds", c.letters_web_seconds);
  s("log", "file", c.log_file);
  if (c.db_socket.empty() && c.db_host.empty()) throw std::runtime_error(path + ": [database] socket or host is required");
  if (c.secret.size() < 32) throw std::runtime_error(path + ": [site] secret must be at least 32 characters");
  if (!c.staff_totp_key.empty() &&
      (c.staff_totp_key.size() != 64 ||
       c.staff_totp_key.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos))
    throw std::runtime_error(path + ": [staff] totp_key must be 64 hexadecimal digits (32 bytes)");
  if (c.letters_web_seconds < 0) throw std::runtime_error(path + ": [courriers] web_seconds must be 0 or more");
  if (c.staff_idle_minutes < 1) throw std::runtime_error(path + ": [staff] idle_minutes must be at least 1");
  if (c.mail_transport != "smtp" && c.mail_transport != "maildir")
    throw std::runtime_error(path + ": [mail] transport must be smtp or maildir");
  return c;
}

}  // namespace ts
