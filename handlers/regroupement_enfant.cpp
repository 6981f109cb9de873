// "No second letter needed", part of ts-regroupement: children the school's
// records link to one of the account's responsables (pupil_responsable) but
// that only an unused letter account holds. The responsable proves it knows
// the child with the date of birth (POST /compte/regroupement/enfant); a wrong
// answer counts toward the guessing protection of the current account.
#include "regroupement_enfant.h"

#include "audit.h"
#include "lockout.h"
#include "session.h"

namespace ts {

std::vector<Child> read_pupils(Stmt st) {
  std::vector<Child> out;
  Rows r(st->executeQuery());
  while (r->next()) {
    Child c;
    c.pupil_id = r->getUInt(1);
    c.first_name = r->getString(2);
    c.last_name = r->getString(3);
    out.push_back(c);
  }
  return out;
}

std::vector<Child> attachable_children(Db& db, unsigned account_id) {
  auto st = db.prepare(
      "SELECT DISTINCT p.id, p.first_name, p.last_name FROM pupil p"
      " JOIN pupil_responsable pr ON pr.pupil_id = p.id"
      " JOIN account_child oc ON oc.pupil_id = p.id"
      " JOIN account o ON o.id = oc.account_id AND o.state = 'letter' AND o.kind = 'responsable'"
      " WHERE pr.responsable_id IN (SELECT responsable_id FROM account WHERE id = ?"
      "   UNION SELECT responsable_id FROM account_responsable WHERE account_id = ?)"
      " AND o.responsable_id = pr.responsable_id"
      " AND NOT EXISTS (SELECT 1 FROM account_child x WHERE x.account_id = ? AND x.pupil_id = p.id)"
      " ORDER BY p.first_name, p.id");
  st->setUInt(1, account_id);
  st->setUInt(2, account_id);
  st->setUInt(3, account_id);
  return read_pupils(st);
}

Response attach_child(const Request& req, Context& ctx, const SessionInfo& /*session*/, const Account& a,
                      const std::function<Response(const Form&, unsigned)>& redisplay) {
  Form form(req, {{"csrf_token", 64, nullptr}, {"eleve", 10, nullptr}, {"date_naissance", 10, valid::birth_date}});
  if (!csrf_valid(ctx, req, form.raw("csrf_token"))) return form_expired(ctx, req, "/compte/regroupement");
  unsigned pupil = 0;
  for (const auto& c : attachable_children(ctx.db, a.id))
    if (std::to_string(c.pupil_id) == form.raw("eleve")) pupil = c.pupil_id;
  if (!pupil) throw HttpError(409, "Cet élève ne peut pas être rattaché à votre compte de cette façon.");
  if (form.raw("date_naissance").empty()) {
    form.fail("date_naissance", "Saisissez la date de naissance de votre enfant.");
    return redisplay(form, pupil);
  }
  std::string expected;
  {
    auto st = ctx.db.prepare("SELECT DATE_FORMAT(birth_date, '%Y-%m-%d') FROM pupil WHERE id = ?");
    st->setUInt(1, pupil);
    Rows r(st->executeQuery());
    if (r->next()) expected = r->getString(1);
  }
  if (form.has_error("date_naissance") || form.value("date_naissance") != expected) {
    if (!form.has_error("date_naissance"))
      form.fail("date_naissance",
                "Cette date de naissance ne correspond pas à celle que l'établissement connaît pour cet enfant.");
    if (record_failure(ctx, req, &a, "regroupement_enfant_failure", "wrong birth date for pupil " +
                                                                        std::to_string(pupil))) {
      Response res = locked_page(ctx, req, locked_until(ctx, a.id).value_or(""));
      end_session(ctx, req, res);
      return res;
    }
    return redisplay(form, pupil);
  }
  Transaction tx(ctx.db);
  auto me = lock_account(ctx.db, a.id);
  // The letter accounts of this account's responsables that hold the pupil, locked.
  std::vector<std::pair<unsigned, unsigned>> holders;  // (account, responsable)
  {
    auto st = ctx.db.prepare(
        "SELECT o.id, oc.responsable_id FROM account o JOIN account_child oc ON oc.account_id = o.id"
        " WHERE oc.pupil_id = ? AND o.state = 'letter' AND o.kind = 'responsable' AND o.responsable_id IN"
        " (SELECT responsable_id FROM account WHERE id = ? UNION SELECT responsable_id FROM account_responsable"
        " WHERE account_id = ?) ORDER BY o.id FOR UPDATE");
    st->setUInt(1, pupil);
    st->setUInt(2, a.id);
    st->setUInt(3, a.id);
    Rows r(st->executeQuery());
    while (r->next()) holders.emplace_back(r->getUInt(1), r->getUInt(2));
  }
  if (!me || me->state != "active" || holders.empty())
    throw HttpError(409, "Cet élève ne peut plus être rattaché à votre compte de cette façon.");
  auto ins = ctx.db.prepare("INSERT IGNORE INTO account_child (account_id, pupil_id, responsable_id) VALUES (?, ?, ?)");
  ins->setUInt(1, a.id);
  ins->setUInt(2, pupil);
  ins->setUInt(3, holders.front().second);
  ins->executeUpdate();
  std::string closed;
  for (const auto& [holder, resp] : holders) {
    auto cnt = ctx.db.prepare("SELECT COUNT(DISTINCT pupil_id) FROM account_child WHERE account_id = ?");
    cnt->setUInt(1, holder);
    Rows r(cnt->executeQuery());
    if (!r->next() || r->getUInt(1) != 1) continue;  // the letter also names other children: kept
    for (const char* sql : {"UPDATE account SET state = 'closed', closed_at = UTC_TIMESTAMP() WHERE id = ?",
                            "UPDATE letter SET revoked_at = UTC_TIMESTAMP() WHERE account_id = ? AND used_at IS NULL"
                            " AND revoked_at IS NULL",
                            "DELETE FROM account_child WHERE account_id = ?"}) {
      auto st = ctx.db.prepare(sql);
      st->setUInt(1, holder);
      st->executeUpdate();
    }
    end_all_sessions(ctx, holder);
    closed += (closed.empty() ? "" : ",") + std::to_string(holder);
  }
  audit(ctx.db, a.id, a.identifier, "regroupement_enfant",
        "eleve=" + std::to_string(pupil) + "; comptes_lettre_fermes=" + closed, req.remote_addr);
  tx.commit();
  return Response::redirect("/compte/enfants");
}

}  // namespace ts
