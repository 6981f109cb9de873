// lib/mail/transport.h: the retry schedule, permanent vs temporary SMTP
// failures, the Maildir writer and the transport choice. Real SMTP sending is
// exercised against a live server by the mail-worker integration check.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <curl/curl.h>
#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config.h"
#include "mail/transport.h"

using ts::mail::SendResult;

namespace {

// A fresh directory under $TMPDIR, removed with its content at the end.
struct TempDir {
  std::string path;
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/ts-maildir-XXXXXX";
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    for (const char* sub : {"/tmp", "/new", "/cur", "/box/tmp", "/box/new", "/box/cur", "/box"}) {
      for (const auto& f : list(path + sub)) ::unlink((path + sub + "/" + f).c_str());
      ::rmdir((path + sub).c_str());
    }
    ::rmdir(path.c_str());
  }
  static std::vector<std::string> list(const std::string& dir) {
    std::vector<std::string> out;
    if (DIR* d = opendir(dir.c_str())) {
      while (dirent* e = readdir(d))
        if (e->d_name[0] != '.') out.push_back(e->d_name);
      closedir(d);
    }
    return out;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mail_transport)

BOOST_AUTO_TEST_CASE(retry_delay_grows_then_caps) {
  struct Row {
    int base;
    unsigned attempt;
    long want;
  };
  for (const Row& r : std::vector<Row>{{30, 1, 30},
                                       {30, 2, 60},
                                       {30, 3, 120},
                                       {30, 8, 3840},
                                       {30, 40, 86400},  // capped at one day, no overflow
                                       {1, 1000, 86400},
                                       {0, 5, 0},
                                       {-3, 2, 0}}) {
    BOOST_TEST_CONTEXT("base " << r.base << " attempt " << r.attempt) {
      BOOST_TEST(ts::mail::retry_delay_seconds(r.base, r.attempt) == r.want);
    }
  }
}

BOOST_AUTO_TEST_CASE(smtp_outcomes) {
  struct Row {
    int curl;
    long smtp;
    const char* text;
    SendResult::Kind want;
  };
  const std::vector<Row> rows = {
      {CURLE_OK, 250, "", SendResult::Sent},
      {CURLE_SEND_ERROR, 550, "RCPT failed: 550", SendResult::Permanent},  // unknown mailbox
      {CURLE_SEND_ERROR, 553, "RCPT failed: 553", SendResult::Permanent},
      {CURLE_SEND_ERROR, 450, "RCPT failed: 450", SendResult::Temporary},  // greylisting
      {CURLE_SEND_ERROR, 553, "MAIL failed: 553", SendResult::Temporary},  // our sender: config
      {CURLE_SEND_ERROR, 554, "DATA failed: 554", SendResult::Temporary},
      {CURLE_LOGIN_DENIED, 535, "Login denied", SendResult::Temporary},
      {CURLE_COULDNT_CONNECT, 0, "Failed to connect to 127.0.0.1 port 1: Connection refused", SendResult::Temporary},
      {CURLE_OPERATION_TIMEDOUT, 0, "Operation timed out", SendResult::Temporary},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT("curl " << r.curl << " smtp " << r.smtp << " \"" << r.text << "\"") {
      SendResult res = ts::mail::classify_smtp(r.curl, r.smtp, r.text);
      BOOST_TEST(res.kind == r.want);
      BOOST_TEST(res.error.empty() == (r.want == SendResult::Sent));
    }
  }
}

BOOST_AUTO_TEST_CASE(maildir_delivers_whole_files_into_new) {
  TempDir t;
  std::string box = t.path + "/box";
  ts::mail::MaildirTransport md(box);  // creates box/{tmp,new,cur}
  for (const char* sub : {"/tmp", "/new", "/cur"}) BOOST_TEST(access((box + sub).c_str(), W_OK) == 0, sub);

  const std::string msg = "Subject: essai\r\n\r\nligne 1\r\nligne 2\r\n";
  BOOST_TEST(md.send("a@example.fr", "b@example.fr", msg).kind == SendResult::Sent);
  BOOST_TEST(md.send("a@example.fr", "b@example.fr", msg).kind == SendResult::Sent);
  auto files = TempDir::list(box + "/new");
  BOOST_TEST_REQUIRE(files.size() == 2u);  // unique names
  BOOST_TEST(files[0] != files[1]);
  BOOST_TEST(TempDir::list(box + "/tmp").empty());
  for (const auto& f : files) {
    BOOST_TEST(f.find(':') == std::string::npos);
    BOOST_TEST(slurp(box + "/new/" + f) == "Subject: essai\n\nligne 1\nligne 2\n");  // local LF ends
  }
  // A second instance on the same directory is fine (several workers).
  ts::mail::MaildirTransport again(box);
  BOOST_TEST(again.send("a@example.fr", "b@example.fr", msg).kind == SendResult::Sent);
  BOOST_TEST(TempDir::list(box + "/new").size() == 3u);
}

BOOST_AUTO_TEST_CASE(maildir_failure_is_temporary) {
  TempDir t;
  std::string box = t.path + "/box";
  ts::mail::MaildirTransport md(box);
  ::rmdir((box + "/tmp").c_str());  // e.g. someone cleaned the directory
  SendResult r = md.send("a@example.fr", "b@example.fr", "x\r\n");
  BOOST_TEST(r.kind == SendResult::Temporary);
  BOOST_TEST(r.error.find("maildir") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(transport_choice) {
  ts::Config cfg;
  cfg.mail_transport = "smtp";
  for (const char* bad : {"", "http://mail.example.fr", "file:///etc/passwd", "mail.example.fr:25"}) {
    cfg.smtp_url = bad;
    BOOST_CHECK_THROW(ts::mail::make_transport(cfg), std::runtime_error);
  }
  for (const char* good : {"smtp://127.0.0.1:2525", "smtps://mail.example.fr:465"}) {
    cfg.smtp_url = good;
    BOOST_TEST(ts::mail::make_transport(cfg).get() != nullptr);
  }
  cfg.mail_transport = "maildir";
  cfg.maildir = "";
  BOOST_CHECK_THROW(ts::mail::make_transport(cfg), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
