// Notification letters (table letter, owned here): the provisional password
// a school prints, valid 3 months (period.h); a new letter revokes the
// previous one. The letter password rule (identifiers.h new_letter_password)
// and how a typed one is compared (letter_password_matches) live here too.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "core/db.h"

namespace ts::accounts {

// The letter in force for an account (neither used nor replaced).
struct Letter {
  unsigned id = 0, pupil_id = 0;
  std::string password_hash;
  bool expired = false;  // older than 3 months
  bool suspended = false;  // reported "je ne suis pas le représentant légal", not handled yet (reports.h)
};
std::optional<Letter> current_letter(Db& db, unsigned account_id);
// The hash of the account's last letter, whatever its state: a letter account
// closed by a regroupement still proves who asks with it.
std::optional<std::string> last_letter_hash(Db& db, unsigned account_id);

// Letter passwords are printed in capitals; families often type them in lower
// case: the typed text is compared in capitals. (Argon2id verification.)
bool letter_password_matches(const std::string& letter_hash, const std::string& typed);

// Whether the letter served within TS_REPEAT_WINDOW (period.h): a first
// connection posted twice gets the outcome of the first.
bool spent_just_now(Db& db, unsigned letter_id);
// The same for the account's letters: its first connection was done within
// TS_REPEAT_WINDOW (a copy of the form whose session was read before it).
bool account_letter_spent_just_now(Db& db, unsigned account_id);

// The letter has served: first connection done (used_at).
void spend_letter(Db& db, unsigned letter_id);
// Every letter of the account not used nor revoked stops working.
void revoke_letters(Db& db, unsigned account_id);

// Letters as the school issues them: a new account with a unique identifier
// (base, base1, base2…) or a new password for an existing one (the previous
// letter is revoked). The password is returned once, to be printed.
struct IssuedLetter {
  unsigned account_id = 0;
  std::string identifier, password;
};
IssuedLetter issue_responsable_letter(Db& db, const crypto::Argon2Params& p, unsigned responsable_id,
                                      unsigned pupil_id);
IssuedLetter issue_pupil_letter(Db& db, const crypto::Argon2Params& p, unsigned pupil_id);
// A new letter for an account without a confirmed address: at state letter,
// pending_email (a mistyped address), or a pupil active without address
// (who cannot recover alone); but for a letter account it goes back to the
// letter stage (account.h back_to_letter). Throws std::runtime_error for an
// account with a confirmed address, or closed.
IssuedLetter reissue_letter(Db& db, const crypto::Argon2Params& p, unsigned account_id);

// The accounts of a school (by UAI) still waiting for their first
// connection, with the pupil their latest letter names: who gets a new letter.
struct WaitingAccount {
  unsigned account_id = 0;
  std::string kind, display_name, child_name, class_name, birth_date;  // birth_date JJ/MM/AAAA
};
std::vector<WaitingAccount> accounts_waiting(Db& db, const std::string& uai);

}  // namespace ts::accounts
