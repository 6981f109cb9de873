// The audit log (table audit_log, owned here): every security event, written
// in the transaction of the change it reports.
#pragma once
#include <string>
#include <vector>

#include "core/db.h"

namespace ts::security {

// account_id 0: no account (unknown identifier). Texts are cut to the
// columns' sizes (identifier 40, detail 1000, remote_addr 45). The row's
// establishment (the school's journal, sql/009) is the account's: a staff
// member's, a pupil's school, a responsable account's first child's school.
void audit(Db& db, unsigned account_id, const std::string& identifier, const std::string& event,
           const std::string& detail, const std::string& remote_addr);
// A school's own action (an import, letters generated, a class re-notified):
// the row goes to that school's journal whoever acted — a staff member, the
// académie (establishment 0) or teleservices-admin (account_id 0), whose
// rows audit() could not place.
void audit_school(Db& db, unsigned establishment_id, unsigned account_id, const std::string& identifier,
                  const std::string& event, const std::string& detail, const std::string& remote_addr);

// The journal's filters (docs/STAFF.md): each empty one matches everything.
// Days are those of the process's time zone (Europe/Paris in the handlers,
// lib/web/app.cpp serve): what a school secretary calls "le 12 mars".
struct AuditFilter {
  std::string from_date, to_date;  // YYYY-MM-DD, both days included (checked by the caller)
  std::string identifier, event;   // exact
};
struct AuditRow {
  unsigned long long id = 0;
  long long at_epoch = 0;  // Unix time
  std::string at;          // "JJ/MM/AAAA HH:MM:SS" in the process's time zone (Paris)
  std::string identifier, event, detail, remote_addr;
  std::string uai, school;  // the row's establishment ("" when none)
};

// The journal of one establishment (0: every school, for the académie),
// newest first: at most `limit` rows with an id below `before_id` (0: from
// the newest). Keyset pagination: the next page starts below the last id.
std::vector<AuditRow> journal(Db& db, unsigned establishment_id, const AuditFilter& f, unsigned long long before_id,
                              unsigned limit);
// The UTC time ("YYYY-MM-DD HH:MM:SS", as DATETIME columns hold it) at
// which the local day `day` (YYYY-MM-DD, checked by the caller) plus
// `plus_days` starts, in the process's time zone (Europe/Paris in the
// handlers): what a school secretary's "depuis le 12 mars" means.
std::string utc_start_of_local_day(const std::string& day, int plus_days);

// What an event type says in French, for the journal's readers ("Connexion
// réussie" for login_success); the type itself when it has no label yet.
std::string event_label(const std::string& event);

// A family account's audit trail (its fiche, docs/STAFF.md): the rows of the
// account itself (its sign-ins, changes) and the staff's actions on it (the
// helpdesk names the account by its identifier as `detail`) written in the
// scope (0: every school), newest first, at most `limit`.
std::vector<AuditRow> account_trail(Db& db, unsigned establishment_id, unsigned account_id,
                                    const std::string& identifier, unsigned limit);

// The event types present in that journal (the filter's choices).
std::vector<std::string> journal_events(Db& db, unsigned establishment_id);

// What the audit log keeps of something typed that may not be ours (an
// address, an unknown identifier): a keyed digest (HMAC with the site secret,
// 16 bytes in hex), never the text itself.
std::string audit_digest(const std::string& secret, const std::string& typed);

}  // namespace ts::security
