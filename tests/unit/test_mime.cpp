// lib/mail/mime.h: address checks (tables of valid and invalid inputs) and the
// built message: headers, RFC 2047 / quoted-printable encoding that decodes
// back (parsed again with GMime), CRLF line ends, refusal of bad input.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <gmime/gmime.h>

#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "mail/mime.h"
#include "../support/mail_headers.h"

using ts::mail::build_message;
using ts::mail::MailMessage;

namespace {

// Non-printable bytes shown as \xNN so a failing row is readable.
std::string shown(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
    else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

MailMessage sample() {
  MailMessage m;
  m.from_address = "service.messagerie@ac-demo.fr";
  m.from_name = "Administrateur des services en ligne";
  m.to_address = "helene.dupont@example.fr";
  m.to_name = "Hélène Dupont";
  m.subject = "Téléservices : activez votre compte – dernière étape";
  m.body_text =
      "Bonjour Hélène,\n\nVotre compte a été créé. Cette ligne est volontairement longue, bien plus que "
      "soixante-seize caractères, pour vérifier le repli quoted-printable.\n.\nx=1 et é à la fin\n";
  m.message_id = "<ts-42.0123456789abcdef@ac-demo.fr>";
  m.date = 1780000000;  // fixed, so the Date header is known
  return m;
}

std::string build_ok(const MailMessage& m) {
  std::string error;
  std::string out = build_message(m, error);
  BOOST_TEST_REQUIRE(error == "");
  BOOST_TEST_REQUIRE(!out.empty());
  return out;
}

// n times "é" (two bytes each).
std::string e_acute(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "\u00e9";
  return s;
}

bool has_header(const std::string& msg, const std::string& exact) {
  for (const auto& h : headers_of(msg))
    if (h == exact) return true;
  return false;
}

struct GUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};

// Parses `raw` back with GMime, as a mail client would.
struct Parsed {
  std::string subject, from_name, from_addr, to_name, to_addr, body, message_id;
};
Parsed parse(const std::string& raw) {
  std::unique_ptr<GMimeStream, GUnref> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  std::unique_ptr<GMimeParser, GUnref> parser(g_mime_parser_new_with_stream(stream.get()));
  std::unique_ptr<GMimeMessage, GUnref> msg(g_mime_parser_construct_message(parser.get(), nullptr));
  BOOST_TEST_REQUIRE(msg.get() != nullptr);
  Parsed p;
  p.subject = g_mime_message_get_subject(msg.get());
  p.message_id = g_mime_message_get_message_id(msg.get());
  auto mailbox = [](InternetAddressList* list, std::string& name, std::string& addr) {
    BOOST_TEST_REQUIRE(internet_address_list_length(list) == 1);
    InternetAddress* ia = internet_address_list_get_address(list, 0);
    name = internet_address_get_name(ia) ? internet_address_get_name(ia) : "";
    addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
  };
  mailbox(g_mime_message_get_from(msg.get()), p.from_name, p.from_addr);
  mailbox(g_mime_message_get_addresses(msg.get(), GMIME_ADDRESS_TYPE_TO), p.to_name, p.to_addr);
  GMimeObject* part = g_mime_message_get_mime_part(msg.get());
  BOOST_TEST_REQUIRE(GMIME_IS_TEXT_PART(part));
  char* text = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
  p.body = ts::mail::unix_newlines(text ? text : "");
  g_free(text);
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mime)

BOOST_AUTO_TEST_CASE(valid_addresses) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"jean.dupont@example.fr", "jean.dupont@example.fr"},
      {"a+b@sub.example.com", "a+b@sub.example.com"},
      {"x_y-z@ac-poitiers.fr", "x_y-z@ac-poitiers.fr"},
      {"Jean.Dupont@EXAMPLE.FR", "Jean.Dupont@example.fr"},  // domain lower-cased
      {"o'brien@example.ie", "o'brien@example.ie"},
  };
  for (const auto& [in, want] : rows) {
    BOOST_TEST_CONTEXT("address \"" << shown(in) << "\"") {
      std::string out;
      BOOST_TEST(ts::mail::check_address(in, out) == "");
      BOOST_TEST(out == want);
    }
  }
}

