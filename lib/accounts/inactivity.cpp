#include "inactivity.h"

#include "account.h"
#include "mail/outbox.h"
#include "security/audit.h"

namespace ts::accounts {
namespace {

// When the account was last used: its last sign-in, else its activation.
#define TS_LAST_USED "COALESCE(a.last_login_at, a.email_confirmed_at, a.first_connection_at, a.created_at)"
#define TS_INACTIVE_FAMILY " a.kind IN ('responsable', 'eleve') AND a.state = 'active' AND "

constexpr const char* kToClose =
    "SELECT a.id, a.identifier FROM account a WHERE" TS_INACTIVE_FAMILY TS_LAST_USED
    " <= UTC_TIMESTAMP() - INTERVAL ? DAY AND a.inactivity_warned_at >= " TS_LAST_USED
    " AND a.inactivity_warned_at <= UTC_TIMESTAMP() - INTERVAL ? DAY ORDER BY a.id FOR UPDATE";
constexpr const char* kToWarn =
    "SELECT a.id, a.identifier, a.display_name, COALESCE(a.email, '') AS email FROM account a WHERE"
    TS_INACTIVE_FAMILY TS_LAST_USED " <= UTC_TIMESTAMP() - INTERVAL ? DAY"
    " AND (a.inactivity_warned_at IS NULL OR a.inactivity_warned_at < " TS_LAST_USED ") ORDER BY a.id FOR UPDATE";
constexpr const char* kMarkWarned = "UPDATE account SET inactivity_warned_at = UTC_TIMESTAMP() WHERE id = ?";

struct Row {
  unsigned id = 0;
  std::string identifier, name, email;
};

}  // namespace

InactivityRun run_inactivity(Db& db, bool dry_run) {
  InactivityRun out;
  std::vector<Row> closing, warning;
  {
    Rows r = db.query(kToClose, kInactivityCloseDays, kInactivityNoticeDays);
    while (r->next()) closing.push_back({r->getUInt(1), r->getString(2), "", ""});
  }
  for (const auto& a : closing) {
    out.closed.push_back(a.identifier);
    if (dry_run) continue;
    close_account(db, a.id);
    security::audit(db, a.id, a.identifier, "inactivity_closed", "compte inutilisé depuis 365 jours", "");
  }
  {
    Rows r = db.query(kToWarn, kInactivityWarnDays);
    while (r->next()) warning.push_back({r->getUInt("id"), r->getString("identifier"), r->getString("display_name"),
                                         r->getString("email")});
  }
  for (const auto& a : warning) {
    out.warned.push_back(a.identifier);
    if (a.email.empty()) ++out.warned_without_address;
    if (dry_run) continue;
    db.exec(kMarkWarned, a.id);
    if (!a.email.empty()) {
      ctemplate::TemplateDictionary d("mail");
      d.SetValue("IDENTIFIER", a.identifier);
      d.SetIntValue("DAYS", kInactivityCloseDays - kInactivityWarnDays);
      mail::enqueue_mail(db, {a.email, a.name, "Message des services en ligne - Votre compte va être fermé",
                              mail::mail_body("mail/inactivite.tpl", d)});
    }
    security::audit(db, a.id, a.identifier, "inactivity_warned", a.email.empty() ? "aucune adresse : pas de mail" : "mail d'avertissement envoyé",
                    "");
  }
  return out;
}

}  // namespace ts::accounts
