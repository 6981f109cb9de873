#include "letters.h"

#include <algorithm>
#include <stdexcept>

#include "account.h"
#include "core/text.h"
#include "family.h"
#include "identifiers.h"
#include "period.h"
#include "scolarite/records.h"

namespace ts::accounts {
namespace {

constexpr const char* kCurrentLetter =
    "SELECT id, pupil_id, password_hash, expires_at <= UTC_TIMESTAMP() AS expired,"
    " " TS_LETTER_SUSPENDED("letter") " AS suspended FROM letter"
    " WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL ORDER BY id DESC LIMIT 1";
constexpr const char* kLastLetterHash = "SELECT password_hash FROM letter WHERE account_id = ? ORDER BY id DESC LIMIT 1";
constexpr const char* kLastLetterPupil = "SELECT pupil_id FROM letter WHERE account_id = ? ORDER BY id DESC LIMIT 1";
constexpr const char* kSpentJustNow =
    "SELECT 1 FROM letter WHERE id = ? AND used_at > UTC_TIMESTAMP() - " TS_REPEAT_WINDOW;
constexpr const char* kAccountSpentJustNow =
    "SELECT 1 FROM letter WHERE account_id = ? AND used_at > UTC_TIMESTAMP() - " TS_REPEAT_WINDOW " LIMIT 1";
constexpr const char* kSpendLetter = "UPDATE letter SET used_at = UTC_TIMESTAMP() WHERE id = ?";
constexpr const char* kRevokeLetters =
    "UPDATE letter SET revoked_at = UTC_TIMESTAMP() WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL";
constexpr const char* kInsertLetter =
    "INSERT INTO letter (account_id, pupil_id, password_hash, created_at, expires_at)"
    " VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + " TS_THREE_MONTHS ")";
constexpr const char* kAccountsWaiting =
    "SELECT a.id, a.kind, a.display_name, CONCAT(p.first_name, ' ', p.last_name), COALESCE(c.name, ''),"
    " DATE_FORMAT(p.birth_date, '%d/%m/%Y')"
    " FROM account a JOIN letter l ON l.account_id = a.id AND l.id = (SELECT MAX(id) FROM letter WHERE account_id = a.id)"
    " JOIN pupil p ON p.id = l.pupil_id JOIN establishment e ON e.id = p.establishment_id"
    " LEFT JOIN school_class c ON c.id = p.class_id"
    " WHERE e.uai = ? AND a.state = 'letter' ORDER BY a.kind DESC, a.id";

void insert_letter(Db& db, const crypto::Argon2Params& p, unsigned account_id, unsigned pupil_id,
                   const std::string& password) {
  revoke_letters(db, account_id);
  db.exec(kInsertLetter, account_id, pupil_id, crypto::hash_password(password, p));
}

}  // namespace

std::optional<Letter> current_letter(Db& db, unsigned account_id) {
  Rows r = db.query(kCurrentLetter, account_id);
  if (!r->next()) return std::nullopt;
  Letter l;
  l.id = r->getUInt("id");
  l.pupil_id = r->getUInt("pupil_id");
  l.password_hash = r->getString("password_hash");
  l.expired = r->getBoolean("expired");
  l.suspended = r->getBoolean("suspended");
  return l;
}

std::optional<std::string> last_letter_hash(Db& db, unsigned account_id) { return db.scalar(kLastLetterHash, account_id); }

bool letter_password_matches(const std::string& letter_hash, const std::string& typed) {
  return crypto::verify_password(letter_hash, ascii_upper(typed));
}

bool spent_just_now(Db& db, unsigned letter_id) {
  return db.query(kSpentJustNow, letter_id)->next();
}

bool account_letter_spent_just_now(Db& db, unsigned account_id) {
  return db.query(kAccountSpentJustNow, account_id)->next();
}

void spend_letter(Db& db, unsigned letter_id) { db.exec(kSpendLetter, letter_id); }
void revoke_letters(Db& db, unsigned account_id) { db.exec(kRevokeLetters, account_id); }

IssuedLetter issue_responsable_letter(Db& db, const crypto::Argon2Params& p, unsigned responsable_id,
                                      unsigned pupil_id) {
  scolarite::Person who = scolarite::responsable_name(db, responsable_id);
  IssuedLetter out;
  out.account_id = create_account(db, identifier_base(who.first_name, who.last_name), "responsable", who.full(),
                                  responsable_id, 0, out.identifier);
  add_child(db, out.account_id, pupil_id, responsable_id);
  out.password = new_letter_password();
  insert_letter(db, p, out.account_id, pupil_id, out.password);
  return out;
}

IssuedLetter issue_pupil_letter(Db& db, const crypto::Argon2Params& p, unsigned pupil_id) {
  scolarite::Person who = scolarite::pupil_name(db, pupil_id);
  IssuedLetter out;
  out.account_id =
      create_account(db, identifier_base(who.first_name, who.last_name), "eleve", who.full(), 0, pupil_id, out.identifier);
  out.password = new_letter_password();
  insert_letter(db, p, out.account_id, pupil_id, out.password);
  return out;
}

IssuedLetter reissue_letter(Db& db, const crypto::Argon2Params& p, unsigned account_id) {
  auto a = lock_account(db, account_id);
  // No confirmed address: the account cannot recover alone, the school helps.
  const bool unconfirmed = a && (a->state == "letter" || a->state == "pending_email" ||
                                 (a->state == "active" && a->email.empty()));
  if (!unconfirmed) throw std::runtime_error("only an account whose address is not confirmed gets a new letter");
  if (a->state != "letter") back_to_letter(db, account_id);
  unsigned pupil_id = a->pupil_id;
  if (auto last = db.scalar(kLastLetterPupil, account_id)) pupil_id = static_cast<unsigned>(std::stoul(*last));
  IssuedLetter out{account_id, a->identifier, new_letter_password()};
  insert_letter(db, p, account_id, pupil_id, out.password);
  return out;
}

std::vector<WaitingAccount> accounts_waiting(Db& db, const std::string& uai) {
  std::vector<WaitingAccount> out;
  Rows r = db.query(kAccountsWaiting, uai);
  while (r->next())
    out.push_back({r->getUInt(1), r->getString(2), r->getString(3), r->getString(4), r->getString(5), r->getString(6)});
  return out;
}

}  // namespace ts::accounts
