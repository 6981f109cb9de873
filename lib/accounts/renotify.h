// Re-notifying a class in bulk (issue 13, "Re-notify in bulk"; EduConnect's
// staff tool has it): whoever of the class has no account in service yet is
// reached again, by mail when an address is known, by a letter otherwise.
// Everything mailed goes through the outbox in the caller's transaction.
#pragma once
#include "core/config.h"
#include "generation.h"

namespace ts::accounts {

// What a re-notification did: `letters` as generate_letters (the pages to
// print, the counts), plus the mails queued and the accounts whose mail the
// families' limits held back (a mail went to them a moment ago).
struct Renotification {
  Generation letters;
  unsigned mailed = 0, mail_limited = 0;
};

// For one class of the school (the caller checked it with class_of):
//  - accounts waiting for their address to be confirmed (state
//    pending_email: the address typed at first connection is known) get a
//    new activation link by mail (codes.h, the families' resend limits);
//  - every other slot not in service gets a letter (generate_letters: new
//    accounts, new passwords for unused letters; active responsables get
//    the child attached).
// With `new_passwords`, nobody is mailed: the waiting accounts go back to
// the letter stage with a new letter too (letters.h reissue_letter), so
// every account not activated has a new password. Audited
// `letters_renotified` (counts, class) for the actor, and per account.
// `deadline`: a web request's limit (GenerationRequest::deadline; throws TooLong).
Renotification renotify_class(Db& db, const Config& cfg, const crypto::Argon2Params& p, unsigned establishment_id,
                              unsigned class_id, bool new_passwords, const Actor& by,
                              std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt);

}  // namespace ts::accounts
