#include "renotify.h"

#include "account.h"
#include "codes.h"
#include "mails.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "security/ratelimit.h"

namespace ts::accounts {
namespace {

// The accounts of the class's slots waiting for their address (pupils'
// through their pupil, responsables' through the children they hold), by id.
constexpr const char* kWaitingOfClass =
    "SELECT a.id FROM account a JOIN pupil p ON p.id = a.pupil_id"
    " WHERE a.kind = 'eleve' AND a.state = 'pending_email' AND p.establishment_id = ? AND p.class_id = ?"
    " AND p.left_at IS NULL"
    " UNION SELECT a.id FROM account a JOIN account_child ac ON ac.account_id = a.id JOIN pupil p ON p.id = ac.pupil_id"
    " WHERE a.kind = 'responsable' AND a.state = 'pending_email' AND p.establishment_id = ? AND p.class_id = ?"
    " AND p.left_at IS NULL ORDER BY 1";

}  // namespace

Renotification renotify_class(Db& db, const Config& cfg, const crypto::Argon2Params& p, unsigned establishment_id,
                              unsigned class_id, bool new_passwords, const Actor& by,
                              std::optional<std::chrono::steady_clock::time_point> deadline) {
  Renotification out;
  std::vector<unsigned> waiting;
  {
    Rows r = db.query(kWaitingOfClass, establishment_id, class_id, establishment_id, class_id);
    while (r->next()) waiting.push_back(r->getUInt(1));
  }
  // Letters first: generate_letters leaves the waiting accounts alone (unchanged).
  GenerationRequest r;
  r.establishment_id = establishment_id;
  r.class_id = class_id;
  r.deadline = deadline;
  out.letters = generate_letters(db, p, r, by);
  for (unsigned id : waiting) {
    if (new_passwords) {
      if (deadline && std::chrono::steady_clock::now() > *deadline) throw TooLong();
      if (auto page = regenerate_letter(db, p, establishment_id, id, by)) {
        out.letters.pages.push_back(std::move(*page));
        ++out.letters.renewed;
      }
      continue;
    }
    auto a = lock_account(db, id);
    if (!a || a->state != "pending_email" || a->pending_email.empty()) continue;
    if (activation_resend(db, cfg, a->id) != Resend::allowed ||
        !security::mail_allowed_to_address(db, cfg, a->pending_email)) {
      ++out.mail_limited;
      continue;
    }
    security::record_mail_to_address(db, cfg, a->pending_email);
    const std::string code = issue_code(db, a->id, purpose::activation, a->pending_email, kThreeMonths);
    queue_activation_mail(db, cfg.base_url, *a, a->pending_email, code);
    security::audit(db, a->id, a->identifier, "activation_resent",
                    by.identifier.empty() ? "relance" : "relance par " + by.identifier, by.remote_addr);
    ++out.mailed;
  }
  security::audit_school(db, establishment_id, by.account_id,
                         by.identifier.empty() ? "teleservices-admin" : by.identifier, "letters_renotified",
                  "classe " + class_of(db, establishment_id, class_id).value_or("?") + " : " +
                      std::to_string(out.mailed) + " mail(s), " + std::to_string(out.letters.pages.size()) +
                      " courrier(s), " + std::to_string(out.mail_limited) + " mail(s) retenu(s) par les limites" +
                      (new_passwords ? ", nouveaux mots de passe" : ""),
                  by.remote_addr);
  return out;
}

}  // namespace ts::accounts
