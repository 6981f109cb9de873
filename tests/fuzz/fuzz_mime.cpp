// libFuzzer target: ts::mail::build_message (lib/mail/mime.h), the message
// the mail worker hands to SMTP, checked by parsing it back with GMime as a
// mail client would.
//
// Input: up to five fields separated by NUL bytes: recipient name, subject,
// sender name, recipient address, body. A missing field takes a sample value
// (so most inputs exercise the names and the subject). Display names and
// subjects come from the school's records and from our templates: hostile
// ones (quotes, commas, angle brackets, "=?", encoded-word look-alikes, very
// long words, any UTF-8) must not change who receives the mail.
//
// What counts as a finding (besides a sanitizer report): when build_message
// accepts the input,
// - the message is 7-bit, CRLF only, no line over 998 characters (RFC 5322
//   2.1.1), and ends with CRLF;
// - its headers are exactly From, To, Subject, Date, Message-Id,
//   MIME-Version, Auto-Submitted, Content-Type, Content-Transfer-Encoding,
//   each once (no header injected);
// - parsed back: one sender and one recipient, with the addresses and names
//   we gave; the subject we gave; the body we gave (LF line ends, a final
//   newline). Names and subject are compared with runs of white space as one
//   space and none at the ends: RFC 5322 folding does not keep them;
// when it refuses the input: an error and no message.
#include <gmime/gmime.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mail/mime.h"
#include "../support/mail_headers.h"

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

struct Unref {
  void operator()(gpointer p) const {
    if (p) g_object_unref(p);
  }
};

// Runs of white space (space, and the tab and line ends of folding: a parser
// may keep them) as one space, none at the ends. Our names and subjects hold
// no tab or line end (check_header_text), so only folding brings them.
std::string squeezed(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void mailbox(InternetAddressList* list, const std::string& name, const std::string& addr) {
  check(list != nullptr && internet_address_list_length(list) == 1);
  InternetAddress* ia = internet_address_list_get_address(list, 0);
  check(INTERNET_ADDRESS_IS_MAILBOX(ia));
  const char* got_name = internet_address_get_name(ia);
  check(squeezed(got_name ? got_name : "") == squeezed(name));
  // GMime's parser shows an IDN domain (xn--…) in Unicode: compare its
  // ASCII form.
  std::string got = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
  size_t at = got.rfind('@');
  check(at != std::string::npos && got.substr(0, at) == addr.substr(0, addr.rfind('@')));
  gchar* domain = g_hostname_to_ascii(got.substr(at + 1).c_str());
  check(domain != nullptr && g_ascii_strcasecmp(domain, addr.substr(addr.rfind('@') + 1).c_str()) == 0);
  g_free(domain);
}

void run(const std::string& input) {
  std::vector<std::string> parts;
  for (size_t start = 0; parts.size() < 4;) {
    size_t nul = input.find('\0', start);
    if (nul == std::string::npos) {
      parts.push_back(input.substr(start));
      start = input.size() + 1;
      break;
    }
    parts.push_back(input.substr(start, nul - start));
    start = nul + 1;
    if (parts.size() == 4) parts.push_back(input.substr(start));
  }
  auto part = [&](size_t i, const char* sample) { return i < parts.size() ? parts[i] : std::string(sample); };

  ts::mail::MailMessage m;
  m.from_address = "service.messagerie@ac-demo.fr";
  m.to_name = part(0, "Hélène Dupont");
  m.subject = part(1, "Téléservices : activez votre compte");
  m.from_name = part(2, "Administrateur des services en ligne");
  m.to_address = part(3, "helene.dupont@example.fr");
  m.body_text = part(4, "Bonjour,\n\nVotre compte a été créé.\n");
  m.message_id = "<ts-42.0123456789abcdef@ac-demo.fr>";
  m.date = 1780000000;

  std::string error;
  std::string msg = ts::mail::build_message(m, error);
  if (msg.empty()) {
    check(!error.empty());
    return;
  }
  check(error.empty());

  // On the wire.
  for (size_t i = 0; i < msg.size(); ++i) {
    unsigned char c = msg[i];
    check(c < 0x80);
    if (c == '\n') check(i > 0 && msg[i - 1] == '\r');
    if (c == '\r') check(i + 1 < msg.size() && msg[i + 1] == '\n');
  }
  check(msg.size() >= 2 && msg.compare(msg.size() - 2, 2, "\r\n") == 0);
  for (size_t pos = 0, eol; (eol = msg.find("\r\n", pos)) != std::string::npos; pos = eol + 2) check(eol - pos <= 998);

  std::map<std::string, int> names;
  for (const auto& h : headers_of(msg)) {
    size_t colon = h.find(':');
    check(colon != std::string::npos);
    ++names[h.substr(0, colon)];
  }
  const std::map<std::string, int> expected = {
      {"From", 1},         {"To", 1},          {"Subject", 1},      {"Date", 1},
      {"Message-Id", 1},   {"MIME-Version", 1}, {"Auto-Submitted", 1}, {"Content-Type", 1},
      {"Content-Transfer-Encoding", 1}};
  check(names == expected);

  // Back through a MIME parser.
  std::unique_ptr<GMimeStream, Unref> stream(g_mime_stream_mem_new_with_buffer(msg.data(), msg.size()));
  std::unique_ptr<GMimeParser, Unref> parser(g_mime_parser_new_with_stream(stream.get()));
  std::unique_ptr<GMimeMessage, Unref> parsed(g_mime_parser_construct_message(parser.get(), nullptr));
  check(parsed != nullptr);
  mailbox(g_mime_message_get_from(parsed.get()), m.from_name, m.from_address);
  std::string to_address;
  check(ts::mail::check_address(m.to_address, to_address).empty());
  mailbox(g_mime_message_get_addresses(parsed.get(), GMIME_ADDRESS_TYPE_TO), m.to_name, to_address);
  for (auto kind : {GMIME_ADDRESS_TYPE_CC, GMIME_ADDRESS_TYPE_BCC, GMIME_ADDRESS_TYPE_REPLY_TO}) {
    InternetAddressList* list = g_mime_message_get_addresses(parsed.get(), kind);
    check(list == nullptr || internet_address_list_length(list) == 0);
  }
  const char* subject = g_mime_message_get_subject(parsed.get());
  check(squeezed(subject ? subject : "") == squeezed(m.subject));
  const char* id = g_mime_message_get_message_id(parsed.get());
  check(id != nullptr && std::string("<") + id + ">" == m.message_id);

  GMimeObject* body = g_mime_message_get_mime_part(parsed.get());
  check(body != nullptr && GMIME_IS_TEXT_PART(body));
  char* text = g_mime_text_part_get_text(GMIME_TEXT_PART(body));
  std::string got = ts::mail::unix_newlines(text ? text : "");
  g_free(text);
  // build_message ends the body with a newline; after a final bare CR that
  // newline makes a CRLF, read back as one line end.
  std::string want = ts::mail::unix_newlines(m.body_text);
  if (want.empty() || want.back() != '\n') want += '\n';
  check(got == ts::mail::unix_newlines(want));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
