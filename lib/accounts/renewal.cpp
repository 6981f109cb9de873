#include "renewal.h"

#include <set>
#include <stdexcept>

#include "account.h"
#include "account_row.h"
#include "security/audit.h"
#include "sessions.h"

namespace ts::accounts {
namespace {

// The accounts a renewal concerns: a family account of the school (or of
// every school: 0) that has a password, not changed since the UTC time given
// (NULL: whatever its age).
#define TS_RENEWABLE                                                                                           \
  TS_FAMILY_IN_SCOPE " AND a.state IN ('active', 'pending_email')"                                             \
  " AND (? IS NULL OR a.password_changed_at IS NULL OR a.password_changed_at < ?)"

// Parameters: establishment ×4, since ×2, then the class ×3 (0: the whole scope).
constexpr const char* kRenewableAccounts =
    "SELECT a.id, a.identifier FROM account a WHERE" TS_RENEWABLE
    " AND (? = 0 OR EXISTS (SELECT 1 FROM pupil p WHERE p.id = a.pupil_id AND p.class_id = ?)"
    " OR EXISTS (SELECT 1 FROM account_child ac JOIN pupil p ON p.id = ac.pupil_id"
    " WHERE ac.account_id = a.id AND p.class_id = ?))"
    " ORDER BY a.id FOR UPDATE";
// Parameters: the identifier, then establishment ×4, since ×2.
constexpr const char* kRenewableAccount =
    "SELECT a.id, a.identifier FROM account a WHERE a.identifier = ? AND" TS_RENEWABLE " FOR UPDATE";
// Whether an identifier names such an account once the date is not counted
// (changed since the date: left out, but not unknown). Same parameters as
// kRenewableAccount without the date.
constexpr const char* kFamilyWithPassword =
    "SELECT 1 FROM account a WHERE a.identifier = ? AND" TS_FAMILY_IN_SCOPE
    " AND a.state IN ('active', 'pending_email')";
constexpr const char* kClassName = "SELECT name FROM school_class WHERE id = ? AND establishment_id = ?";
constexpr const char* kDemand = "UPDATE account SET renew_password_at = UTC_TIMESTAMP() WHERE id = ?";

// "AAAA-MM-JJ" → "JJ/MM/AAAA", as the journal's readers write dates.
std::string french_day(const std::string& day) {
  return day.size() == 10 ? day.substr(8, 2) + "/" + day.substr(5, 2) + "/" + day.substr(0, 4) : day;
}

}  // namespace

RenewalOutcome demand_renewal(Db& db, const RenewalRequest& r, unsigned by_account, const std::string& by_identifier,
                              const std::string& remote_addr) {
  const unsigned e = r.establishment_id;
  if (!e && r.who != RenewalWho::everyone) throw std::invalid_argument("an académie renewal is for every school");
  std::optional<std::string> since;
  if (!r.changed_since.empty()) since = security::utc_start_of_local_day(r.changed_since, 0);

  RenewalOutcome out;
  Transaction tx(db);
  std::vector<std::pair<unsigned, std::string>> accounts;  // id, identifier
  std::string what;
  if (r.who == RenewalWho::identifiers) {
    std::set<std::string> seen;  // an identifier typed twice counts once
    for (const auto& identifier : r.identifiers) {
      if (!seen.insert(identifier).second) continue;
      Rows rows = db.query(kRenewableAccount, identifier, e, e, e, e, since, since);
      if (rows->next()) {
        accounts.emplace_back(rows->getUInt("id"), rows->getString("identifier"));
      } else if (!db.query(kFamilyWithPassword, identifier, e, e, e, e)->next()) {
        out.unknown.push_back(identifier);
      }
      what += (what.empty() ? "identifiants " : ", ") + identifier;
    }
  } else {
    unsigned class_id = 0;
    if (r.who == RenewalWho::division) {
      Rows c = db.query(kClassName, r.class_id, e);
      if (!c->next()) {
        out.class_found = false;
        return out;
      }
      class_id = r.class_id;
      what = "classe " + c->getString("name");
    } else {
      what = e ? "tout l'établissement" : "tous les établissements";
    }
    Rows rows = db.query(kRenewableAccounts, e, e, e, e, since, since, class_id, class_id, class_id);
    while (rows->next()) accounts.emplace_back(rows->getUInt("id"), rows->getString("identifier"));
  }
  std::string detail = what;
  if (!r.changed_since.empty()) detail += " ; sauf mot de passe changé depuis le " + french_day(r.changed_since);
  // Each account's own trail says it (what the helpdesk reads on its fiche),
  // with the staff member who asked.
  const std::string by = by_identifier.empty() ? "par teleservices-admin" : "demandé par " + by_identifier;
  for (const auto& [id, identifier] : accounts) {
    db.exec(kDemand, id);
    end_all_sessions(db, id);
    cancel_codes(db, id);
    security::audit(db, id, identifier, "renewal_imposed", by, remote_addr);
  }
  out.count = static_cast<unsigned>(accounts.size());
  detail += " ; " + std::to_string(out.count) + " compte(s)";
  if (!out.unknown.empty()) detail += " ; " + std::to_string(out.unknown.size()) + " identifiant(s) non trouvé(s)";
  security::audit(db, by_account, by_identifier, "renewal_demanded", detail, remote_addr);
  tx.commit();
  return out;
}

}  // namespace ts::accounts
