// Regrouper des comptes: the entry form (SUIVANT), the confirmation screen
// and VALIDER/ANNULER. Between the two steps the pending merge lives
// server-side (lib/accounts/regroupement.h save_pending), keyed by the
// session: the confirmation form carries no account id.
#include <sstream>

#include "accounts/family.h"
#include "accounts/letters.h"
#include "accounts/mails.h"
#include "accounts/regroupement.h"
#include "regroupement.h"
#include "security/audit.h"
#include "security/lockout.h"
#include "web/render.h"
#include "web/views.h"

namespace ts::regroupement {
using namespace ts::web;
using accounts::Account;

namespace {

const char* kWrongCredentials = "Identifiant ou mot de passe incorrect.";

Response refused_here(Call& c, int status, const std::string& why) {
  return info_page(c, status, "Regroupement impossible", why, "/compte/regroupement", "Retour au regroupement");
}

// Whether `password` opens `other` (its letter, or its own password; a letter
// account closed by a regroupement: its last letter still proves who asks).
// Costs one Argon2 verification whatever the case.
bool proves(Db& db, const Config& cfg, const Account& other, const std::string& password) {
  std::optional<std::string> hash;
  bool letter_hash = true;
  if (other.state == "letter") {
    if (auto letter = accounts::current_letter(db, other.id)) hash = letter->password_hash;
  } else if (!other.password_hash.empty()) {
    hash = other.password_hash;
    letter_hash = false;
  } else if (other.state == "closed") {
    hash = accounts::last_letter_hash(db, other.id);
  }
  if (!hash) {
    crypto::dummy_verify(password, crypto::argon2_params(cfg));
    return false;
  }
  return letter_hash ? accounts::letter_password_matches(*hash, password) : crypto::verify_password(*hash, password);
}

Response confirmation_page(Call& c, const Account& other) {
  const Account& a = c.account();
  auto mine = accounts::pupils_held(c.ctx.db, a.id);
  auto theirs = accounts::pupils_held(c.ctx.db, other.id);
  Page p{200, "Regrouper des comptes : confirmation", "regroupement/confirmation.tpl", true, "COMPTE"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("IDENTIFIER", a.identifier);
    d.SetValue("OTHER", other.identifier);
    for (const auto& [section, list] : {std::pair{"MINE", &mine}, std::pair{"THEIRS", &theirs}}) {
      for (const auto& child : *list) {
        auto* row = d.AddSectionDictionary(section);
        row->SetValue("FIRST_NAME", child.first_name);
        row->SetValue("LAST_NAME", child.last_name);
      }
      if (list->empty()) d.ShowSection(std::string(section) + "_EMPTY");
    }
  });
}

Response done_page(Call& c) {
  return render(c, Page{200, "Confirmation de regroupement de comptes", "regroupement/effectue.tpl", true, "COMPTE"},
                nullptr);
}

Response no_pending(Call& c) {
  return info_page(c, 409, "Regroupement introuvable",
                   "Aucune demande de regroupement n'est en cours pour cette session, ou elle a expiré (elle n'est "
                   "valable que " + std::to_string(accounts::kPendingMinutes) + " minutes), ou elle a déjà été "
                   "traitée. Aucun compte n'a été modifié. Vérifiez la liste de vos enfants, puis recommencez si "
                   "besoin.");
}

// The audit row of a merge, a sentence for the journal's readers ("compte
// cmartin1 fermé (état courrier) et regroupé dans ce compte ; 2 élèves
// déplacés : n° 12 (responsable n° 1), …"): accounts by their identifier,
// as the rest of the trail names them. Nothing reads it back: undoing a
// merge uses its record (merge_record.h).
std::string merge_detail(const Account& a, const Account& other, const std::vector<std::pair<unsigned, unsigned>>& moved) {
  const std::string state = other.state == "letter"          ? "courrier"
                            : other.state == "pending_email" ? "adresse à confirmer"
                            : other.state == "active"        ? "actif"
                                                             : other.state;
  std::ostringstream detail;
  detail << "compte " << other.identifier << " fermé (état " << state
         << ") et regroupé dans ce compte ; " << moved.size() << (moved.size() > 1 ? " élèves déplacés" : " élève déplacé");
  for (size_t i = 0; i < moved.size(); ++i)
    detail << (i ? ", n° " : " : n° ") << moved[i].first << " (responsable n° " << moved[i].second << ")";
  detail << " ; responsables n° " << a.responsable_id << " (ce compte) et n° " << other.responsable_id
         << " (compte fermé)";
  return detail.str();
}

}  // namespace

Response info_page(Call& c, int status, const std::string& title, const std::string& message, const std::string& href,
                   const std::string& link) {
  return message_page(c, status, title, message, href, link, "COMPTE");
}

