#include "transfer.h"

#include <set>
#include <string>
#include <vector>

#include "account.h"
#include "family.h"
#include "security/audit.h"

namespace ts::accounts {
namespace {

// The same pupil in another school of the same académie: pupil p_old, for a
// current pupil p_new of the importing school (columns shared by both queries).
#define TS_SAME_PUPIL_ELSEWHERE                                                                   \
  " FROM pupil p_new JOIN establishment e_new ON e_new.id = p_new.establishment_id"               \
  " JOIN pupil p_old ON p_old.ine = p_new.ine AND p_old.establishment_id <> p_new.establishment_id" \
  "  AND p_old.left_at IS NOT NULL"                                                                 \
  " JOIN establishment e_old ON e_old.id = p_old.establishment_id AND e_old.academie = e_new.academie"
#define TS_ARRIVING_PUPILS " p_new.establishment_id = ? AND p_new.left_at IS NULL AND COALESCE(p_new.ine, '') <> ''"

// Pupils' own accounts to carry: open, or closed when the pupil left; open ones first.
constexpr const char* kPupilAccountsToCarry =
    "SELECT a.id, p_new.id AS pupil_id, a.identifier, a.state, COALESCE(e_old.uai, '') AS from_uai"
    TS_SAME_PUPIL_ELSEWHERE
    " JOIN account a ON a.pupil_id = p_old.id AND a.kind = 'eleve'"
    "  AND (a.state <> 'closed' OR a.closed_reason = 'left')"
    " WHERE" TS_ARRIVING_PUPILS
    " AND NOT EXISTS (SELECT 1 FROM account x WHERE x.pupil_id = p_new.id AND x.kind = 'eleve'"
    "  AND x.state <> 'closed')"
    " ORDER BY p_new.id, a.state = 'closed', a.id FOR UPDATE";
constexpr const char* kMovePupilAccount = "UPDATE account SET pupil_id = ? WHERE id = ? AND state <> 'closed'";
// Back at the state its columns give (no password: letter; an address still
// to confirm: pending_email; else active).
constexpr const char* kReopenPupilAccount =
    "UPDATE account SET pupil_id = ?, closed_at = NULL, closed_reason = NULL,"
    " state = CASE WHEN password_hash IS NULL THEN 'letter'"
    "  WHEN email IS NULL AND pending_email IS NOT NULL THEN 'pending_email' ELSE 'active' END"
    " WHERE id = ? AND state = 'closed' AND closed_reason = 'left'";
// The schools of the académie where a pupil who left is a current pupil.
constexpr const char* kSchoolsExpecting =
    "SELECT DISTINCT p_new.establishment_id FROM pupil p_old"
    " JOIN establishment e_old ON e_old.id = p_old.establishment_id"
    " JOIN pupil p_new ON p_new.ine = p_old.ine AND p_new.establishment_id <> p_old.establishment_id"
    "  AND p_new.left_at IS NULL"
    " JOIN establishment e_new ON e_new.id = p_new.establishment_id AND e_new.academie = e_old.academie"
    " WHERE p_old.id = ? AND COALESCE(p_old.ine, '') <> '' ORDER BY p_new.establishment_id";
constexpr const char* kMarkLeft = "UPDATE account SET closed_reason = 'left' WHERE id = ? AND state = 'closed'";

// Responsables' accounts that held that very pupil there (p_old) when it
// left (released_child, sql/017: never another account of the same parent,
// such as a sibling's letter), open and not holding this school's row yet.
// The child comes through this school's legal responsable (ranks 1, 2) of
// the same name as the responsable it was held through, else as one the
// account represents (its own, or one a regroupement brought): that first.
constexpr const char* kFamiliesThatHeldThePupil =
    "SELECT a.id, p_new.id AS pupil_id, r_new.id AS responsable_id, a.identifier, p_old.id AS old_pupil_id"
    TS_SAME_PUPIL_ELSEWHERE
    " JOIN released_child h ON h.pupil_id = p_old.id"
    " JOIN account a ON a.id = h.account_id AND a.kind = 'responsable' AND a.state <> 'closed'"
    " JOIN responsable r_old ON r_old.id = h.responsable_id OR r_old.id = a.responsable_id"
    "  OR r_old.id IN (SELECT ar.responsable_id FROM account_responsable ar WHERE ar.account_id = a.id)"
    " JOIN pupil_responsable pr_new ON pr_new.pupil_id = p_new.id AND pr_new.legal_rank IN (1, 2)"
    " JOIN responsable r_new ON r_new.id = pr_new.responsable_id"
    "  AND r_new.last_name = r_old.last_name AND r_new.first_name = r_old.first_name"
    " WHERE" TS_ARRIVING_PUPILS
    " AND NOT EXISTS (SELECT 1 FROM account_child x WHERE x.account_id = a.id AND x.pupil_id = p_new.id)"
    " ORDER BY a.id, p_new.id, r_old.id = h.responsable_id DESC, r_new.id";

}  // namespace

void close_left_pupil_account(Db& db, unsigned account_id) {
  close_account(db, account_id);
  db.exec(kMarkLeft, account_id);
}

std::vector<unsigned> schools_expecting(Db& db, unsigned pupil_id) {
  std::vector<unsigned> out;
  Rows r = db.query(kSchoolsExpecting, pupil_id);
  while (r->next()) out.push_back(r->getUInt(1));
  return out;
}

Carried carry_over_arrivals(Db& db, unsigned establishment_id) {
  Carried out;
  struct PupilAccount {
    unsigned account, pupil;
    std::string identifier, state, from_uai;
  };
  std::vector<PupilAccount> pupils;
  {
    Rows r = db.query(kPupilAccountsToCarry, establishment_id);
    std::set<unsigned> seen;  // one account per arriving pupil
    while (r->next()) {
      const unsigned pupil = r->getUInt("pupil_id");
      if (!seen.insert(pupil).second) continue;
      pupils.push_back({r->getUInt(1), pupil, r->getString("identifier"), r->getString("state"),
                        r->getString("from_uai")});
    }
  }
  for (const auto& p : pupils) {
    const bool reopened = p.state == "closed";
    if ((reopened ? db.exec(kReopenPupilAccount, p.pupil, p.account) : db.exec(kMovePupilAccount, p.pupil, p.account)) == 0)
      continue;
    ++out.pupil_accounts;
    security::audit_school(db, establishment_id, p.account, p.identifier, "account_carried_over",
                           std::string("compte d'élève venu de ") + p.from_uai + (reopened ? " (rouvert)" : ""), "");
  }

  struct Link {
    unsigned account, pupil, responsable, old_pupil;
    std::string identifier;
  };
  std::vector<Link> links;
  {
    Rows r = db.query(kFamiliesThatHeldThePupil, establishment_id);
    std::set<std::pair<unsigned, unsigned>> held;  // (account, pupil): one link per child, like a letter
    while (r->next()) {
      Link l{r->getUInt(1), r->getUInt("pupil_id"), r->getUInt("responsable_id"), r->getUInt("old_pupil_id"),
             r->getString("identifier")};
      if (held.emplace(l.account, l.pupil).second) links.push_back(std::move(l));
    }
  }
  for (const Link& l : links) {
    add_child(db, l.account, l.pupil, l.responsable);
    add_represented(db, l.account, l.responsable);
    forget_released(db, l.account, l.old_pupil);
    ++out.family_links;
    security::audit_school(db, establishment_id, l.account, l.identifier, "account_carried_over",
                           "enfant rattaché depuis un autre établissement de l'académie", "");
  }
  return out;
}

}  // namespace ts::accounts
