// The outbox (table outbox, owned here). A request never talks to a mail
// server: mail is only ever an INSERT here, in the same transaction as the
// change it reports; ts-mail-worker (mailer/) sends it with the queue
// operations below. Bodies are plain-text templates (templates/mail/*.tpl).
#pragma once
#include <ctemplate/template.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/db.h"

namespace ts::mail {

struct OutgoingMail {
  std::string to_address;  // already validated
  std::string to_name;
  std::string subject;
  std::string body_text;   // UTF-8, LF line ends
};

void enqueue_mail(Db& db, const OutgoingMail& mail);
// Expands a mail template ("mail/activation.tpl") into a plain-text body.
std::string mail_body(const std::string& tpl, const ctemplate::TemplateDictionary& dict);

// ---- The worker's side (mailer/mail_worker.cpp; docs/ARCHITECTURE.md "Mail worker").

struct QueuedMail {
  unsigned long long id = 0;
  unsigned attempts = 0;  // including this one: the claim's token
  std::string to_address, to_name, subject, body_text, message_id;
};

// claim_due and renew_lease commit their own short transactions (they throw
// std::logic_error inside another).
// Claims up to `batch` due rows in one short transaction (FOR UPDATE SKIP
// LOCKED): counts the attempt, fixes the Message-ID (new_message_id when
// empty) and pushes next_attempt_at forward by `lease_seconds`.
std::vector<QueuedMail> claim_due(Db& db, int batch, int lease_seconds,
                                  std::string (*new_message_id)(std::uint64_t id, const std::string& from),
                                  const std::string& from_address);
// True when the row is still ours (unsent, same attempts); renews the lease.
bool renew_lease(Db& db, const QueuedMail& m, int lease_seconds);
void mark_sent(Db& db, const QueuedMail& m);
// Fenced by `attempts`: never overwrites the schedule of a newer claim.
// `error` is cut to the column's 1000 bytes on a UTF-8 boundary.
void mark_failed(Db& db, const QueuedMail& m, const std::string& error);
void retry_later(Db& db, const QueuedMail& m, const std::string& error, long delay_seconds);
// Stopping: an unsent claimed row goes back at once, its attempt uncounted.
void hand_back(Db& db, const QueuedMail& m);

}  // namespace ts::mail
