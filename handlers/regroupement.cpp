// Flow "regroupement de comptes" (spec "Regrouper des comptes", guide "Comment
// faire un regroupement ?"): a responsable signed in gives the identifier and
// password of another account (a letter not yet used, or an activated
// responsable account); after a confirmation screen, the other account's
// pupils move to the current account and the other account is closed.
//
// GET/POST /compte/regroupement        identifiant + mot de passe (SUIVANT)
// POST     /compte/regroupement/confirmer  decision=valider|annuler
//
// Between the two steps the pending merge lives in table regroupement_pending,
// keyed by the session id digest: the confirmation form carries no account id.
// Children are keyed by pupil: a pupil already on the current account is not
// added again (whatever responsable it was linked through); the responsables
// both accounts represented are recorded in account_responsable (compte joint).
#include <cctype>
#include <set>
#include <sstream>

#include "accounts.h"
#include "app.h"
#include "audit.h"
#include "lockout.h"
#include "outbox.h"
#include "regroupement_enfant.h"
#include "render.h"
#include "session.h"

namespace ts {

// GET/POST /compte/fiche (handlers/regroupement_fiche.cpp).
Response fiche(const Request& req, Context& ctx, const SessionInfo& s, const Account& a);

namespace {

constexpr int kPendingMinutes = 10;
const char* kWrongCredentials = "Identifiant ou mot de passe incorrect.";

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Response info_page(Context& ctx, const Request& req, const SessionInfo& s, int status, const std::string& title,
                   const std::string& message, const std::string& href = "/compte/enfants",
                   const std::string& link = "Retour aux enfants rattachés") {
  Page p{status, title, "message.tpl", true, "COMPTE"};
  return render(ctx, req, p, message_fill(status, title, message, href, link), &s);
}

Response entry_page(Context& ctx, const Request& req, const SessionInfo& s, const Account& a, const Form* form,
                    int status, const Form* child_form = nullptr, unsigned child_id = 0) {
  auto attachable = attachable_children(ctx.db, a.id);
  Page p{status, "Regrouper des comptes", "regroupement_saisie.tpl", true, "COMPTE"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIER", a.identifier);
    if (form) fill_form(d, *form, {"identifiant"});
    if (!attachable.empty()) d.ShowSection("ATTACHABLE");
    // A wrong date for a child: listed in the page's error summary too, linked to its field.
    if (child_form) fill_error_summary(d, *child_form, "-" + std::to_string(child_id));
    for (const auto& c : attachable) {
      auto* row = d.AddSectionDictionary("KNOWN_CHILD");
      row->SetIntValue("PUPIL_ID", c.pupil_id);
      row->SetValue("FIRST_NAME", c.first_name);
      row->SetValue("LAST_NAME", c.last_name);
      if (child_form && child_id == c.pupil_id) {
        row->SetValue("DATE_VALUE", child_form->raw("date_naissance"));
        for (const auto& [name, msg] : child_form->errors()) {
          row->ShowSection("DATE_HAS_ERROR");
          row->SetValue("DATE_ERROR", msg);
        }
      }
    }
  }, &s);
}

// Why `other` cannot be merged into `a` ("" when it can). Letter state checked
// by the caller (needs the letter).
std::string refusal(const Account& a, const Account& other) {
  if (other.id == a.id) return "Vous ne pouvez pas regrouper votre compte avec lui-même.";
  if (!other.is_responsable())
    return "Ce compte est un compte élève : seuls les comptes de responsables peuvent être regroupés.";
  if (other.state == "closed") return "Ce compte est fermé : il ne peut plus être regroupé.";
  if (other.state == "pending_email")
    return "L'adresse mail de ce compte n'a pas encore été confirmée : activez-le d'abord avec le lien reçu par "
           "courriel, puis recommencez le regroupement.";
  if (other.activation_expired) return "Ce compte a été désactivé : il ne peut plus être regroupé.";
  if (a.state != "active") return "Votre compte ne peut pas être regroupé pour le moment.";
  return "";
}

std::vector<Child> children_by_account(Db& db, unsigned account_id) {
  auto st = db.prepare(
      "SELECT DISTINCT p.id, p.first_name, p.last_name FROM account_child c JOIN pupil p ON p.id = c.pupil_id"
      " WHERE c.account_id = ? ORDER BY p.last_name, p.first_name, p.id");
  st->setUInt(1, account_id);
  return read_pupils(st);
}

Response submit(const Request& req, Context& ctx, const SessionInfo& s, const Account& a) {
  Form form(req, {{"csrf_token", 64, nullptr}, {"identifiant", 40, valid::identifier}, {"mot_de_passe", 128, nullptr}});
  if (!csrf_valid(ctx, req, form.raw("csrf_token"))) return form_expired(ctx, req, "/compte/regroupement");
  if (client_blocked(ctx, req)) return too_many_attempts_page(ctx, req);
  if (form.raw("identifiant").empty()) form.fail("identifiant", "Saisissez l'identifiant du compte à regrouper.");
  if (form.raw("mot_de_passe").empty()) form.fail("mot_de_passe", "Saisissez le mot de passe du compte à regrouper.");
  if (!form.ok()) return entry_page(ctx, req, s, a, &form, 422);

  const std::string& password = form.raw("mot_de_passe");
  auto params = argon2_params(ctx.cfg);
  auto other = find_account(ctx.db, form.value("identifiant"));
  if (!other) {
    crypto::dummy_verify(password, params);
    record_failure(ctx, req, nullptr, "regroupement_failure", "unknown identifier");
    form.fail("mot_de_passe", kWrongCredentials);
    return entry_page(ctx, req, s, a, &form, 422);
  }
  if (other->id == a.id) {
    form.fail("identifiant", refusal(a, *other));
    return entry_page(ctx, req, s, a, &form, 422);
  }
  if (locked_until(ctx, other->id)) {
    audit(ctx.db, a.id, a.identifier, "regroupement_refused", "other account locked: " + other->identifier,
          req.remote_addr);
    return info_page(ctx, req, s, 403, "Regroupement impossible",
                     "Ce compte est momentanément bloqué après plusieurs essais de mot de passe incorrects. "
                     "Réessayez plus tard.", "/compte/regroupement", "Retour au regroupement");
  }
  // The credentials first: the refusals below tell nothing to someone who does not know them.
  bool right = false;
  std::optional<Letter> letter;
  if (other->state == "letter") {
    letter = current_letter(ctx.db, other->id);
    if (letter) right = crypto::verify_password(letter->password_hash, upper(password));
    else crypto::dummy_verify(password, params);
  } else if (!other->password_hash.empty()) {
    right = crypto::verify_password(other->password_hash, password);
  } else if (other->state == "closed") {
    // A letter account closed by a regroupement: its last letter still proves who asks.
    auto st = ctx.db.prepare("SELECT password_hash FROM letter WHERE account_id = ? ORDER BY id DESC LIMIT 1");
    st->setUInt(1, other->id);
    Rows r(st->executeQuery());
    if (r->next()) right = crypto::verify_password(r->getString(1), upper(password));
    else crypto::dummy_verify(password, params);
  } else {
    crypto::dummy_verify(password, params);
  }
  if (!right) {
    if (record_failure(ctx, req, &*other, "regroupement_failure", "wrong password (regroupement by " +
                                                                       a.identifier + ")"))
      return info_page(ctx, req, s, 403, "Regroupement impossible",
                       "Trop d'essais incorrects : ce compte est momentanément bloqué. Réessayez plus tard.",
                       "/compte/regroupement", "Retour au regroupement");
    form.fail("mot_de_passe", kWrongCredentials);
    return entry_page(ctx, req, s, a, &form, 422);
  }
  std::string why = refusal(a, *other);
  if (why.empty() && letter && letter->expired)
    why = "Le courrier de notification de ce compte a expiré : il n'est valable que 3 mois après sa création.";
  if (!why.empty()) {
    audit(ctx.db, a.id, a.identifier, "regroupement_refused", other->identifier + ": " + why, req.remote_addr);
    return info_page(ctx, req, s, 403, "Regroupement impossible", why, "/compte/regroupement",
                     "Retour au regroupement");
  }
  {
    Transaction tx(ctx.db);
    auto st = ctx.db.prepare(
        "REPLACE INTO regroupement_pending (session_hash, account_id, other_account_id, expires_at)"
        " VALUES (?, ?, ?, UTC_TIMESTAMP() + INTERVAL 10 MINUTE)");
    st->setString(1, s.id_hash);
    st->setUInt(2, a.id);
    st->setUInt(3, other->id);
    st->executeUpdate();
    tx.commit();
  }
  static_assert(kPendingMinutes == 10, "keep the SQL interval in step");
  auto mine = children_by_account(ctx.db, a.id);
  auto theirs = children_by_account(ctx.db, other->id);
  Page p{200, "Regrouper des comptes : confirmation", "regroupement_confirmation.tpl", true, "COMPTE"};
  return render(ctx, req, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIER", a.identifier);
    d.SetValue("OTHER", other->identifier);
    for (const auto& c : mine) {
      auto* row = d.AddSectionDictionary("MINE");
      row->SetValue("FIRST_NAME", c.first_name);
      row->SetValue("LAST_NAME", c.last_name);
    }
    if (mine.empty()) d.ShowSection("MINE_EMPTY");
    for (const auto& c : theirs) {
      auto* row = d.AddSectionDictionary("THEIRS");
      row->SetValue("FIRST_NAME", c.first_name);
      row->SetValue("LAST_NAME", c.last_name);
    }
    if (theirs.empty()) d.ShowSection("THEIRS_EMPTY");
  }, &s);
}

