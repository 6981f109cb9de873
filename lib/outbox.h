// Mail is only ever an INSERT into the outbox, in the same transaction as the
// change it reports; ts-mail-worker sends it. Bodies are plain-text templates
// (templates/mail_*.tpl).
#pragma once
#include <ctemplate/template.h>

#include <string>

#include "db.h"

namespace ts {

struct OutgoingMail {
  std::string to_address;  // already validated
  std::string to_name;
  std::string subject;
  std::string body_text;   // UTF-8, LF line ends
};

void enqueue_mail(Db& db, const OutgoingMail& mail);
// Expands a mail_*.tpl template into a plain-text body.
std::string mail_body(const std::string& tpl, const ctemplate::TemplateDictionary& dict);

}  // namespace ts