BOOST_AUTO_TEST_CASE(invalid_addresses) {
  const std::vector<std::string> rows = {
      "",
      "jean",
      "@example.fr",
      "jean@",
      "jean@example",
      "jean@@example.fr",
      "jean dupont@example.fr",
      "jean@example.fr\r\nBcc: victim@example.org",  // header injection
      "jean@example.fr\n",
      "jean@example.fr\r",
      "a@example.fr, b@example.org",  // two addresses
      "a@example.fr;b@example.org",
      "a@example.fr b@example.org",
      "Jean <jean@example.fr>",  // display names come from to_name only
      "<jean@example.fr>",
      "\"jean\"@example.fr",
      "jean@exa_mple.fr",
      ".jean@example.fr",
      "jean..dupont@example.fr",
      "jeàn@example.fr",
      "jean@exämple.fr",
      "jean@example.fr (commentaire)",
      "jean@[127.0.0.1]",
      std::string(250, 'a') + "@example.fr",
      std::string("jean\0x@example.fr", 17),
  };
  for (const auto& in : rows) {
    BOOST_TEST_CONTEXT("address \"" << shown(in) << "\"") {
      std::string out = "untouched";
      BOOST_TEST(ts::mail::check_address(in, out) != "");
      BOOST_TEST(out == "untouched");
    }
  }
}

BOOST_AUTO_TEST_CASE(header_text) {
  BOOST_TEST(ts::mail::check_header_text("Hélène Dupont-Éléonore", "name") == "");
  BOOST_TEST(ts::mail::check_header_text("", "name") == "");
  for (std::string bad : {"a\r\nBcc: x@example.org", "a\nb", "a\rb", "tab\there", "\x7f", "\xC3\x28", "\xff"}) {
    BOOST_TEST_CONTEXT("text \"" << shown(bad) << "\"") {
      BOOST_TEST(ts::mail::check_header_text(bad, "name") != "");
    }
  }
}

BOOST_AUTO_TEST_CASE(headers_are_complete) {
  std::string msg = build_ok(sample());
  BOOST_TEST(has_header(msg, "From: Administrateur des services en ligne <service.messagerie@ac-demo.fr>"));
  BOOST_TEST(has_header(msg, "MIME-Version: 1.0"));
  BOOST_TEST(has_header(msg, "Content-Type: text/plain; charset=utf-8"));
  BOOST_TEST(has_header(msg, "Content-Transfer-Encoding: quoted-printable"));
  BOOST_TEST(has_header(msg, "Message-Id: <ts-42.0123456789abcdef@ac-demo.fr>"));
  BOOST_TEST(has_header(msg, "Date: Thu, 28 May 2026 20:26:40 +0000"));
  BOOST_TEST(has_header(msg, "Auto-Submitted: auto-generated"));
  // Each header exactly once.
  std::multiset<std::string> names;
  for (const auto& h : headers_of(msg)) names.insert(h.substr(0, h.find(':')));
  for (const char* n : {"From", "To", "Subject", "Date", "Message-Id", "MIME-Version", "Content-Type"})
    BOOST_TEST(names.count(n) == 1u, n);
}

BOOST_AUTO_TEST_CASE(non_ascii_is_encoded_and_decodes_back) {
  MailMessage m = sample();
  std::string msg = build_ok(m);
  // On the wire: 7-bit only, é as RFC 2047 words and quoted-printable.
  for (unsigned char c : msg) BOOST_TEST_REQUIRE(c < 0x80);
  BOOST_TEST(msg.find("=?UTF-8?") != std::string::npos);
  BOOST_TEST(msg.find("Bonjour H=C3=A9l=C3=A8ne,") != std::string::npos);
  BOOST_TEST(msg.find("x=3D1") != std::string::npos);
  // And back, through a MIME parser.
  Parsed p = parse(msg);
  BOOST_TEST(p.subject == m.subject);
  BOOST_TEST(p.to_name == m.to_name);
  BOOST_TEST(p.to_addr == m.to_address);
  BOOST_TEST(p.from_name == m.from_name);
  BOOST_TEST(p.from_addr == m.from_address);
  BOOST_TEST(p.body == m.body_text);
  BOOST_TEST(p.message_id == "ts-42.0123456789abcdef@ac-demo.fr");
}

BOOST_AUTO_TEST_CASE(non_ascii_sender_name) {
  MailMessage m = sample();
  m.from_name = "Académie de démonstration";
  Parsed p = parse(build_ok(m));
  BOOST_TEST(p.from_name == m.from_name);
}

