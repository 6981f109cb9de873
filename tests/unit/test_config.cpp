// lib/core/config.h: the INI file read once at start-up, and where its path comes from.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config.h"

namespace {

const std::string kSecret = "0123456789abcdef0123456789abcdef";  // 32 characters: the minimum

// A configuration file under /tmp, removed at scope exit.
class IniFile {
 public:
  explicit IniFile(const std::string& text) {
    char tmpl[] = "/tmp/ts-unit-config-XXXXXX";
    int fd = ::mkstemp(tmpl);
    if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
      throw std::runtime_error("cannot write temporary configuration");
    ::close(fd);
    path_ = tmpl;
  }
  ~IniFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

ts::Config load_text(const std::string& text) { return ts::Config::load(IniFile(text).path()); }

// Sets (or unsets) TELESERVICES_CONF for one scope.
class ConfEnv {
 public:
  explicit ConfEnv(const char* value) {
    if (const char* old = std::getenv("TELESERVICES_CONF")) old_ = old;
    if (value) ::setenv("TELESERVICES_CONF", value, 1);
    else ::unsetenv("TELESERVICES_CONF");
  }
  ~ConfEnv() {
    if (old_) ::setenv("TELESERVICES_CONF", old_->c_str(), 1);
    else ::unsetenv("TELESERVICES_CONF");
  }

