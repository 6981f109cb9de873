// Generating the families' accounts and letters for a class, a list of
// pupils or a whole school (issue 13, "Accounts and letters"; docs/STAFF.md
// "Courriers"). Every query is scoped by the establishment in its SQL: a
// pupil or class of another school is not found. The provisional passwords
// exist only in the returned pages, which the caller turns into a PDF
// (letter_pdf.h) inside the same transaction.
#pragma once
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "core/db.h"
#include "letter_pdf.h"

namespace ts::accounts {

// Who asks, for the audit rows (a staff member, or teleservices-admin with id 0).
struct Actor {
  unsigned account_id = 0;
  std::string identifier, remote_addr;
};

// What to generate: the establishment (required), a class of it (0: every
// class, pupils without a class included) or a list of its pupils (empty:
// all of the class or school); pupils' letters, responsables' letters, or both.
// `deadline`: a web request's limit (Config::letters_web_seconds); past it,
// before the next letter, generation throws TooLong and the caller's
// transaction keeps nothing. None: no limit (teleservices-admin).
struct GenerationRequest {
  unsigned establishment_id = 0;
  unsigned class_id = 0;
  std::vector<unsigned> pupil_ids;
  bool eleves = true, responsables = true;
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

// Thrown when a generation passes its deadline: too many letters for one web
// request (each costs an Argon2id hash); the caller rolls back.
struct TooLong : std::runtime_error {
  TooLong() : std::runtime_error("letter generation past its deadline") {}
};

// What happened, slot by slot (one per current pupil, one per responsable
// légal × child, as the follow-up counts them):
//   created    a new account and its letter
//   renewed    an account still at the letter stage: a new password (the old letter is revoked)
//   attached   the responsable already has an active account: the child is
//              attached to it, no letter (an unused letter account that held
//              only this child is closed: regroupement.h attach_from_letters)
//   unchanged  an account past its first connection (waiting for its
//              address, or active): no letter (the fiche's "Régénérer le courrier")
//   held       an account whose letter was reported "je ne suis pas le
//              représentant légal" and waits for staff: no letter until the
//              report is handled (letter_held_back)
// `pages`: the pupils' letters (class, name), then the responsables' (class,
// pupil's name, responsable's name).
struct Generation {
  std::vector<LetterPage> pages;
  unsigned created = 0, renewed = 0, attached = 0, unchanged = 0, held = 0;
};

// Generates in the caller's transaction; audits one `letter_issued` row per
// letter (the account's, detail "par <actor>") and one `letters_generated`
// row for the actor (counts, class). Throws std::runtime_error when the
// establishment does not exist (callers check the class with class_of).
Generation generate_letters(Db& db, const crypto::Argon2Params& p, const GenerationRequest& r, const Actor& by);

// The class `class_id` when it belongs to `establishment_id` (its name); nullopt otherwise.
std::optional<std::string> class_of(Db& db, unsigned establishment_id, unsigned class_id);

// A new letter for one family account of the school (the fiche's
// "Régénérer le courrier"): accounts.h lock is taken, then letters.h
// reissue_letter (an account that never confirmed its address goes back to
// the letter stage). nullopt when the account is not of the scope; throws
// std::runtime_error for a closed account, one with a confirmed address
// (it recovers alone: "mot de passe oublié") or one held back
// (letter_held_back). Audited `letter_issued`.
std::optional<LetterPage> regenerate_letter(Db& db, const crypto::Argon2Params& p, unsigned establishment_id,
                                            unsigned account_id, const Actor& by);
// Whether the account's letter was reported "je ne suis pas le représentant
// légal" and the report waits for staff (reports.h): then no new letter, in
// bulk or from the fiche, until the report is handled.
bool letter_held_back(Db& db, unsigned account_id);
// Whether the account may get a new letter (state letter or pending_email,
// or a pupil active without address): the fiche's rule.
bool may_get_letter(const std::string& state, const std::string& email);

// The day as letters print it (JJ/MM/AAAA, the process's time zone: Paris).
std::string letter_date();

}  // namespace ts::accounts
