#include "merge_record.h"

#include "family.h"
#include "regroupement.h"

namespace ts::accounts {
namespace {

constexpr const char* kInsertRecord =
    "INSERT INTO regroupement_record (kept_account_id, closed_account_id, closed_state, merged_at)"
    " VALUES (?, ?, ?, UTC_TIMESTAMP())";
constexpr const char* kRecordClosedChildren =
    "INSERT INTO regroupement_record_item (record_id, what, pupil_id, responsable_id, attached_at)"
    " SELECT ?, 'closed_child', pupil_id, responsable_id, attached_at FROM account_child WHERE account_id = ?";
constexpr const char* kRecordClosedLetters =
    "INSERT INTO regroupement_record_item (record_id, what, letter_id)"
    " SELECT ?, 'closed_letter', id FROM letter WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL";
constexpr const char* kRecordKeptChild =
    "INSERT INTO regroupement_record_item (record_id, what, pupil_id, responsable_id) VALUES (?, 'kept_child', ?, ?)";
constexpr const char* kRecordKeptRepresented =
    "INSERT INTO regroupement_record_item (record_id, what, responsable_id)"
    " SELECT ?, 'kept_represented', r.id FROM responsable r WHERE r.id IN (?, ?)"
    " AND NOT EXISTS (SELECT 1 FROM account_responsable x WHERE x.account_id = ? AND x.responsable_id = r.id)";

// A record is of a school when one of the children it names is its pupil.
#define TS_RECORD_IN_SCOPE                                                                                    \
  " (? = 0 OR EXISTS (SELECT 1 FROM regroupement_record_item i JOIN pupil p ON p.id = i.pupil_id"            \
  " WHERE i.record_id = r.id AND p.establishment_id = ?))"

constexpr const char* kRecords =
    "SELECT r.id, UNIX_TIMESTAMP(r.merged_at) AS merged, COALESCE(UNIX_TIMESTAMP(r.undone_at), 0) AS undone,"
    " r.kept_account_id, r.closed_account_id, k.identifier AS k_ident, k.display_name AS k_name,"
    " c.identifier AS c_ident, c.display_name AS c_name, r.closed_state, COALESCE(s.identifier, '') AS s_ident,"
    " COALESCE((SELECT GROUP_CONCAT(DISTINCT CONCAT(p.first_name, ' ', p.last_name)"
    "   ORDER BY p.last_name, p.first_name SEPARATOR ', ')"
    "  FROM regroupement_record_item i JOIN pupil p ON p.id = i.pupil_id"
    "  WHERE i.record_id = r.id AND i.what = 'closed_child' AND (? = 0 OR p.establishment_id = ?)), '') AS children"
    " FROM regroupement_record r JOIN account k ON k.id = r.kept_account_id"
    " JOIN account c ON c.id = r.closed_account_id LEFT JOIN account s ON s.id = r.undone_by"
    " WHERE" TS_RECORD_IN_SCOPE " ORDER BY r.id DESC LIMIT ?";
constexpr const char* kFindRecord =
    "SELECT r.kept_account_id, r.closed_account_id FROM regroupement_record r WHERE r.id = ? AND" TS_RECORD_IN_SCOPE;
constexpr const char* kLockRecord =
    "SELECT r.closed_state, r.undone_at IS NOT NULL AS undone FROM regroupement_record r WHERE r.id = ? FOR UPDATE";
constexpr const char* kKeptChildrenGone =
    "SELECT COUNT(*) FROM regroupement_record_item i WHERE i.record_id = ? AND i.what = 'kept_child'"
    " AND NOT EXISTS (SELECT 1 FROM account_child ac WHERE ac.account_id = ? AND ac.pupil_id = i.pupil_id"
    " AND ac.responsable_id = i.responsable_id)";
constexpr const char* kDropKeptChildren =
    "DELETE FROM account_child WHERE account_id = ? AND (pupil_id, responsable_id) IN"
    " (SELECT pupil_id, responsable_id FROM regroupement_record_item WHERE record_id = ? AND what = 'kept_child')";
constexpr const char* kDropKeptRepresented =
    "DELETE FROM account_responsable WHERE account_id = ? AND responsable_id IN"
    " (SELECT responsable_id FROM regroupement_record_item WHERE record_id = ? AND what = 'kept_represented')";
constexpr const char* kRestoreClosedChildren =
    "INSERT IGNORE INTO account_child (account_id, pupil_id, responsable_id, attached_at)"
    " SELECT ?, i.pupil_id, i.responsable_id, i.attached_at FROM regroupement_record_item i"
    " JOIN pupil p ON p.id = i.pupil_id JOIN responsable x ON x.id = i.responsable_id"
    " WHERE i.record_id = ? AND i.what = 'closed_child'";
constexpr const char* kRestoreLetters =
    "UPDATE letter SET revoked_at = NULL WHERE account_id = ? AND id IN"
    " (SELECT letter_id FROM regroupement_record_item WHERE record_id = ? AND what = 'closed_letter')";
constexpr const char* kReopen =
    "UPDATE account SET state = ?, closed_at = NULL WHERE id = ? AND state = 'closed'";
constexpr const char* kMarkUndone =
    "UPDATE regroupement_record SET undone_at = UTC_TIMESTAMP(), undone_by = ? WHERE id = ?";

UndoOutcome refuse(const std::string& why, const Account& kept, const Account& closed) {
  UndoOutcome o;
  o.kind = UndoOutcome::refused;
  o.message = why + " Aucun compte n'a été modifié.";
  o.kept_identifier = kept.identifier;
  o.closed_identifier = closed.identifier;
  return o;
}

}  // namespace

unsigned record_merge(Db& db, const Account& kept, const Account& closed,
                      const std::vector<std::pair<unsigned, unsigned>>& moved) {
  const unsigned id = db.insert(kInsertRecord, kept.id, closed.id, closed.state);
  db.exec(kRecordClosedChildren, id, closed.id);
  db.exec(kRecordClosedLetters, id, closed.id);
  for (const auto& [pupil, responsable] : moved) db.exec(kRecordKeptChild, id, pupil, responsable);
  db.exec(kRecordKeptRepresented, id, kept.responsable_id, closed.responsable_id, kept.id);
  return id;
}

std::vector<MergeRecord> merge_records(Db& db, unsigned establishment_id, unsigned limit) {
  Rows r = db.query(kRecords, establishment_id, establishment_id, establishment_id, establishment_id, limit);
  std::vector<MergeRecord> out;
  while (r->next()) {
    MergeRecord m;
    m.id = r->getUInt("id");
    m.merged_at = static_cast<long>(r->getInt64("merged"));
    m.undone_at = static_cast<long>(r->getInt64("undone"));
    m.kept_id = r->getUInt("kept_account_id");
    m.closed_id = r->getUInt("closed_account_id");
    m.kept_identifier = r->getString("k_ident");
    m.kept_name = r->getString("k_name");
    m.closed_identifier = r->getString("c_ident");
    m.closed_name = r->getString("c_name");
    m.closed_state = r->getString("closed_state");
    m.undone_by = r->getString("s_ident");
    m.children = r->getString("children");
    out.push_back(std::move(m));
  }
  return out;
}

UndoOutcome undo_merge(Db& db, unsigned establishment_id, unsigned record_id, const Account& staff) {
  unsigned kept_id = 0, closed_id = 0;
  {
    Rows r = db.query(kFindRecord, record_id, establishment_id, establishment_id);
    if (!r->next()) return {};
    kept_id = r->getUInt(1);
    closed_id = r->getUInt(2);
  }
  // Accounts first (the rule of account.h lock_account), then the record.
  auto pair = lock_pair(db, kept_id, closed_id);
  if (!pair) return {};
  const auto& [kept, closed] = *pair;
  std::string closed_state;
  bool undone = false;
  {
    Rows r = db.query(kLockRecord, record_id);
    if (!r->next()) return {};
    closed_state = r->getString("closed_state");
    undone = r->getBoolean("undone");
  }
  if (undone) return refuse("Ce regroupement a déjà été annulé.", kept, closed);
  if (kept.state == "closed")
    return refuse("Le compte conservé (" + kept.identifier +
                      ") a été fermé depuis le regroupement : ses enfants ne peuvent plus être rendus sans risque.",
                  kept, closed);
  if (closed.state != "closed" || count_pupils(db, closed.id) != 0)
    return refuse("Le compte fermé par le regroupement (" + closed.identifier + ") a changé depuis.", kept, closed);
  Rows gone = db.query(kKeptChildrenGone, record_id, kept.id);
  if (gone->next() && gone->getUInt(1) != 0)
    return refuse("Les enfants que le regroupement a rattachés au compte " + kept.identifier +
                      " ont changé depuis (un autre regroupement, une fermeture ou une importation) : l'annulation "
                      "n'est plus sûre.",
                  kept, closed);
  db.exec(kDropKeptChildren, kept.id, record_id);
  db.exec(kDropKeptRepresented, kept.id, record_id);
  db.exec(kRestoreClosedChildren, closed.id, record_id);
  db.exec(kRestoreLetters, closed.id, record_id);
  db.exec(kReopen, closed_state, closed.id);
  db.exec(kMarkUndone, staff.id, record_id);
  UndoOutcome o;
  o.kind = UndoOutcome::undone;
  o.kept_identifier = kept.identifier;
  o.closed_identifier = closed.identifier;
  return o;
}

}  // namespace ts::accounts