Response no_pending(Context& ctx, const Request& req, const SessionInfo& s) {
  return info_page(ctx, req, s, 409, "Regroupement introuvable",
                   "Aucune demande de regroupement n'est en cours pour cette session, ou elle a expiré (elle n'est "
                   "valable que " + std::to_string(kPendingMinutes) + " minutes), ou elle a déjà été traitée. "
                   "Aucun compte n'a été modifié. Vérifiez la liste de vos enfants, puis recommencez si besoin.",
                   "/compte/enfants", "Retour aux enfants rattachés");
}

void delete_pending(Db& db, const std::string& session_hash) {
  auto del = db.prepare("DELETE FROM regroupement_pending WHERE session_hash = ?");
  del->setString(1, session_hash);
  del->executeUpdate();
}

void exec_id(Db& db, const char* sql, unsigned id) {
  auto st = db.prepare(sql);
  st->setUInt(1, id);
  st->executeUpdate();
}

Response confirm(const Request& req, Context& ctx, const SessionInfo& s, const Account& me) {
  Form form(req, {{"csrf_token", 64, nullptr}, {"decision", 10, nullptr}});
  if (!csrf_valid(ctx, req, form.raw("csrf_token"))) return form_expired(ctx, req, "/compte/regroupement");
  const std::string& decision = form.raw("decision");
  if (decision == "annuler") {
    Transaction tx(ctx.db);
    delete_pending(ctx.db, s.id_hash);
    tx.commit();
    return Response::redirect("/compte/enfants");
  }
  if (decision != "valider") throw HttpError(400, "Choisissez VALIDER ou ANNULER.");

  unsigned other_id = 0;
  {
    auto st = ctx.db.prepare(
        "SELECT other_account_id FROM regroupement_pending WHERE session_hash = ? AND account_id = ?");
    st->setString(1, s.id_hash);
    st->setUInt(2, me.id);
    Rows r(st->executeQuery());
    if (!r->next()) return no_pending(ctx, req, s);
    other_id = r->getUInt(1);
  }
  Transaction tx(ctx.db);
  // Both accounts, lower id first: concurrent merges of the same pair (either
  // direction) queue here instead of deadlocking.
  auto first = lock_account(ctx.db, std::min(me.id, other_id));
  auto second = lock_account(ctx.db, std::max(me.id, other_id));
  std::optional<Account> a = first && first->id == me.id ? first : second;
  std::optional<Account> other = first && first->id == other_id ? first : second;
  {
    auto st = ctx.db.prepare(
        "SELECT other_account_id FROM regroupement_pending WHERE session_hash = ? AND account_id = ?"
        " AND expires_at > UTC_TIMESTAMP() FOR UPDATE");
    st->setString(1, s.id_hash);
    st->setUInt(2, me.id);
    Rows r(st->executeQuery());
    if (!r->next() || r->getUInt(1) != other_id || !a || !other) {
      delete_pending(ctx.db, s.id_hash);
      tx.commit();
      return no_pending(ctx, req, s);
    }
  }
  std::string why = refusal(*a, *other);
  if (why.empty() && other->state == "letter") {
    auto l = current_letter(ctx.db, other->id);
    if (!l || l->expired) why = "Le courrier de notification de ce compte n'est plus valable.";
  }
  if (!why.empty()) {
    delete_pending(ctx.db, s.id_hash);
    audit(ctx.db, a->id, a->identifier, "regroupement_refused", other->identifier + ": " + why, req.remote_addr);
    tx.commit();
    return info_page(ctx, req, s, 409, "Regroupement impossible", why + " Aucun compte n'a été modifié.");
  }

  // Pupils of the other account not yet on this one (key: the pupil).
  std::vector<std::pair<unsigned, unsigned>> moved;
  {
    auto st = ctx.db.prepare(
        "SELECT c.pupil_id, MIN(c.responsable_id) FROM account_child c WHERE c.account_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM account_child x WHERE x.account_id = ? AND x.pupil_id = c.pupil_id)"
        " GROUP BY c.pupil_id ORDER BY c.pupil_id");
    st->setUInt(1, other->id);
    st->setUInt(2, a->id);
    Rows r(st->executeQuery());
    while (r->next()) moved.emplace_back(r->getUInt(1), r->getUInt(2));
  }
  for (const auto& [pupil, resp] : moved) {
    auto ins = ctx.db.prepare("INSERT IGNORE INTO account_child (account_id, pupil_id, responsable_id) VALUES (?, ?, ?)");
    ins->setUInt(1, a->id);
    ins->setUInt(2, pupil);
    ins->setUInt(3, resp);
    ins->executeUpdate();
  }
  exec_id(ctx.db, "DELETE FROM account_child WHERE account_id = ?", other->id);
  for (unsigned r : {a->responsable_id, other->responsable_id}) {
    if (!r) continue;
    auto ins = ctx.db.prepare("INSERT IGNORE INTO account_responsable (account_id, responsable_id) VALUES (?, ?)");
    ins->setUInt(1, a->id);
    ins->setUInt(2, r);
    ins->executeUpdate();
  }
  exec_id(ctx.db, "UPDATE account SET state = 'closed', closed_at = UTC_TIMESTAMP() WHERE id = ?", other->id);
  end_all_sessions(ctx, other->id);
  exec_id(ctx.db, "UPDATE email_token SET used_at = UTC_TIMESTAMP() WHERE account_id = ? AND used_at IS NULL",
          other->id);
  exec_id(ctx.db,
          "UPDATE letter SET revoked_at = UTC_TIMESTAMP() WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL",
          other->id);
  delete_pending(ctx.db, s.id_hash);
  exec_id(ctx.db, "DELETE FROM regroupement_pending WHERE other_account_id = ?", other->id);
  exec_id(ctx.db, "DELETE FROM regroupement_pending WHERE account_id = ?", other->id);

  std::ostringstream detail;
  detail << "compte_ferme=" << other->identifier << " (id " << other->id << ", etat " << other->state
         << "); eleves_deplaces=";
  for (size_t i = 0; i < moved.size(); ++i)
    detail << (i ? "," : "") << moved[i].first << ":" << moved[i].second;
  detail << "; responsables=" << a->responsable_id << "," << other->responsable_id;
  audit(ctx.db, a->id, a->identifier, "regroupement", detail.str(), req.remote_addr);

  ctemplate::TemplateDictionary d("mail");
  d.SetValue("IDENTIFIER", a->identifier);
  d.SetValue("CLOSED", other->identifier);
  std::string body = mail_body("mail_regroupement.tpl", d);
  std::set<std::string> sent;
  for (const Account* acc : {&*a, &*other}) {
    if (acc->email.empty() || !sent.insert(acc->email).second) continue;
    enqueue_mail(ctx.db, {acc->email, acc->display_name, "Message des services en ligne - Regroupement de comptes", body});
  }
  tx.commit();
  Page p{200, "Confirmation de regroupement de comptes", "regroupement_effectue.tpl", true, "COMPTE"};
  return render(ctx, req, p, [](ctemplate::TemplateDictionary&) {}, &s);
}

