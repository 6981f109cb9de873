#include "lockout.h"

#include <ctime>

#include "app.h"
#include "audit.h"
#include "ratelimit.h"
#include "render.h"

namespace ts {
namespace {
RateLimit login_ip_limit(const Config& cfg) {
  return {"login_ip", cfg.login_ip_max_failures, cfg.login_ip_window_minutes * 60};
}

// Paris time as French users read it. TZ is set once at start-up (run_handler).
std::string french_time(long epoch) {
  std::time_t t = epoch;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%d/%m/%Y à %H h %M", &tm);
  return buf;
}
}  // namespace

long lock_duration_seconds(long base_seconds, unsigned lock_count) {
  constexpr long kDay = 24 * 3600;
  long d = base_seconds;
  for (unsigned i = 0; i < lock_count && d < kDay; ++i) d *= 2;
  return d < kDay ? d : kDay;
}

std::optional<std::string> locked_until(Context& ctx, unsigned account_id) {
  auto st = ctx.db.prepare(
      "SELECT UNIX_TIMESTAMP(locked_until) FROM account WHERE id = ? AND locked_until > UTC_TIMESTAMP()");
  st->setUInt(1, account_id);
  Rows r(st->executeQuery());
  if (!r->next()) return std::nullopt;
  return french_time(r->getInt64(1));
}

bool record_failure(Context& ctx, const Request& req, const Account* account, const std::string& event,
                    const std::string& reason) {
  Transaction tx(ctx.db);
  rate_record(ctx.db, login_ip_limit(ctx.cfg), req.remote_addr);
  bool locked = false;
  if (account) {
    auto st = ctx.db.prepare("SELECT failed_logins, lock_count FROM account WHERE id = ? FOR UPDATE");
    st->setUInt(1, account->id);
    Rows r(st->executeQuery());
    if (r->next()) {
      unsigned failures = r->getUInt(1) + 1, locks = r->getUInt(2);
      if (static_cast<int>(failures) >= ctx.cfg.max_failed_logins) {
        auto lock = ctx.db.prepare(
            "UPDATE account SET failed_logins = 0, lock_count = lock_count + 1,"
            " locked_until = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?");
        lock->setInt64(1, lock_duration_seconds(ctx.cfg.lock_seconds, locks));
        lock->setUInt(2, account->id);
        lock->executeUpdate();
        locked = true;
      } else {
        auto up = ctx.db.prepare("UPDATE account SET failed_logins = ? WHERE id = ?");
        up->setUInt(1, failures);
        up->setUInt(2, account->id);
        up->executeUpdate();
      }
    }
  }
  audit(ctx.db, account ? account->id : 0, account ? account->identifier : "", event, reason, req.remote_addr);
  if (locked)
    audit(ctx.db, account->id, account->identifier, "lock",
          "after " + std::to_string(ctx.cfg.max_failed_logins) + " failures", req.remote_addr);
  tx.commit();
  return locked;
}

void record_success(Context& ctx, unsigned account_id) {
  auto st = ctx.db.prepare("UPDATE account SET failed_logins = 0, lock_count = 0, locked_until = NULL WHERE id = ?");
  st->setUInt(1, account_id);
  st->executeUpdate();
}

bool client_blocked(Context& ctx, const Request& req) {
  return !rate_allowed(ctx.db, login_ip_limit(ctx.cfg), req.remote_addr);
}

Response locked_page(Context& ctx, const Request& req, const std::string& until) {
  return message_page(ctx, req, 403, "Compte temporairement verrouillé",
                      "Après plusieurs tentatives de connexion infructueuses, ce compte est verrouillé jusqu'au " +
                          until +
                          " (heure de Paris). Réessayez après cette heure. Si vous avez oublié votre mot de passe, "
                          "utilisez « Mot de passe oublié ? » ou adressez-vous à l'établissement.",
                      "/connexion", "Retour à la connexion");
}

Response too_many_attempts_page(Context& ctx, const Request& req) {
  return message_page(ctx, req, 429, "Trop de tentatives",
                      "Trop de tentatives de connexion ont échoué depuis votre connexion internet. Patientez "
                      "quelques minutes avant de réessayer.",
                      "/connexion", "Retour à la connexion");
}

}  // namespace ts
