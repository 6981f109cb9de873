#include "audit.h"

#include <ctime>
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
constexpr const char* kInsertSchoolAudit =
    "INSERT INTO audit_log (account_id, identifier, event, detail, remote_addr, establishment_id)"
    " VALUES (?, ?, ?, ?, ?, ?)";
// The journal: scoped in the SQL (establishment 0: every school, for the
// académie), filters that are empty match everything, keyset on id.
constexpr const char* kJournal =
    "SELECT l.id, UNIX_TIMESTAMP(l.at) AS at_epoch, COALESCE(l.identifier, '') AS identifier, l.event,"
    " COALESCE(l.detail, '') AS detail, COALESCE(l.remote_addr, '') AS remote_addr,"
    " COALESCE(e.uai, '') AS uai, COALESCE(e.name, '') AS school"
    " FROM audit_log l LEFT JOIN establishment e ON e.id = l.establishment_id"
    " WHERE (? = 0 OR l.establishment_id = ?)"
    " AND (? = '' OR l.at >= ?) AND (? = '' OR l.at < ?)"
    " AND (? = '' OR l.identifier = ?) AND (? = '' OR l.event = ?)"
    " AND (? = 0 OR l.id < ?)"
    " ORDER BY l.id DESC LIMIT ?";
// An account's trail: its own rows, and the staff rows of the scope naming it.
constexpr const char* kTrail =
    "SELECT l.id, UNIX_TIMESTAMP(l.at) AS at_epoch, COALESCE(l.identifier, '') AS identifier, l.event,"
    " COALESCE(l.detail, '') AS detail, COALESCE(l.remote_addr, '') AS remote_addr,"
    " COALESCE(e.uai, '') AS uai, COALESCE(e.name, '') AS school"
    " FROM audit_log l LEFT JOIN establishment e ON e.id = l.establishment_id"
    " WHERE l.id IN (SELECT t.id FROM (SELECT id FROM audit_log WHERE account_id = ?"
    " UNION SELECT id FROM audit_log WHERE detail = ? AND (? = 0 OR establishment_id = ?)) t)"
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
    {"helpdesk_activation_resent", "Mail d'activation renvoyé par l'assistance"},
    {"helpdesk_closed", "Compte fermé par l'assistance"},
    {"helpdesk_email_corrected", "Adresse mail corrigée par l'assistance (à confirmer)"},
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
    {"recovery_codes_failure", "Codes de secours refusés (mot de passe erroné)"},
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
    // issue 13 — aide
    {"helpdesk_regroupement_undone", "Regroupement annulé par l'assistance"},
    {"letter_reported", "Courrier signalé (« je ne suis pas le représentant légal »)"},
    {"helpdesk_report_handled", "Signalement de courrier traité par l'assistance"},
    {"inactivity_warned", "Compte inutilisé depuis 335 jours : prévenu"},
    {"inactivity_closed", "Compte fermé (inutilisé depuis un an)"},
    {"renewal_demanded", "Nouveau mot de passe exigé à la prochaine connexion"},
    {"renewal_imposed", "Nouveau mot de passe exigé par l'établissement"},
    {"password_renewed", "Nouveau mot de passe choisi (renouvellement exigé)"},
    // issue 13 — courriers
    {"letters_generated", "Courriers de notification générés"},
    {"helpdesk_letter", "Courrier régénéré par l'assistance"},
    {"letters_renotified", "Relance des familles d'une classe"},
    // issue 13 — import
    {"import", "Import des élèves et des responsables"},
    {"account_carried_over", "Compte venu d'un autre établissement de l'académie"},
};
// "JJ/MM/AAAA HH:MM:SS" in the process's time zone.
std::string local_time(long long epoch) {
  const auto t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M:%S", &tm);
  return buf;
}

}  // namespace

std::string utc_start_of_local_day(const std::string& day, int plus_days) {
  std::tm tm{};
  tm.tm_year = std::stoi(day.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(day.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(day.substr(8, 2)) + plus_days;
  tm.tm_isdst = -1;  // the zone's rule for that day (summer time)
  const std::time_t start = std::mktime(&tm);
  std::tm utc{};
  gmtime_r(&start, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &utc);
  return buf;
}

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

void audit_school(Db& db, unsigned establishment_id, unsigned account_id, const std::string& identifier,
                  const std::string& event, const std::string& detail, const std::string& remote_addr) {
  db.exec(kInsertSchoolAudit, account_id ? std::optional<unsigned>(account_id) : std::nullopt,
          identifier.substr(0, 40), event, detail.substr(0, 1000), remote_addr.substr(0, 45), establishment_id);
}

std::vector<AuditRow> journal(Db& db, unsigned establishment_id, const AuditFilter& f, unsigned long long before_id,
                              unsigned limit) {
  const std::string from = f.from_date.empty() ? "" : utc_start_of_local_day(f.from_date, 0);
  const std::string to = f.to_date.empty() ? "" : utc_start_of_local_day(f.to_date, 1);
  Rows r = db.query(kJournal, establishment_id, establishment_id, from, from, to, to, f.identifier, f.identifier,
                    f.event, f.event, before_id, before_id, limit);
  std::vector<AuditRow> out;
  while (r->next()) {
    const auto epoch = static_cast<long long>(r->getDouble("at_epoch"));  // DATETIME(3): a fraction of a second
    out.push_back({static_cast<unsigned long long>(r->getUInt64("id")), epoch, local_time(epoch),
                   r->getString("identifier"), r->getString("event"), r->getString("detail"),
                   r->getString("remote_addr"), r->getString("uai"), r->getString("school")});
  }
  return out;
}

std::vector<AuditRow> account_trail(Db& db, unsigned establishment_id, unsigned account_id,
                                    const std::string& identifier, unsigned limit) {
  Rows r = db.query(kTrail, account_id, identifier, establishment_id, establishment_id, limit);
  std::vector<AuditRow> out;
  while (r->next()) {
    const auto epoch = static_cast<long long>(r->getDouble("at_epoch"));
    out.push_back({static_cast<unsigned long long>(r->getUInt64("id")), epoch, local_time(epoch),
                   r->getString("identifier"), r->getString("event"), r->getString("detail"),
                   r->getString("remote_addr"), r->getString("uai"), r->getString("school")});
  }
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
