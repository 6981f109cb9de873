// Hands a built message to the outside world: an SMTP server (libcurl) in
// production, or a Maildir on disk for demos (`make run`, the /dev/courriels page).
#pragma once
#include <memory>
#include <string>

namespace ts {
struct Config;
}

namespace ts::mail {

struct SendResult {
  enum Kind {
    Sent,       // the server (or the Maildir) accepted the message
    Temporary,  // try again later (network, 4xx, server down, ...)
    Permanent,  // never retry (the server refused the recipient with 5xx)
  };
  Kind kind = Temporary;
  std::string error;  // why, for outbox.last_error
};

class Transport {
 public:
  virtual ~Transport() = default;
  // `message` has CRLF line ends (see build_message). Addresses are validated.
  virtual SendResult send(const std::string& from, const std::string& to, const std::string& message) = 0;
};

// Per [mail] transport: SmtpTransport or MaildirTransport. Throws
// std::runtime_error when the configuration cannot work (no URL, no maildir).
std::unique_ptr<Transport> make_transport(const Config& cfg);

struct SmtpSettings {
  std::string url;       // smtp://host:port (STARTTLS if starttls) or smtps://host:port
  bool starttls = false;  // require STARTTLS on smtp:// (CURLUSESSL_ALL)
  std::string user;       // empty: no AUTH
  std::string password;
  long connect_timeout_s = 20;
  // Upper bound for one message. The worker renews its lease during the
  // send ([mail] lease_seconds, mailer/mail_worker.cpp), so another worker
  // can't start the same mail while this one is still talking to the server.
  long total_timeout_s = 120;
};

class SmtpTransport : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings s);
  ~SmtpTransport() override;
  SendResult send(const std::string& from, const std::string& to, const std::string& message) override;

 private:
  SmtpSettings s_;
  void* curl_;  // CURL*, made at the first send and kept so its connection is reused
};

// Decides permanent vs temporary from libcurl's outcome. Only a 5xx answer to
// RCPT TO is permanent: the server refuses this recipient. A 5xx to MAIL FROM
// or AUTH is a configuration problem of ours; retrying keeps the mail until
// the operator fixes it. Exposed for unit tests.
SendResult classify_smtp(int curl_code, long smtp_code, const std::string& curl_error);

// Delivery policy: after failed attempt number `attempt` (1, 2, ...), wait
// base * 2^(attempt-1) seconds, at most one day.
long retry_delay_seconds(int base_seconds, unsigned attempt);

class MaildirTransport : public Transport {
 public:
  explicit MaildirTransport(std::string dir);  // creates dir, dir/tmp, dir/new, dir/cur
  SendResult send(const std::string& from, const std::string& to, const std::string& message) override;

 private:
  std::string dir_;
  unsigned long counter_ = 0;  // makes names unique within this process
};

}  // namespace ts::mail
