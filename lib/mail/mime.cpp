#include "mime.h"

#include <gmime/gmime.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "core/crypto.h"
#include "core/validators.h"

namespace ts::mail {
namespace {

// GMime objects are GObjects: release them with g_object_unref.
struct Unref {
  void operator()(gpointer p) const {
    if (p) g_object_unref(p);
  }
};
template <class T>
using GPtr = std::unique_ptr<T, Unref>;

void init_gmime_once() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// Characters allowed inside <...> of a Message-ID: RFC 5322 atext plus '.'
// and one '@' (checked apart). Nothing that could end the header line.
bool message_id_ok(const std::string& id) {
  if (id.size() < 5 || id.size() > 250 || id.front() != '<' || id.back() != '>') return false;
  static const std::string atext_extra = "!#$%&'*+/=?^_`{|}~-.";
  int ats = 0;
  for (size_t i = 1; i + 1 < id.size(); ++i) {
    char c = id[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == '@') ++ats;
    else if (!alnum && atext_extra.find(c) == std::string::npos) return false;
  }
  return ats == 1 && id[1] != '@' && id[id.size() - 2] != '@';
}

// How a display name or a subject reaches GMime. GMime's own encoding is
// not safe for every text, and fuzz_mime found four ways a reader could
// see something else than our text:
// - a text holding "=?" is written as it is, and readers decode it
//   ("=?utf-8?q?Bcc=3A_x?=" reads "Bcc: x");
// - when GMime Q-encodes a long ASCII word, it leaves '=' as it is
//   ("Bcc=3A" is read "Bcc:");
// - a display name with quotes, backslashes or parentheses comes out as a
//   quoted string next to encoded words, which GMime's parser cuts short;
// - a long non-ASCII text becomes several base64 ("B") words, some padded
//   with '=' in the middle of the run, and GMime's parser (which joins the
//   words of a run before decoding) drops what follows the padding.
// So GMime only gets, as it is, printable ASCII without '=', words of at
// most 60 characters (GMime leaves them unencoded) and, in a name, none of
// "\() (GMime quotes the other specials correctly). Any other text is handed
// to GMime already encoded: UTF-8 "Q" encoded words (RFC 2047: no padding,
// '=' escaped), each at most 64 characters and holding whole characters,
// which GMime keeps as they are. `name`: a display name, else a subject.
std::string header_text_for_gmime(const std::string& text, bool name) {
  bool plain = true;
  size_t word = 0;
  for (unsigned char c : text) {
    word = c == ' ' ? 0 : word + 1;
    if (c < 0x20 || c > 0x7E || c == '=' || word > 60 || (name && std::strchr("\"\\()", c))) plain = false;
  }
  if (plain) return text;
  constexpr size_t kPayload = 52;  // + 12 for "=?UTF-8?Q?" and "?=": 64, a line with "Subject: "
  static const char* const kHex = "0123456789ABCDEF";
  std::string out, chunk;
  auto flush = [&] {
    if (chunk.empty()) return;
    if (!out.empty()) out += ' ';
    out += "=?UTF-8?Q?" + chunk + "?=";
    chunk.clear();
  };
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;  // the bytes of this character (the text is valid UTF-8: check_header_text)
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
    std::string encoded;
    for (size_t k = i; k < i + n; ++k) {
      unsigned char c = text[k];
      bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (alnum || c == '!' || c == '*' || c == '+' || c == '-' || c == '/') encoded += static_cast<char>(c);
      else if (c == ' ') encoded += '_';
      else encoded += {'=', kHex[c >> 4], kHex[c & 15]};
    }
    if (chunk.size() + encoded.size() > kPayload) flush();
    chunk += encoded;
    i += n;
  }
  flush();
  return out;
}

}  // namespace

std::string unix_newlines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

std::string check_address(const std::string& address, std::string& normalised) {
  // One rule for "what is an address" in the whole project: the form
  // validator. It only admits atext in the local part and LDH labels in the
  // domain, which already excludes CR/LF, spaces, commas, quotes, <>.
  std::string out;
  if (!valid::email(address, out).empty()) return "invalid address: \"" + address + "\"";
  normalised = out;
  return "";
}

std::string check_header_text(const std::string& text, const char* what) {
  if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr))
    return std::string(what) + " is not valid UTF-8";
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) return std::string(what) + " contains a control character (CR, LF, ...)";
  return "";
}

std::string new_message_id(std::uint64_t outbox_id, const std::string& from_address) {
  auto at = from_address.rfind('@');
  std::string domain = at == std::string::npos ? "localhost" : from_address.substr(at + 1);
  return "<ts-" + std::to_string(outbox_id) + "." + crypto::hex(crypto::random_bytes(8)) + "@" + domain + ">";
}