BOOST_AUTO_TEST_CASE(crlf_line_ends_and_short_lines) {
  MailMessage m = sample();
  m.body_text = "ligne 1\r\nligne 2\nligne 3";  // CRLF in the row, no final newline
  m.subject = std::string(20, 'x') + " " + std::string(30, 'y') + " é " + std::string(40, 'z');
  std::string msg = build_ok(m);
  for (size_t i = 0; i < msg.size(); ++i) {
    if (msg[i] == '\n') BOOST_TEST_REQUIRE((i > 0 && msg[i - 1] == '\r'), "bare LF at " << i);
    if (msg[i] == '\r') BOOST_TEST_REQUIRE((i + 1 < msg.size() && msg[i + 1] == '\n'), "bare CR at " << i);
  }
  BOOST_TEST(msg.find("\r\r\n") == std::string::npos);
  BOOST_TEST(msg.substr(msg.size() - 2) == "\r\n");
  for (size_t pos = 0, eol; (eol = msg.find("\r\n", pos)) != std::string::npos; pos = eol + 2)
    BOOST_TEST(eol - pos <= 78u, "line too long: " << msg.substr(pos, eol - pos));
  Parsed p = parse(msg);
  BOOST_TEST(p.body == "ligne 1\nligne 2\nligne 3\n");
  BOOST_TEST(p.subject == m.subject);
}

// Found by tests/fuzz/fuzz_mime (corpus/mime/quotes-encoded-word): GMime
// wrote a subject or a name holding an RFC 2047 look-alike as it was, and a
// reader saw it decoded ("=?utf-8?q?Bcc=3A_x?=" read "Bcc: x"). The reader
// must see exactly our text.
BOOST_AUTO_TEST_CASE(encoded_word_lookalikes_read_as_written) {
  MailMessage m = sample();
  m.subject = "=?utf-8?q?Bcc=3A_x@evil.example?=";
  m.to_name = "Jean =?utf-8?q?Admin?= Dupont";
  m.from_name = "=?ISO-8859-1?B?SsOpcsO0bWU=?= école";
  std::string msg = build_ok(m);
  for (unsigned char c : msg) BOOST_TEST_REQUIRE(c < 0x80);
  BOOST_TEST(msg.find("=?utf-8?q?Bcc") == std::string::npos);
  Parsed p = parse(msg);
  BOOST_TEST(p.subject == m.subject);
  BOOST_TEST(p.to_name == m.to_name);
  BOOST_TEST(p.from_name == m.from_name);
  BOOST_TEST(p.to_addr == m.to_address);
  // A long one is cut into several encoded words, every line within 78.
  m.subject = "=?" + std::string(200, 'x') + " é " + std::string(50, 'y');
  msg = build_ok(m);
  for (size_t pos = 0, eol; (eol = msg.find("\r\n", pos)) != std::string::npos; pos = eol + 2)
    BOOST_TEST(eol - pos <= 78u, "line too long: " << msg.substr(pos, eol - pos));
  BOOST_TEST(parse(msg).subject == m.subject);
  m.subject = e_acute(80);  // several encoded words, none padded
  BOOST_TEST(parse(build_ok(m)).subject == m.subject);
}

// Found by tests/fuzz/fuzz_mime (corpus/mime/quoted-name-encoded-tail,
// folded-name-quoted-tail, long-accented-name, long-ascii-name-with-equals):
// a long display name with quotes or parentheses came out as a quoted string
// next to encoded words, and GMime's parser read the name cut short after
// the quoted part; a long accented one came out as base64 words padded in
// the middle, and GMime's parser dropped what followed the padding; a long
// ASCII word with '=' was Q-encoded by GMime with '=' left as it was
// ("Bcc=3A" read "Bcc:").
BOOST_AUTO_TEST_CASE(names_with_quotes_and_parentheses_read_as_written) {
  for (std::string name : {"\u00e9\u00e9\u00e9\u00e9=V<V<V<[" + e_acute(60) + std::string(300, 'y') + " activez",
                           "\"Jean \\\"le\\\" Dupevil.ex" + std::string(66, ',') + "ample?=",
                           "H\u00e9l\u00e8ne" + std::string(120, ')') + "x Dupe)nt", std::string("Dupont (tuteur)"),
                           std::string(250, 'x') + "$Bcc=3A_x@evil.example?=", std::string("a=b c=3D"),
                           std::string("O'Brien \\ \"Jo\"")}) {
    BOOST_TEST_CONTEXT("name " << shown(name)) {
      MailMessage m = sample();
      m.to_name = name;
      m.from_name = name;
      Parsed p = parse(build_ok(m));
      BOOST_TEST(p.to_name == name);
      BOOST_TEST(p.from_name == name);
      BOOST_TEST(p.to_addr == m.to_address);
    }
  }
}

