#include "regroupement.h"

#include "family.h"
#include "letters.h"
#include "merge_record.h"
#include "reports.h"
#include "period.h"

namespace ts::accounts {
namespace {

constexpr const char* kSavePending =
    "REPLACE INTO regroupement_pending (session_hash, account_id, other_account_id, expires_at)"
    " VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? MINUTE)";
constexpr const char* kPendingOther =
    "SELECT other_account_id FROM regroupement_pending WHERE session_hash = ? AND account_id = ? AND done_at IS NULL";
constexpr const char* kLockLivePendingOther =
    "SELECT other_account_id FROM regroupement_pending WHERE session_hash = ? AND account_id = ? AND done_at IS NULL"
    " AND expires_at > UTC_TIMESTAMP() FOR UPDATE";
constexpr const char* kSaveDone =
    "REPLACE INTO regroupement_pending (session_hash, account_id, other_account_id, expires_at, done_at)"
    " VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? MINUTE, UTC_TIMESTAMP())";
constexpr const char* kDoneFor =
    "SELECT other_account_id FROM regroupement_pending WHERE session_hash = ? AND account_id = ?"
    " AND done_at IS NOT NULL AND expires_at > UTC_TIMESTAMP()";
constexpr const char* kDropPending = "DELETE FROM regroupement_pending WHERE session_hash = ?";
constexpr const char* kDropPendingOfAccount =
    "DELETE FROM regroupement_pending WHERE account_id = ? OR other_account_id = ?";

}  // namespace

std::string merge_refusal(Db& db, const Account& a, const Account& other) {
  if (other.id == a.id) return "Vous ne pouvez pas regrouper votre compte avec lui-même.";
  if (!other.is_responsable())
    return "Ce compte est un compte élève : seuls les comptes de responsables peuvent être regroupés.";
  if (other.state == "closed") return "Ce compte est fermé : il ne peut plus être regroupé.";
  if (other.state == "pending_email")
    return "L'adresse mail de ce compte n'a pas encore été confirmée : activez-le d'abord avec le lien reçu par "
           "courriel, puis recommencez le regroupement.";
  if (other.activation_expired) return "Ce compte a été désactivé : il ne peut plus être regroupé.";
  if (a.state != "active") return "Votre compte ne peut pas être regroupé pour le moment.";
  if (other.state == "letter") {
    auto letter = current_letter(db, other.id);
    if (!letter) return "Le courrier de notification de ce compte n'est plus valable.";
    if (letter->expired)
      return "Le courrier de notification de ce compte a expiré : il n'est valable que " TS_THREE_MONTHS_TEXT
             " après sa création.";
    if (letter->suspended)  // issue 13 — aide
      return "Le courrier de notification de ce compte a été signalé : il est suspendu le temps que "
             "l'établissement examine le signalement.";
  }
  return "";
}

void save_pending(Db& db, const std::string& session_hash, unsigned account_id, unsigned other_id) {
  db.exec(kSavePending, session_hash, account_id, other_id, kPendingMinutes);
}

std::optional<unsigned> pending_other(Db& db, const std::string& session_hash, unsigned account_id, bool lock) {
  Rows r = db.query(lock ? kLockLivePendingOther : kPendingOther, session_hash, account_id);
  if (!r->next()) return std::nullopt;
  return r->getUInt(1);
}

void drop_pending(Db& db, const std::string& session_hash) { db.exec(kDropPending, session_hash); }

void record_done(Db& db, const std::string& session_hash, unsigned account_id, unsigned other_id) {
  db.exec(kSaveDone, session_hash, account_id, other_id, kPendingMinutes);
}

bool done_recently(Db& db, const std::string& session_hash, unsigned account_id) {
  return db.query(kDoneFor, session_hash, account_id)->next();
}

void drop_pending_of_account(Db& db, unsigned account_id) { db.exec(kDropPendingOfAccount, account_id, account_id); }

std::optional<std::pair<Account, Account>> lock_pair(Db& db, unsigned mine, unsigned other) {
  auto first = lock_account(db, std::min(mine, other));
  auto second = lock_account(db, std::max(mine, other));
  if (!first || !second) return std::nullopt;
  if (first->id == mine) return std::make_pair(*first, *second);
  return std::make_pair(*second, *first);
}

std::vector<std::pair<unsigned, unsigned>> merge_into(Db& db, const Account& a, const Account& other) {
  auto moved = pupils_to_move(db, other.id, a.id);
  record_merge(db, a, other, moved);  // issue 13 — aide: what undo_merge puts back
  for (const auto& [pupil, responsable] : moved) add_child(db, a.id, pupil, responsable);
  add_represented(db, a.id, a.responsable_id);
  add_represented(db, a.id, other.responsable_id);
  close_account(db, other.id);
  return moved;
}

std::vector<unsigned> attach_from_letters(Db& db, unsigned account_id, unsigned pupil_id,
                                          const std::vector<std::pair<unsigned, unsigned>>& holders) {
  attach_child(db, account_id, pupil_id, holders.front().second);
  std::vector<unsigned> closed;
  for (const auto& [holder, responsable] : holders) {
    (void)responsable;
    if (count_pupils(db, holder) != 1) continue;  // the letter also names other children: kept
    close_account(db, holder);
    closed.push_back(holder);
  }
  return closed;
}

}  // namespace ts::accounts