 private:
  std::optional<std::string> old_;
};

std::string path_from(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return ts::Config::path_from(static_cast<int>(args.size()), argv.data());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(every_key_is_read) {
  ts::Config c = load_text(
      "; comment\n"
      "[database]\n"
      "socket = /run/mysqld/test.sock\n"
      "host = tcp://db.example:3306\n"
      "user = ts_app\n"
      "password = p@ss word\n"
      "name = ts_test\n"
      "[site]\n"
      "base_url = https://teleservices.example.fr\n"
      "templates = /usr/share/teleservices/templates\n"
      "template_reload = true\n"
      "dev_mail_page = yes\n"
      "maildir = /var/tmp/maildir\n"
      "secret = " + kSecret + "\n"
      "secure_cookies = on\n"
      "academie = Académie de Normandie\n"
      "academie_url = https://www.ac-normandie.fr/\n"
      "common_passwords = /etc/teleservices/common-passwords.txt\n"
      "[session]\n"
      "idle_timeout_minutes = 15\n"
      "absolute_timeout_hours = 4\n"
      "[security]\n"
      "argon2_memory_kib = 65536\n"
      "argon2_iterations = 3\n"
      "resend_min_interval_seconds = 60\n"
      "resend_max_per_day = 3\n"
      "[mail]\n"
      "from_address = ne-pas-repondre@ac-normandie.fr\n"
      "from_name = Services en ligne\n"
      "transport = maildir\n"
      "smtp_url = smtps://smtp.example:465\n"
      "starttls = 1\n"
      "smtp_user = mailer\n"
      "smtp_password = s3cret\n"
      "max_attempts = 4\n"
      "retry_base_seconds = 10\n"
      "poll_interval_ms = 250\n"
      "batch = 50\n"
      "lease_seconds = 9\n"
      "[log]\n"
      "file = /var/log/teleservices/app.log\n");
  BOOST_TEST(c.db_socket == "/run/mysqld/test.sock");
  BOOST_TEST(c.db_host == "tcp://db.example:3306");
  BOOST_TEST(c.db_user == "ts_app");
  BOOST_TEST(c.db_password == "p@ss word");
  BOOST_TEST(c.db_name == "ts_test");
  BOOST_TEST(c.base_url == "https://teleservices.example.fr");
  BOOST_TEST(c.templates_dir == "/usr/share/teleservices/templates");
  BOOST_TEST(c.template_reload);
  BOOST_TEST(c.dev_mail_page);
  BOOST_TEST(c.maildir == "/var/tmp/maildir");
  BOOST_TEST(c.secret == kSecret);
  BOOST_TEST(c.secure_cookies);
  BOOST_TEST(c.academie == "Académie de Normandie");
  BOOST_TEST(c.academie_url == "https://www.ac-normandie.fr/");
  BOOST_TEST(c.common_passwords_file == "/etc/teleservices/common-passwords.txt");
  BOOST_TEST(c.session_idle_minutes == 15);
  BOOST_TEST(c.session_absolute_hours == 4);
  BOOST_TEST(c.argon2_memory_kib == 65536);
  BOOST_TEST(c.argon2_iterations == 3);
  BOOST_TEST(c.resend_min_interval_seconds == 60);
  BOOST_TEST(c.resend_max_per_day == 3);
  BOOST_TEST(c.mail_from_address == "ne-pas-repondre@ac-normandie.fr");
  BOOST_TEST(c.mail_from_name == "Services en ligne");
  BOOST_TEST(c.mail_transport == "maildir");
  BOOST_TEST(c.smtp_url == "smtps://smtp.example:465");
  BOOST_TEST(c.smtp_starttls);
  BOOST_TEST(c.smtp_user == "mailer");
  BOOST_TEST(c.smtp_password == "s3cret");
  BOOST_TEST(c.mail_max_attempts == 4);
  BOOST_TEST(c.mail_retry_base_seconds == 10);
  BOOST_TEST(c.mail_poll_interval_ms == 250);
  BOOST_TEST(c.mail_batch == 50);
  BOOST_TEST(c.mail_lease_seconds == 9);
  BOOST_TEST(c.log_file == "/var/log/teleservices/app.log");
}

BOOST_AUTO_TEST_CASE(defaults_when_keys_are_absent) {
  ts::Config c = load_text("[database]\nsocket = /tmp/db.sock\n[site]\nsecret = " + kSecret + "\n");
  const ts::Config d;  // the documented defaults
  BOOST_TEST(c.db_socket == "/tmp/db.sock");
  BOOST_TEST(c.db_host == d.db_host);
  BOOST_TEST(c.db_user == d.db_user);
  BOOST_TEST(c.db_password == d.db_password);
  BOOST_TEST(c.db_name == "teleservices");
  BOOST_TEST(c.base_url == d.base_url);
  BOOST_TEST(c.templates_dir == d.templates_dir);
  BOOST_TEST(!c.template_reload);
  BOOST_TEST(!c.dev_mail_page);
  BOOST_TEST(c.maildir == d.maildir);
  BOOST_TEST(!c.secure_cookies);
  BOOST_TEST(c.academie == d.academie);
  BOOST_TEST(c.common_passwords_file == "");
  BOOST_TEST(c.session_idle_minutes == 30);
  BOOST_TEST(c.session_absolute_hours == 8);
  BOOST_TEST(c.argon2_memory_kib == 19456);
  BOOST_TEST(c.argon2_iterations == 2);
  BOOST_TEST(c.resend_min_interval_seconds == 120);
  BOOST_TEST(c.resend_max_per_day == 5);
  BOOST_TEST(c.mail_from_address == d.mail_from_address);
  BOOST_TEST(c.mail_from_name == d.mail_from_name);
  BOOST_TEST(c.mail_transport == "smtp");
  BOOST_TEST(c.smtp_url == d.smtp_url);
  BOOST_TEST(!c.smtp_starttls);
  BOOST_TEST(c.mail_max_attempts == 8);
  BOOST_TEST(c.mail_retry_base_seconds == 30);
  BOOST_TEST(c.mail_poll_interval_ms == 500);
  BOOST_TEST(c.mail_batch == 20);
  BOOST_TEST(c.mail_lease_seconds == 15);
  BOOST_TEST(c.log_file == "");
}

BOOST_AUTO_TEST_CASE(host_instead_of_socket) {
  ts::Config c = load_text("[database]\nhost = tcp://127.0.0.1:3306\n[site]\nsecret = " + kSecret + "\n");
  BOOST_TEST(c.db_socket == "");
  BOOST_TEST(c.db_host == "tcp://127.0.0.1:3306");
}

BOOST_AUTO_TEST_CASE(refused_configurations_throw) {
  const std::string db = "[database]\nsocket = /tmp/db.sock\n";
  struct { const char* why; std::string text; } rows[] = {
      {"no secret", db},
      {"empty secret", db + "[site]\nsecret =\n"},
      {"secret of 31 characters", db + "[site]\nsecret = " + kSecret.substr(1) + "\n"},
      {"secret in the wrong section", db + "[session]\nsecret = " + kSecret + "\n"},
      {"no database", "[site]\nsecret = " + kSecret + "\n"},
      {"unknown mail transport", db + "[site]\nsecret = " + kSecret + "\n[mail]\ntransport = sendmail\n"},
      {"syntax error", db + "[site]\nsecret = " + kSecret + "\nthis line has no equals sign\n"},
      {"empty file", ""},
  };
  for (const auto& r : rows) BOOST_TEST_CONTEXT(r.why) { BOOST_CHECK_THROW(load_text(r.text), std::runtime_error); }
}

BOOST_AUTO_TEST_CASE(message_names_the_problem) {
  try {
    load_text("[database]\nsocket = /tmp/db.sock\n[site]\nsecret = court\n");
    BOOST_FAIL("a short secret was accepted");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()).find("secret") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(missing_file_throws) {
  BOOST_CHECK_THROW(ts::Config::load("/nonexistent/ts-unit/teleservices.conf"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(path_from_argv_then_env_then_default) {
  {
    ConfEnv env(nullptr);
    BOOST_TEST(path_from({"ts-connexion"}) == "/etc/teleservices/teleservices.conf");
    BOOST_TEST(path_from({"ts-connexion", "--config", "/srv/ts.conf"}) == "/srv/ts.conf");
    BOOST_TEST(path_from({"ts-connexion", "-v", "--config", "/srv/ts.conf", "x"}) == "/srv/ts.conf");
    BOOST_TEST(path_from({"ts-connexion", "--config"}) == "/etc/teleservices/teleservices.conf");  // no value
  }
  {
    ConfEnv env("/from/env.conf");
    BOOST_TEST(path_from({"ts-connexion"}) == "/from/env.conf");
    BOOST_TEST(path_from({"ts-connexion", "--config", "/srv/ts.conf"}) == "/srv/ts.conf");  // argv wins
    BOOST_TEST(path_from({"ts-connexion", "--config"}) == "/from/env.conf");
  }
  {
    ConfEnv env("");  // set but empty: ignored
    BOOST_TEST(path_from({"ts-connexion"}) == "/etc/teleservices/teleservices.conf");
  }
}

BOOST_AUTO_TEST_SUITE_END()