Response entry(Call& c) { return entry_page(c, nullptr, 200); }

Response submit(Call& c) {
  Form form(c.req, {{"identifiant", 40, valid::identifier}, {"mot_de_passe", 128, nullptr}});
  const Account& a = c.account();
  Db& db = c.ctx.db;
  if (form.raw("identifiant").empty()) form.fail("identifiant", "Saisissez l'identifiant du compte à regrouper.");
  if (form.raw("mot_de_passe").empty()) form.fail("mot_de_passe", "Saisissez le mot de passe du compte à regrouper.");
  if (!form.ok()) return entry_page(c, &form, 422);

  const std::string& password = form.raw("mot_de_passe");
  auto other = accounts::find_account(db, form.value("identifiant"));
  if (!other) {
    crypto::dummy_verify(password, crypto::argon2_params(c.ctx.cfg));
    security::record_failure(db, c.ctx.cfg, c.req.remote_addr, {0, "", "regroupement_failure", "identifiant inconnu"});
    form.fail("mot_de_passe", kWrongCredentials);
    return entry_page(c, &form, 422);
  }
  if (other->id == a.id) {
    form.fail("identifiant", accounts::merge_refusal(db, a, *other));
    return entry_page(c, &form, 422);
  }
  if (other->locked_until) {
    security::audit(db, a.id, a.identifier, "regroupement_refused", "compte " + other->identifier + " verrouillé",
                    c.req.remote_addr);
    return refused_here(c, 403, "Ce compte est momentanément bloqué après plusieurs essais de mot de passe incorrects. "
                                "Réessayez plus tard.");
  }
  // The credentials first: the refusals below tell nothing to someone who does not know them.
  if (!proves(db, c.ctx.cfg, *other, password)) {
    security::Failure f{other->id, other->identifier, "regroupement_failure",
                        "mauvais mot de passe (regroupement demandé par " + a.identifier + ")"};
    if (security::record_failure(db, c.ctx.cfg, c.req.remote_addr, f))
      return refused_here(c, 403, "Trop d'essais incorrects : ce compte est momentanément bloqué. Réessayez plus tard.");
    form.fail("mot_de_passe", kWrongCredentials);
    return entry_page(c, &form, 422);
  }
  std::string why = accounts::merge_refusal(db, a, *other);
  if (!why.empty()) {
    security::audit(db, a.id, a.identifier, "regroupement_refused", "compte " + other->identifier + " : " + why, c.req.remote_addr);
    return refused_here(c, 403, why);
  }
  accounts::save_pending(db, c.session->id_hash, a.id, other->id);  // autocommit: one statement
  return confirmation_page(c, *other);
}

Response confirm(Call& c) {
  Form form(c.req, {{"decision", 10, nullptr}});
  const Account& me = c.account();
  Db& db = c.ctx.db;
  const std::string& decision = form.raw("decision");
  if (decision == "annuler") {
    accounts::drop_pending(db, c.session->id_hash);
    return Response::redirect("/compte/enfants");
  }
  if (decision != "valider") throw HttpError(400, "Choisissez VALIDER ou ANNULER.");

  auto other_id = accounts::pending_other(db, c.session->id_hash, me.id, false);
  if (!other_id) return accounts::done_recently(db, c.session->id_hash, me.id) ? done_page(c) : no_pending(c);
  Transaction tx(db);
  auto pair = accounts::lock_pair(db, me.id, *other_id);
  auto still = accounts::pending_other(db, c.session->id_hash, me.id, true);
  if (!pair || still != other_id) {
    // A repeated VALIDER that waited for the first one: the outcome, as the first got it.
    if (accounts::done_recently(db, c.session->id_hash, me.id)) return done_page(c);
    accounts::drop_pending(db, c.session->id_hash);
    tx.commit();
    return no_pending(c);
  }
  const auto& [a, other] = *pair;
  std::string why = accounts::merge_refusal(db, a, other);
  if (!why.empty()) {
    accounts::drop_pending(db, c.session->id_hash);
    security::audit(db, a.id, a.identifier, "regroupement_refused", "compte " + other.identifier + " : " + why, c.req.remote_addr);
    tx.commit();
    return info_page(c, 409, "Regroupement impossible", why + " Aucun compte n'a été modifié.");
  }
  auto moved = accounts::merge_into(db, a, other);
  accounts::record_done(db, c.session->id_hash, a.id, other.id);
  security::audit(db, a.id, a.identifier, "regroupement", merge_detail(a, other, moved), c.req.remote_addr);
  accounts::queue_regroupement_mails(db, a, other);
  tx.commit();
  return done_page(c);
}

}  // namespace ts::regroupement
