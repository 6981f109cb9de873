#include "transport.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/config.h"
#include "core/crypto.h"
#include "mime.h"

namespace ts::mail {

// ---------------------------------------------------------------- SMTP

namespace {

// libcurl pulls the message through this callback.
struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t read_upload(char* buf, size_t size, size_t nitems, void* userp) {
  auto* up = static_cast<Upload*>(userp);
  size_t n = std::min(size * nitems, up->data->size() - up->pos);
  std::copy_n(up->data->data() + up->pos, n, buf);  // bytes, not a C string
  up->pos += n;
  return n;
}

// Keeps the server's last 4xx/5xx reply line: libcurl's own messages
// ("Weird server reply") don't say what the server objected to, and the
// final "221 Bye" to QUIT would hide it.
int keep_error_reply(CURL*, curl_infotype type, char* data, size_t size, void* userp) {
  if (type != CURLINFO_HEADER_IN || size == 0 || (data[0] != '4' && data[0] != '5')) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  *static_cast<std::string*>(userp) = line;
  return 0;
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpSettings s) : s_(std::move(s)), curl_(nullptr) {}

SmtpTransport::~SmtpTransport() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

SendResult SmtpTransport::send(const std::string& from, const std::string& to, const std::string& message) {
  if (!curl_) curl_ = curl_easy_init();
  if (!curl_) return {SendResult::Temporary, "SMTP: curl_easy_init failed"};
  CURL* c = static_cast<CURL*>(curl_);
  // reset() forgets the previous options but keeps the open connection.
  curl_easy_reset(c);
  char errbuf[CURL_ERROR_SIZE] = "";
  std::string error_reply;
  Upload up{&message};
  std::string mail_from = "<" + from + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());

  curl_easy_setopt(c, CURLOPT_URL, s_.url.c_str());
  // Only mail protocols, whatever the URL says (no file://, no http://).
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (s_.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!s_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, s_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, s_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, s_.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, s_.total_timeout_s);
  // Servers drop idle SMTP sessions after a few minutes: don't reuse old ones.
  curl_easy_setopt(c, CURLOPT_MAXAGE_CONN, 30L);
  // No SIGALRM for DNS timeouts (main() ignores SIGPIPE instead).
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, keep_error_reply);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &error_reply);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // needed for the debug callback; nothing is printed

  CURLcode rc = curl_easy_perform(c);
  long smtp_code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &smtp_code);
  curl_slist_free_all(rcpt);
  if (rc == CURLE_OK) return {SendResult::Sent, ""};
  // After a failure the session may be in any state (some servers refuse the
  // next MAIL FROM): start the next message on a fresh connection.
  curl_easy_cleanup(c);
  curl_ = nullptr;
  SendResult r = classify_smtp(rc, smtp_code, errbuf[0] ? errbuf : curl_easy_strerror(rc));
  if (!error_reply.empty()) r.error += "; server said: " + error_reply;
  return r;
}

SendResult classify_smtp(int curl_code, long smtp_code, const std::string& curl_error) {
  if (curl_code == CURLE_OK) return {SendResult::Sent, ""};
  std::string why = "SMTP: " + curl_error;
  // libcurl reports a refused recipient as "RCPT failed: <code>" (stable
  // since 7.x). Should that text ever change, we merely retry: the safe side.
  bool rcpt_refused = curl_error.rfind("RCPT failed", 0) == 0;
  if (rcpt_refused && smtp_code >= 500 && smtp_code <= 599) return {SendResult::Permanent, why};
  return {SendResult::Temporary, why};
}

long retry_delay_seconds(int base_seconds, unsigned attempt) {
  const long max_delay = 24L * 3600;
  long delay = base_seconds > 0 ? base_seconds : 0;
  for (unsigned i = 1; i < attempt && delay < max_delay; ++i) delay *= 2;
  return std::min(delay, max_delay);
}

// ---------------------------------------------------------------- Maildir

namespace {

void make_dir(const std::string& path) {
  // 0755: in demos the /dev/courriels handler (another user) reads the mails.
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
}

std::string hostname_for_maildir() {
  char h[256] = "localhost";
  gethostname(h, sizeof h - 1);
  std::string out;
  // Maildir names use '/' and ':' as separators: keep them out of the host part.
  for (const char* p = h; *p; ++p) out += (*p == '/' || *p == ':') ? '_' : *p;
  return out;
}

// Creates `path` (which must not exist) holding `text`, flushed to disk.
// Returns "" or the reason.
std::string write_new_file(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return std::string("cannot create: ") + std::strerror(errno);
  std::string err;
  for (size_t off = 0; off < text.size() && err.empty();) {
    ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n > 0) off += static_cast<size_t>(n);
    else if (errno != EINTR) err = std::string("cannot write: ") + std::strerror(errno);
  }
  if (err.empty() && ::fsync(fd) != 0) err = std::string("cannot fsync: ") + std::strerror(errno);
  if (::close(fd) != 0 && err.empty()) err = std::string("cannot close: ") + std::strerror(errno);
  return err;
}

}  // namespace

MaildirTransport::MaildirTransport(std::string dir) : dir_(std::move(dir)) {
  if (dir_.empty()) throw std::runtime_error("[site] maildir is required with [mail] transport = maildir");
  make_dir(dir_);
  for (const char* sub : {"/tmp", "/new", "/cur"}) make_dir(dir_ + sub);
}

SendResult MaildirTransport::send(const std::string&, const std::string&, const std::string& message) {
  // Unique name per the Maildir convention: time, microseconds, pid, a
  // counter and random bits (several workers may share the directory).
  timeval tv{};
  gettimeofday(&tv, nullptr);
  std::string name = std::to_string(tv.tv_sec) + ".M" + std::to_string(tv.tv_usec) + "P" +
                     std::to_string(getpid()) + "Q" + std::to_string(++counter_) + "R" +
                     crypto::hex(crypto::random_bytes(4)) + "." + hostname_for_maildir();
  std::string tmp = dir_ + "/tmp/" + name, dst = dir_ + "/new/" + name;

  // Files in a Maildir use the local (LF) line ends, like any delivered mail.
  std::string text = unix_newlines(message);
  // Written and on disk before it appears in new/: readers never see half a mail.
  std::string err = write_new_file(tmp, text);
  if (err.empty() && ::rename(tmp.c_str(), dst.c_str()) != 0)
    err = std::string("cannot rename into new/: ") + std::strerror(errno);
  if (!err.empty()) {
    ::unlink(tmp.c_str());
    return {SendResult::Temporary, "maildir: " + tmp + ": " + err};
  }
  return {SendResult::Sent, ""};
}

// ---------------------------------------------------------------- choice

std::unique_ptr<Transport> make_transport(const Config& cfg) {
  if (cfg.mail_transport == "maildir") return std::make_unique<MaildirTransport>(cfg.maildir);
  if (cfg.smtp_url.rfind("smtp://", 0) != 0 && cfg.smtp_url.rfind("smtps://", 0) != 0)
    throw std::runtime_error("[mail] smtp_url must start with smtp:// or smtps:// (got \"" + cfg.smtp_url + "\")");
  SmtpSettings s;
  s.url = cfg.smtp_url;
  s.starttls = cfg.smtp_starttls;
  s.user = cfg.smtp_user;
  s.password = cfg.smtp_password;
  return std::make_unique<SmtpTransport>(s);
}

}  // namespace ts::mail
