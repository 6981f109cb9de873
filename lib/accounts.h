// Accounts, letters and mailed codes: the rules of the account life cycle
// (spec "The account life cycle"). Every function runs in the caller's
// transaction when there is one.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <ctemplate/template.h>

#include "crypto.h"
#include "db.h"
#include "form.h"
#include "render.h"

namespace ts {

struct Context;

struct Account {
  unsigned id = 0;
  std::string identifier, kind, state, display_name, password_hash, email, pending_email;
  unsigned responsable_id = 0, pupil_id = 0;
  // First connection done more than 3 months ago and the address never confirmed.
  bool activation_expired = false;
  bool is_responsable() const { return kind == "responsable"; }
};

std::optional<Account> find_account(Db& db, const std::string& identifier);
// SELECT … FOR UPDATE: serialises changes to one account.
std::optional<Account> lock_account(Db& db, unsigned account_id);

// The letter in force for an account (neither used nor replaced).
struct Letter {
  unsigned id = 0, pupil_id = 0;
  std::string password_hash;
  bool expired = false;  // older than 3 months
};
std::optional<Letter> current_letter(Db& db, unsigned account_id);

struct Child {
  unsigned pupil_id = 0;
  std::string first_name, last_name, class_name, establishment, responsable_name;
};
// A responsable account's children (with the responsable each is linked
// through), or a pupil account's own record.
std::vector<Child> children_of(Db& db, const Account& a);
// One CHILD section per child (FIRST_NAME, LAST_NAME, CLASS, ESTABLISHMENT,
// and HAS_RESPONSABLE with RESPONSABLE): the list every page of children shows.
void fill_children(ctemplate::TemplateDictionary& d, const std::vector<Child>& children);

// The rule of a new password (first connection, Mon compte, reset link), as
// first connection states it: required, "8 à 14 caractères alphanumériques
// (chiffres et lettres obligatoires)" (the field's validator), not a common
// password, confirmation equal. Records the errors on `form`; returns form.ok().
bool check_new_password(const Context& ctx, Form& form, const char* field, const char* confirmation_field);

// The account's school for the services menu: the pupil's, or for a
// responsable the first school of its children; none without a child.
std::optional<School> school_of(Db& db, unsigned account_id);

// The frame of every "Mon compte" page: NAME ("COMPTE DE <nom>") and the
// local menu (templates/compte_menu.tpl, included as MENU) with the entry
// `current` lit: "PROFIL", "ENFANTS" or "FICHE".
void account_frame(ctemplate::TemplateDictionary& d, const Account& a, const char* current);

// The birth date (AAAA-MM-JJ) that first connection asks for: the child named
// on the letter, or the pupil's own.
std::string expected_birth_date(Db& db, const Account& a, const Letter& l);
std::string pupil_first_name(Db& db, unsigned pupil_id);

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
IssuedLetter reissue_letter(Db& db, const crypto::Argon2Params& p, unsigned account_id);

// A single-use mailed code (256 random bits; only its SHA-256 is stored).
std::string issue_email_token(Db& db, unsigned account_id, const std::string& purpose, const std::string& email,
                              int valid_hours);
// The activation mail of the guide, queued in the outbox.
void queue_activation_mail(Context& ctx, const Account& a, const std::string& email, const std::string& token);

constexpr int kActivationValidHours = 24 * 92;  // "3 mois"

crypto::Argon2Params argon2_params(const struct Config& cfg);

}  // namespace ts
