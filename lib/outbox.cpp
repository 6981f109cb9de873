#include "outbox.h"

#include <stdexcept>

namespace ts {

void enqueue_mail(Db& db, const OutgoingMail& m) {
  auto st = db.prepare("INSERT INTO outbox (to_address, to_name, subject, body_text) VALUES (?, ?, ?, ?)");
  st->setString(1, m.to_address);
  st->setString(2, m.to_name);
  st->setString(3, m.subject);
  st->setString(4, m.body_text);
  st->executeUpdate();
}

std::string mail_body(const std::string& tpl, const ctemplate::TemplateDictionary& dict) {
  std::string out;
  if (!ctemplate::ExpandTemplate(tpl, ctemplate::DO_NOT_STRIP, &dict, &out))
    throw std::runtime_error("mail template expansion failed: " + tpl);
  // The pragma line leaves a blank line on top.
  out.erase(0, out.find_first_not_of("\r\n"));
  return out;
}

}  // namespace ts