Response handle(const Request& req, Context& ctx) {
  const bool entry = req.path == "/compte/regroupement";
  const bool fiche_path = req.path == "/compte/fiche";
  const bool child_path = req.path == "/compte/regroupement/enfant";
  if (!entry && !fiche_path && !child_path && req.path != "/compte/regroupement/confirmer") return not_found(ctx, req);
  auto s = load_session(ctx, req);
  if (!s) return Response::redirect("/connexion");
  if (s->stage == "first_connection") return Response::redirect("/premiere-connexion");
  if (s->stage == "pending") return Response::redirect("/compte-en-attente");
  auto a = find_account(ctx.db, s->identifier);
  if (!a) return Response::redirect("/connexion");
  if (!a->is_responsable() && fiche_path)
    return info_page(ctx, req, *s, 403, "Fiche réservée aux responsables",
                     "La fiche de renseignements est celle des responsables d'élèves : un compte élève n'en a pas.",
                     "/compte", "Retour à mon compte");
  if (!a->is_responsable()) {
    Form ignored(req, {{"csrf_token", 64, nullptr}, {"identifiant", 40, nullptr}, {"mot_de_passe", 128, nullptr},
                       {"decision", 10, nullptr}});
    return info_page(ctx, req, *s, 403, "Regroupement réservé aux responsables",
                     "Le regroupement de comptes est réservé aux comptes des responsables d'élèves. Un compte élève "
                     "ne peut pas être regroupé.", "/compte", "Retour à mon compte");
  }
  if (fiche_path) return fiche(req, ctx, *s, *a);
  if (child_path) {
    if (req.method != "POST") return Response::redirect("/compte/regroupement");
    if (auto until = locked_until(ctx, a->id)) return locked_page(ctx, req, *until);
    return attach_child(req, ctx, *s, *a, [&](const Form& f, unsigned pupil) {
      return entry_page(ctx, req, *s, *a, nullptr, 422, &f, pupil);
    });
  }
  if (entry) {
    if (req.method == "POST") return submit(req, ctx, *s, *a);
    if (req.method != "GET" && req.method != "HEAD") throw HttpError(405, "Méthode non prise en charge.");
    Form none(req, {});
    return entry_page(ctx, req, *s, *a, nullptr, 200);
  }
  if (req.method != "POST") return Response::redirect("/compte/regroupement");
  return confirm(req, ctx, *s, *a);
}

}  // namespace
}  // namespace ts

int main(int argc, char** argv) { return ts::run_handler(argc, argv, "regroupement", ts::handle); }