std::string build_message(const MailMessage& m, std::string& error) {
  // Every input is checked before GMime sees it: a refused row fails at once.
  auto refuse = [&](const std::string& why) {
    error = why;
    return std::string();
  };
  std::string from, to, why;
  if (!(why = check_address(m.from_address, from)).empty()) return refuse("sender " + why);
  if (!(why = check_address(m.to_address, to)).empty()) return refuse("recipient " + why);
  if (!(why = check_header_text(m.from_name, "sender name")).empty()) return refuse(why);
  if (!(why = check_header_text(m.to_name, "recipient name")).empty()) return refuse(why);
  if (!(why = check_header_text(m.subject, "subject")).empty()) return refuse(why);
  if (!g_utf8_validate(m.body_text.data(), static_cast<gssize>(m.body_text.size()), nullptr))
    return refuse("body is not valid UTF-8");
  if (!message_id_ok(m.message_id)) return refuse("malformed Message-ID \"" + m.message_id + "\"");

  init_gmime_once();
  GPtr<GMimeMessage> msg(g_mime_message_new(TRUE));
  // Addresses are built one by one (never parsed from a string), so each
  // header holds exactly the one mailbox we validated. Names are encoded as
  // UTF-8 words: GMime would otherwise pick ISO-8859-1 for "é".
  //
  // GMime turns an "xn--" (IDN) domain into Unicode and writes it back
  // converted again: a label that is not valid punycode comes back as
  // another domain ("xn----p2mel" as "xn----c2mio") or in UTF-8 (found by
  // tests/fuzz/fuzz_mime). Such an address is refused: the header would not
  // name the address the mail is sent to.
  auto add = [&](InternetAddressList* list, const std::string& name, const std::string& addr) {
    GPtr<InternetAddress> ia(internet_address_mailbox_new(name.empty() ? nullptr : name.c_str(), addr.c_str()));
    const char* written = internet_address_mailbox_get_idn_addr(INTERNET_ADDRESS_MAILBOX(ia.get()));
    if (!written || g_ascii_strcasecmp(written, addr.c_str()) != 0) return false;
    internet_address_set_charset(ia.get(), "utf-8");
    internet_address_list_add(list, ia.get());
    return true;
  };
  if (!add(g_mime_message_get_from(msg.get()), header_text_for_gmime(m.from_name, true), from))
    return refuse("sender domain is an invalid IDN (an \"xn--\" label that is not valid punycode): \"" + from + "\"");
  if (!add(g_mime_message_get_addresses(msg.get(), GMIME_ADDRESS_TYPE_TO), header_text_for_gmime(m.to_name, true), to))
    return refuse("recipient domain is an invalid IDN (an \"xn--\" label that is not valid punycode): \"" + to + "\"");
  g_mime_message_set_subject(msg.get(), header_text_for_gmime(m.subject, false).c_str(), "utf-8");

  GDateTime* date = m.date ? g_date_time_new_from_unix_utc(m.date) : g_date_time_new_now_utc();
  g_mime_message_set_date(msg.get(), date);
  g_date_time_unref(date);
  // GMime adds the angle brackets itself.
  g_mime_message_set_message_id(msg.get(), m.message_id.substr(1, m.message_id.size() - 2).c_str());
  // RFC 3834: an automatic notification; asks vacation responders to stay quiet.
  g_mime_object_set_header(GMIME_OBJECT(msg.get()), "Auto-Submitted", "auto-generated", nullptr);

  // The body part is filled by hand rather than g_mime_text_part_set_text(),
  // which would re-encode Latin-1-compatible text as ISO-8859-1.
  // LF only here: the CRLF conversion happens once, at serialisation, so a
  // CRLF in the row can't come out as CRCRLF.
  std::string body = unix_newlines(m.body_text);
  if (body.empty() || body.back() != '\n') body += '\n';
  GPtr<GMimePart> part(g_mime_part_new_with_type("text", "plain"));
  g_mime_object_set_content_type_parameter(GMIME_OBJECT(part.get()), "charset", "utf-8");
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(body.data(), body.size()));
  GPtr<GMimeDataWrapper> content(g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part.get(), content.get());
  g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  g_mime_message_set_mime_part(msg.get(), GMIME_OBJECT(part.get()));

  // SMTP wants CRLF everywhere (headers and body).
  GMimeFormatOptions* opts = g_mime_format_options_clone(nullptr);
  g_mime_format_options_set_newline_format(opts, GMIME_NEWLINE_FORMAT_DOS);
  char* text = g_mime_object_to_string(GMIME_OBJECT(msg.get()), opts);
  g_mime_format_options_free(opts);
  std::string out = text ? text : "";
  g_free(text);
  if (out.empty()) return refuse("GMime produced an empty message");
  // SMTP without SMTPUTF8 wants 7-bit: everything above is encoded, but
  // GMime writes an IDN domain it cannot turn back into ASCII ("xn--" label
  // that is not valid punycode) in UTF-8 (found by tests/fuzz/fuzz_mime).
  for (unsigned char c : out)
    if (c >= 0x80) return refuse("recipient or sender domain cannot be written in ASCII (invalid IDN label)");
  error.clear();
  return out;
}

}  // namespace ts::mail