// Found by tests/fuzz/fuzz_mime (corpus/mime/invalid-punycode-domain,
// punycode-domain-rewritten): GMime writes a domain with an "xn--" label
// that is not valid punycode in UTF-8, or as another domain. Such a row is
// refused; a valid one goes out as it is.
BOOST_AUTO_TEST_CASE(idn_domains) {
  MailMessage m = sample();
  m.to_address = "a@xn--pmimele.fr";
  std::string error;
  BOOST_TEST(build_message(m, error) == "");
  BOOST_TEST(error.find("IDN") != std::string::npos);
  for (const char* bad : {"a@xn----p2mel.efr", "a@xn----p8mel.eto"}) {  // written back as xn----c2mio.efr, xn----fmbab8816ajat.eto
    m.to_address = bad;
    BOOST_TEST(build_message(m, error) == "", bad);
    BOOST_TEST(error.find("IDN") != std::string::npos, bad);
  }
  m.to_address = "a@xn--lve-6lad.fr";
  std::string msg = build_ok(m);
  for (unsigned char c : msg) BOOST_TEST_REQUIRE(c < 0x80);
  BOOST_TEST(msg.find("<a@xn--lve-6lad.fr>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_recipient_name) {
  MailMessage m = sample();
  m.to_name = "";
  std::string msg = build_ok(m);
  BOOST_TEST(has_header(msg, "To: helene.dupont@example.fr"));
}

BOOST_AUTO_TEST_CASE(refuses_bad_input) {
  struct Case {
    const char* what;
    void (*spoil)(MailMessage&);
  };
  const std::vector<Case> cases = {
      {"recipient with CRLF", [](MailMessage& m) { m.to_address = "a@example.fr\r\nBcc: b@example.org"; }},
      {"two recipients", [](MailMessage& m) { m.to_address = "a@example.fr, b@example.org"; }},
      {"recipient without @", [](MailMessage& m) { m.to_address = "example.fr"; }},
      {"recipient with display name", [](MailMessage& m) { m.to_address = "A <a@example.fr>"; }},
      {"empty recipient", [](MailMessage& m) { m.to_address = ""; }},
      {"bad sender", [](MailMessage& m) { m.from_address = "service messagerie@ac-demo.fr"; }},
      {"subject injection", [](MailMessage& m) { m.subject = "Bonjour\r\nBcc: b@example.org"; }},
      {"name injection", [](MailMessage& m) { m.to_name = "Jean\nBcc: b@example.org"; }},
      {"sender name injection", [](MailMessage& m) { m.from_name = "Admin\r\nX-Evil: 1"; }},
      {"subject not UTF-8", [](MailMessage& m) { m.subject = "caf\xe9"; }},
      {"body not UTF-8", [](MailMessage& m) { m.body_text = "caf\xe9\n"; }},
      {"Message-ID without brackets", [](MailMessage& m) { m.message_id = "ts-1.abc@ac-demo.fr"; }},
      {"Message-ID with CRLF", [](MailMessage& m) { m.message_id = "<ts-1\r\n@ac-demo.fr>"; }},
      {"Message-ID without @", [](MailMessage& m) { m.message_id = "<ts-1.abc>"; }},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.what) {
      MailMessage m = sample();
      c.spoil(m);
      std::string error;
      BOOST_TEST(build_message(m, error) == "");
      BOOST_TEST(error != "");
    }
  }
}

BOOST_AUTO_TEST_CASE(message_id_is_unique_and_usable) {
  std::string a = ts::mail::new_message_id(42, "service.messagerie@ac-demo.fr");
  std::string b = ts::mail::new_message_id(42, "service.messagerie@ac-demo.fr");
  BOOST_TEST(a != b);
  BOOST_TEST(a.rfind("<ts-42.", 0) == 0u);
  BOOST_TEST(a.substr(a.size() - 12) == "@ac-demo.fr>");
  MailMessage m = sample();
  m.message_id = a;
  std::string msg = build_ok(m);
  BOOST_TEST(has_header(msg, "Message-Id: " + a));
}

BOOST_AUTO_TEST_SUITE_END()
