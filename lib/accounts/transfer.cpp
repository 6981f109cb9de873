#include "transfer.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
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

// Responsables' accounts that held the pupil there through a responsable of
// the same name as one of this school's legal responsables of the pupil:
// through the account's own responsable, or through a child it holds.
#define TS_SAME_RESPONSABLE                                                                            \
  " JOIN pupil_responsable pr_new ON pr_new.pupil_id = p_new.id AND pr_new.legal_rank IN (1, 2)"       \
  " JOIN responsable r_new ON r_new.id = pr_new.responsable_id"                                        \
  " JOIN pupil_responsable pr_old ON pr_old.pupil_id = p_old.id AND pr_old.legal_rank IN (1, 2)"       \
  " JOIN responsable r_old ON r_old.id = pr_old.responsable_id"                                        \
  "  AND r_old.last_name = r_new.last_name AND r_old.first_name = r_new.first_name"
constexpr const char* kFamiliesByOwnResponsable =
    "SELECT DISTINCT a.id, p_new.id AS pupil_id, r_new.id AS responsable_id, a.identifier"
    TS_SAME_PUPIL_ELSEWHERE TS_SAME_RESPONSABLE
    " JOIN account a ON a.responsable_id = r_old.id AND a.kind = 'responsable' AND a.state <> 'closed'"
    " WHERE" TS_ARRIVING_PUPILS
    " AND NOT EXISTS (SELECT 1 FROM account_child h WHERE h.account_id = a.id AND h.pupil_id = p_new.id)";
constexpr const char* kFamiliesByChild =
    "SELECT DISTINCT a.id, p_new.id AS pupil_id, r_new.id AS responsable_id, a.identifier"
    TS_SAME_PUPIL_ELSEWHERE TS_SAME_RESPONSABLE
    " JOIN account_child c ON c.responsable_id = r_old.id"
    " JOIN account a ON a.id = c.account_id AND a.kind = 'responsable' AND a.state <> 'closed'"
    " WHERE" TS_ARRIVING_PUPILS
    " AND NOT EXISTS (SELECT 1 FROM account_child h WHERE h.account_id = a.id AND h.pupil_id = p_new.id)";

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

  // (account, pupil, responsable) -> the account's identifier, for the audit row
  std::map<std::tuple<unsigned, unsigned, unsigned>, std::string> links;
  for (const char* sql : {kFamiliesByOwnResponsable, kFamiliesByChild}) {
    Rows r = db.query(sql, establishment_id);
    while (r->next())
      links.emplace(std::make_tuple(r->getUInt(1), r->getUInt("pupil_id"), r->getUInt("responsable_id")),
                    r->getString("identifier"));
  }
  std::set<std::pair<unsigned, unsigned>> held;  // (account, pupil): one link per child, like a letter
  for (const auto& [link, identifier] : links) {
    const auto& [account, pupil, responsable] = link;
    if (!held.emplace(account, pupil).second) continue;
    add_child(db, account, pupil, responsable);
    add_represented(db, account, responsable);
    ++out.family_links;
    security::audit_school(db, establishment_id, account, identifier, "account_carried_over",
                           "enfant rattaché depuis un autre établissement de l'académie", "");
  }
  return out;
}

}  // namespace ts::accounts
