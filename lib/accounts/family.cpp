#include "family.h"

#include "period.h"

namespace ts::accounts {
namespace {

// The responsables an account represents: its own, and those a regroupement recorded.
#define TS_REPRESENTED(account_param) \
  "(SELECT responsable_id FROM account WHERE id = " account_param \
  " UNION SELECT responsable_id FROM account_responsable WHERE account_id = " account_param ")"

constexpr const char* kChildrenOfResponsable =
    "SELECT p.id, p.first_name, p.last_name, COALESCE(c.name, ''), e.name, CONCAT(r.first_name, ' ', r.last_name)"
    " FROM account_child ac JOIN pupil p ON p.id = ac.pupil_id"
    " JOIN responsable r ON r.id = ac.responsable_id"
    " JOIN establishment e ON e.id = p.establishment_id LEFT JOIN school_class c ON c.id = p.class_id"
    " WHERE ac.account_id = ? ORDER BY p.birth_date, p.first_name";
constexpr const char* kPupilRecord =
    "SELECT p.id, p.first_name, p.last_name, COALESCE(c.name, ''), e.name, ''"
    " FROM pupil p JOIN establishment e ON e.id = p.establishment_id"
    " LEFT JOIN school_class c ON c.id = p.class_id WHERE p.id = ?";
constexpr const char* kPupilsHeld =
    "SELECT DISTINCT p.id, p.first_name, p.last_name FROM account_child c JOIN pupil p ON p.id = c.pupil_id"
    " WHERE c.account_id = ? ORDER BY p.last_name, p.first_name, p.id";
constexpr const char* kAttachable =
    "SELECT DISTINCT p.id, p.first_name, p.last_name FROM pupil p"
    " JOIN pupil_responsable pr ON pr.pupil_id = p.id"
    " JOIN account_child oc ON oc.pupil_id = p.id"
    " JOIN account o ON o.id = oc.account_id AND o.state = 'letter' AND o.kind = 'responsable'"
    " WHERE pr.responsable_id IN " TS_REPRESENTED("?")
    " AND o.responsable_id = pr.responsable_id"
    " AND NOT EXISTS (SELECT 1 FROM account_child x WHERE x.account_id = ? AND x.pupil_id = p.id)"
    " ORDER BY p.first_name, p.id";
constexpr const char* kSchoolOf =
    "SELECT e.name, COALESCE(e.website, '') FROM account a JOIN establishment e ON e.id = COALESCE("
    "  (SELECT p.establishment_id FROM pupil p WHERE p.id = a.pupil_id),"
    "  (SELECT MIN(p.establishment_id) FROM account_child c JOIN pupil p ON p.id = c.pupil_id"
    "    WHERE c.account_id = a.id))"
    " WHERE a.id = ?";
constexpr const char* kFichesOf =
    "SELECT r.id, CONCAT(r.first_name, ' ', r.last_name), COALESCE(r.address, ''), COALESCE(r.phone, ''),"
    " COALESCE(r.mobile_phone, ''), COALESCE(r.contact_email, ''), COALESCE(r.profession, '')"
    " FROM responsable r WHERE r.id IN " TS_REPRESENTED("?") " ORDER BY r.id";
constexpr const char* kAddChild =
    "INSERT IGNORE INTO account_child (account_id, pupil_id, responsable_id) VALUES (?, ?, ?)";
constexpr const char* kAttachChild =
    "INSERT IGNORE INTO account_child (account_id, pupil_id, responsable_id, attached_at)"
    " VALUES (?, ?, ?, UTC_TIMESTAMP())";
constexpr const char* kAttachedJustNow =
    "SELECT 1 FROM account_child WHERE account_id = ? AND pupil_id = ?"
    " AND attached_at > UTC_TIMESTAMP() - " TS_REPEAT_WINDOW " LIMIT 1";
// issue 13 — import
constexpr const char* kHoldersOfPupil =
    "SELECT DISTINCT account_id FROM account_child WHERE pupil_id = ? AND (? = 0 OR responsable_id = ?)"
    " ORDER BY account_id";
// A pupil who left: who held it, kept for a change of school (sql/017).
constexpr const char* kRecordReleased =
    "INSERT IGNORE INTO released_child (account_id, pupil_id, responsable_id, attached_at)"
    " SELECT account_id, pupil_id, responsable_id, attached_at FROM account_child WHERE pupil_id = ?";
constexpr const char* kForgetReleased = "DELETE FROM released_child WHERE account_id = ? AND pupil_id = ?";
constexpr const char* kReleasePupil = "DELETE FROM account_child WHERE pupil_id = ? AND (? = 0 OR responsable_id = ?)";
constexpr const char* kRemoveChildren = "DELETE FROM account_child WHERE account_id = ?";
constexpr const char* kCountPupils = "SELECT COUNT(DISTINCT pupil_id) FROM account_child WHERE account_id = ?";
constexpr const char* kServesAnotherSchool =
    "SELECT 1 FROM account_child ac JOIN pupil p ON p.id = ac.pupil_id"
    " WHERE ac.account_id = ? AND p.establishment_id <> ? LIMIT 1";
constexpr const char* kAddRepresented =
    "INSERT IGNORE INTO account_responsable (account_id, responsable_id) VALUES (?, ?)";
constexpr const char* kPupilsToMove =
    "SELECT c.pupil_id, MIN(c.responsable_id) FROM account_child c WHERE c.account_id = ? AND NOT EXISTS"
    " (SELECT 1 FROM account_child x WHERE x.account_id = ? AND x.pupil_id = c.pupil_id)"
    " GROUP BY c.pupil_id ORDER BY c.pupil_id";
constexpr const char* kLockLetterHolders =
    "SELECT o.id, oc.responsable_id FROM account o JOIN account_child oc ON oc.account_id = o.id"
    " WHERE oc.pupil_id = ? AND o.state = 'letter' AND o.kind = 'responsable' AND o.responsable_id IN "
    TS_REPRESENTED("?") " ORDER BY o.id FOR UPDATE";

std::vector<Child> read_children(Rows r, bool full) {
  std::vector<Child> out;
  while (r->next()) {
    Child c;
    c.pupil_id = r->getUInt(1);
    c.first_name = r->getString(2);
    c.last_name = r->getString(3);
    if (full) {
      c.class_name = r->getString(4);
      c.establishment = r->getString(5);
      c.responsable_name = r->getString(6);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::pair<unsigned, unsigned>> read_pairs(Rows r) {
  std::vector<std::pair<unsigned, unsigned>> out;
  while (r->next()) out.emplace_back(r->getUInt(1), r->getUInt(2));
  return out;
}

}  // namespace

std::vector<Child> children_of(Db& db, const Account& a) {
  if (a.is_responsable()) return read_children(db.query(kChildrenOfResponsable, a.id), true);
  return read_children(db.query(kPupilRecord, a.pupil_id), true);
}

std::vector<Child> pupils_held(Db& db, unsigned account_id) {
  return read_children(db.query(kPupilsHeld, account_id), false);
}

std::vector<Child> attachable_children(Db& db, unsigned account_id) {
  return read_children(db.query(kAttachable, account_id, account_id, account_id), false);
}

std::optional<scolarite::School> school_of(Db& db, unsigned account_id) {
  Rows r = db.query(kSchoolOf, account_id);
  if (!r->next()) return std::nullopt;
  return scolarite::School{r->getString(1), r->getString(2)};
}

std::vector<scolarite::Fiche> fiches_of(Db& db, unsigned account_id) {
  std::vector<scolarite::Fiche> out;
  Rows r = db.query(kFichesOf, account_id, account_id);
  while (r->next()) {
    scolarite::Fiche f;
    f.responsable_id = r->getUInt(1);
    f.name = r->getString(2);
    f.address = r->getString(3);
    f.phone = r->getString(4);
    f.mobile_phone = r->getString(5);
    f.contact_email = r->getString(6);
    f.profession = r->getString(7);
    out.push_back(std::move(f));
  }
  return out;
}

void add_child(Db& db, unsigned account_id, unsigned pupil_id, unsigned responsable_id) {
  db.exec(kAddChild, account_id, pupil_id, responsable_id);
}

void attach_child(Db& db, unsigned account_id, unsigned pupil_id, unsigned responsable_id) {
  db.exec(kAttachChild, account_id, pupil_id, responsable_id);
}

bool attached_just_now(Db& db, unsigned account_id, unsigned pupil_id) {
  return db.query(kAttachedJustNow, account_id, pupil_id)->next();
}

void remove_children(Db& db, unsigned account_id) { db.exec(kRemoveChildren, account_id); }

unsigned count_pupils(Db& db, unsigned account_id) {
  Rows r = db.query(kCountPupils, account_id);
  return r->next() ? r->getUInt(1) : 0;
}

bool serves_another_school(Db& db, unsigned account_id, unsigned establishment_id) {
  return db.query(kServesAnotherSchool, account_id, establishment_id)->next();
}

void add_represented(Db& db, unsigned account_id, unsigned responsable_id) {
  if (responsable_id) db.exec(kAddRepresented, account_id, responsable_id);
}

std::vector<std::pair<unsigned, unsigned>> pupils_to_move(Db& db, unsigned from, unsigned to) {
  return read_pairs(db.query(kPupilsToMove, from, to));
}

std::vector<std::pair<unsigned, unsigned>> lock_letter_holders(Db& db, unsigned pupil_id, unsigned account_id) {
  return read_pairs(db.query(kLockLetterHolders, pupil_id, account_id, account_id));
}

// issue 13 — import
std::vector<unsigned> release_pupil(Db& db, unsigned pupil_id, unsigned responsable_id) {
  std::vector<unsigned> holders;
  Rows r = db.query(kHoldersOfPupil, pupil_id, responsable_id, responsable_id);
  while (r->next()) holders.push_back(r->getUInt(1));
  r.reset();
  if (responsable_id == 0) db.exec(kRecordReleased, pupil_id);
  db.exec(kReleasePupil, pupil_id, responsable_id, responsable_id);
  return holders;
}

void forget_released(Db& db, unsigned account_id, unsigned pupil_id) {
  db.exec(kForgetReleased, account_id, pupil_id);
}

}  // namespace ts::accounts
