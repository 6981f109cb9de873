// Builds the RFC 5322 / MIME message for one outbox row (GMime 3).
// Pure apart from the clock (Date header): unit-tested in tests/unit/test_mime.cpp.
#pragma once
#include <cstdint>
#include <ctime>
#include <string>

namespace ts::mail {

struct MailMessage {
  std::string from_address;  // [mail] from_address
  std::string from_name;     // [mail] from_name, UTF-8
  std::string to_address;    // outbox.to_address
  std::string to_name;       // outbox.to_name, UTF-8, may be empty
  std::string subject;       // UTF-8, one line
  std::string body_text;     // UTF-8, LF (or CRLF) line ends
  std::string message_id;    // "<local@domain>", see new_message_id()
  std::time_t date = 0;      // 0: now
};

// One bare address (local@domain, nothing around it), as ts::valid::email
// accepts it: no display name, no comment, no second address, no CR/LF.
// Returns "" and sets `normalised` (domain lower-cased), or the reason.
std::string check_address(const std::string& address, std::string& normalised);

// A display name or a subject: valid UTF-8, one line, no control characters.
// `what` names the field in the returned reason ("" when acceptable).
std::string check_header_text(const std::string& text, const char* what);

// "<ts-ID.RANDOM@domain>": chosen once per outbox row (at its first claim)
// and kept across retries, so a duplicate delivery after a crash is
// recognisable; the random part keeps ids unique across re-created databases.
std::string new_message_id(std::uint64_t outbox_id, const std::string& from_address);

// CRLF -> LF (bare CRs are kept). Bodies are stored with LF; a Maildir file
// uses LF too.
std::string unix_newlines(const std::string& text);

// The whole message, CRLF line ends, ready for SMTP DATA: From, To, Subject
// (RFC 2047 as needed), Date, Message-ID, MIME-Version, Auto-Submitted, and a
// text/plain; charset=utf-8 body in quoted-printable. Returns "" and sets
// `error` when an input is refused (a permanent failure for that row).
std::string build_message(const MailMessage& m, std::string& error);

}  // namespace ts::mail
