#include "audit.h"

#include <utility>

#include "core/crypto.h"

namespace ts::security {
namespace {
// The row's establishment, for the school's journal: a staff member's, a
// pupil account's school, or a responsable account's (first) child's school.
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (account_id, identifier, event, detail, remote_addr, establishment_id)"
    " VALUES (?, ?, ?, ?, ?, COALESCE("
    "(SELECT st.establishment_id FROM staff st WHERE st.account_id = ?),"
    " (SELECT p.establishment_id FROM account a JOIN pupil p ON p.id = a.pupil_id WHERE a.id = ?),"
    " (SELECT MIN(p.establishment_id) FROM account_child ac JOIN pupil p ON p.id = ac.pupil_id"
    " WHERE ac.account_id = ?)))";
// The journal: scoped in the SQL (establishment 0: every school, for the
// académie), filters that are empty match everything, keyset on id.
constexpr const char* kJournal =
    "SELECT l.id, DATE_FORMAT(l.at, '%Y-%m-%d %H:%i:%s') AS at, COALESCE(l.identifier, '') AS identifier, l.event,"
    " COALESCE(l.detail, '') AS detail, COALESCE(l.remote_addr, '') AS remote_addr,"
    " COALESCE(e.uai, '') AS uai, COALESCE(e.name, '') AS school"
    " FROM audit_log l LEFT JOIN establishment e ON e.id = l.establishment_id"
    " WHERE (? = 0 OR l.establishment_id = ?)"
    " AND (? = '' OR l.at >= ?) AND (? = '' OR l.at < ? + INTERVAL 1 DAY)"
    " AND (? = '' OR l.identifier = ?) AND (? = '' OR l.event = ?)"
    " AND (? = 0 OR l.id < ?)"
    " ORDER BY l.id DESC LIMIT ?";
constexpr const char* kEvents =
    "SELECT DISTINCT event FROM audit_log WHERE (? = 0 OR establishment_id = ?) ORDER BY event";
// The journal's French labels of the event types written across lib/ and handlers/.
constexpr std::pair<const char*, const char*> kEventLabels[] = {
    {"account_purged", "Compte supprimé (délai dépassé)"},
    {"activation", "Adresse confirmée (lien d'activation)"},
    {"activation_resent", "Mail d'activation renvoyé"},
    {"address_corrected", "Adresse à confirmer corrigée"},
    {"address_correction_failure", "Correction d'adresse refusée"},
    {"delegation_granted", "Délégation d'assistance accordée"},
    {"delegation_revoked", "Délégation d'assistance retirée"},
    {"email_change", "Nouvelle adresse confirmée"},
    {"email_change_failure", "Changement d'adresse refusé"},
    {"email_change_requested", "Changement d'adresse demandé"},
    {"fiche_update", "Fiche de renseignements modifiée"},
    {"first_connection", "Première connexion"},
    {"first_connection_failure", "Première connexion refusée"},
    {"helpdesk_unlock", "Compte débloqué par l'assistance"},
    {"letter_issued", "Courrier de notification édité"},
    {"lock", "Compte bloqué"},
    {"login_failure", "Échec de connexion"},
    {"login_letter", "Connexion avec le courrier"},
    {"login_refused", "Connexion refusée"},
    {"login_success", "Connexion réussie"},
    {"logout", "Déconnexion"},
    {"password_change", "Mot de passe modifié"},
    {"password_change_failure", "Changement de mot de passe refusé"},
    {"password_reset", "Mot de passe réinitialisé"},
    {"recovery_codes_regenerated", "Codes de secours renouvelés"},
    {"recovery_requested", "Récupération demandée"},
    {"recovery_used", "Lien de réinitialisation utilisé"},
    {"regroupement", "Regroupement de comptes"},
    {"regroupement_enfant", "Enfant rattaché au compte"},
    {"regroupement_enfant_failure", "Rattachement d'enfant refusé"},
    {"regroupement_failure", "Regroupement refusé"},
    {"regroupement_refused", "Regroupement refusé"},
    {"second_factor_failure", "Code de double authentification erroné"},
    {"staff_closed", "Compte de personnel fermé"},
    {"staff_created", "Compte de personnel créé"},
    {"staff_enrolled", "Double authentification activée"},
    {"staff_enrolment_link", "Nouveau lien d'activation (personnel)"},
    {"staff_password_ok", "Mot de passe accepté, code attendu (personnel)"},
    {"staff_password_set", "Mot de passe choisi (lien d'activation)"},
    {"staff_second_factor_reset", "Double authentification réinitialisée"},
};
}  // namespace

std::string event_label(const std::string& event) {
  for (const auto& [type, label] : kEventLabels)
    if (event == type) return label;
  return event;
}

void audit(Db& db, unsigned account_id, const std::string& identifier, const std::string& event,
           const std::string& detail, const std::string& remote_addr) {
  // (account id 0 in the subqueries matches no row: no establishment)
  db.exec(kInsertAudit, account_id ? std::optional<unsigned>(account_id) : std::nullopt, identifier.substr(0, 40),
          event, detail.substr(0, 1000), remote_addr.substr(0, 45), account_id, account_id, account_id);
}

std::vector<AuditRow> journal(Db& db, unsigned establishment_id, const AuditFilter& f, unsigned long long before_id,
                              unsigned limit) {
  Rows r = db.query(kJournal, establishment_id, establishment_id, f.from_date, f.from_date, f.to_date, f.to_date,
                    f.identifier, f.identifier, f.event, f.event, before_id, before_id, limit);
  std::vector<AuditRow> out;
  while (r->next())
    out.push_back({static_cast<unsigned long long>(r->getUInt64("id")), r->getString("at"), r->getString("identifier"),
                   r->getString("event"), r->getString("detail"), r->getString("remote_addr"), r->getString("uai"),
                   r->getString("school")});
  return out;
}

std::vector<std::string> journal_events(Db& db, unsigned establishment_id) {
  Rows r = db.query(kEvents, establishment_id, establishment_id);
  std::vector<std::string> out;
  while (r->next()) out.push_back(r->getString(1));
  return out;
}

std::string audit_digest(const std::string& secret, const std::string& typed) {
  return crypto::hex(crypto::hmac_sha256(secret, "audit|" + typed).substr(0, 16));
}

}  // namespace ts::security
