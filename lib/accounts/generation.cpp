#include "generation.h"

#include <algorithm>
#include <ctime>
#include <stdexcept>
#include <tuple>

#include "account.h"
#include "family.h"
#include "followup.h"
#include "letters.h"
#include "period.h"
#include "regroupement.h"
#include "scolarite/records.h"
#include "security/audit.h"

namespace ts::accounts {
namespace {

// The current pupils of the school (establishment ?), of one class (? twice; 0: all).
constexpr const char* kPupils =
    "SELECT p.id, p.first_name, p.last_name, COALESCE(c.name, '') FROM pupil p"
    " LEFT JOIN school_class c ON c.id = p.class_id"
    " WHERE p.establishment_id = ? AND p.left_at IS NULL AND (? = 0 OR p.class_id = ?)"
    " ORDER BY c.name IS NULL, c.name, p.last_name, p.first_name, p.id";
constexpr const char* kClassOf = "SELECT name FROM school_class WHERE id = ? AND establishment_id = ?";
// A pupil's responsables légaux (pupil_responsable), by name.
constexpr const char* kResponsables =
    "SELECT r.id, r.first_name, r.last_name, COALESCE(r.civility, '') FROM pupil_responsable pr"
    " JOIN responsable r ON r.id = pr.responsable_id"
    " WHERE pr.pupil_id = ? ORDER BY r.last_name, r.first_name, r.id";
// An account whose letter was reported "je ne suis pas le représentant
// légal" and waits for staff (reports.h; the letter is suspended): held back,
// no new letter until the report is handled.
#define TS_HELD_BACK(account) \
  "EXISTS (SELECT 1 FROM letter l WHERE l.account_id = " account " AND " TS_LETTER_SUSPENDED("l") ")"
// The pupil's live eleve account, locked.
constexpr const char* kPupilAccount =
    "SELECT a.id, a.state, " TS_HELD_BACK("a.id") " AS held FROM account a"
    " WHERE a.kind = 'eleve' AND a.pupil_id = ? AND a.state <> 'closed'"
    " ORDER BY a.id DESC LIMIT 1 FOR UPDATE";
constexpr const char* kHeldBack = "SELECT " TS_HELD_BACK("?");
// The live responsable account holding the child through that responsable (the follow-up's slot), locked.
constexpr const char* kSlotAccount =
    "SELECT a.id, a.state, " TS_HELD_BACK("a.id") " AS held FROM account a JOIN account_child ac ON ac.account_id = a.id"
    " WHERE ac.pupil_id = ? AND ac.responsable_id = ? AND a.kind = 'responsable' AND a.state <> 'closed'"
    " ORDER BY a.id LIMIT 1 FOR UPDATE";
// The responsable's active account (its own, or a joint account representing it), locked.
constexpr const char* kActiveAccount =
    "SELECT a.id FROM account a WHERE a.kind = 'responsable' AND a.state = 'active'"
    " AND (a.responsable_id = ? OR a.id IN (SELECT ar.account_id FROM account_responsable ar"
    " WHERE ar.responsable_id = ?)) ORDER BY a.id LIMIT 1 FOR UPDATE";
// The civility of the responsable a responsable account is for ("" unknown).
constexpr const char* kCivilityOf =
    "SELECT COALESCE(r.civility, '') FROM account a JOIN responsable r ON r.id = a.responsable_id WHERE a.id = ?";
// The pupil the account's latest letter names, with its class (for a regenerated letter).
constexpr const char* kLetterPupil =
    "SELECT p.first_name, p.last_name, COALESCE(c.name, ''), e.name, e.academie FROM letter l"
    " JOIN pupil p ON p.id = l.pupil_id JOIN establishment e ON e.id = p.establishment_id"
    " LEFT JOIN school_class c ON c.id = p.class_id WHERE l.account_id = ? ORDER BY l.id DESC LIMIT 1";

struct Pupil {
  unsigned id = 0;
  std::string first, last, class_name;
  std::string name() const { return first + " " + last; }
};

LetterPage page_of(const scolarite::Establishment& e, const std::string& date, const Pupil& p,
                   const std::string& addressee, const std::string& civility, const IssuedLetter& l) {
  return {e.name, e.academie, date, p.name(), p.class_name, addressee, l.identifier, l.password, civility};
}

std::string by_text(const Actor& by) {
  return by.identifier.empty() ? "par teleservices-admin" : "par " + by.identifier;
}

}  // namespace

std::string letter_date() {
  char day[11];
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::strftime(day, sizeof day, "%d/%m/%Y", &local);
  return day;
}

std::optional<std::string> class_of(Db& db, unsigned establishment_id, unsigned class_id) {
  return db.scalar(kClassOf, class_id, establishment_id);
}

bool may_get_letter(const std::string& state, const std::string& email) {
  return state == "letter" || state == "pending_email" || (state == "active" && email.empty());
}

Generation generate_letters(Db& db, const crypto::Argon2Params& params, const GenerationRequest& r, const Actor& by) {
  auto e = scolarite::establishment(db, r.establishment_id);
  if (!e) throw std::runtime_error("no such establishment");
  const std::string date = letter_date();
  std::vector<Pupil> pupils;
  {
    Rows rows = db.query(kPupils, r.establishment_id, r.class_id, r.class_id);
    while (rows->next()) {
      Pupil p{rows->getUInt(1), rows->getString(2), rows->getString(3), rows->getString(4)};
      if (r.pupil_ids.empty() || std::find(r.pupil_ids.begin(), r.pupil_ids.end(), p.id) != r.pupil_ids.end())
        pupils.push_back(std::move(p));
    }
  }
  Generation g;
  auto in_time = [&] {
    if (r.deadline && std::chrono::steady_clock::now() > *r.deadline) throw TooLong();
  };
  auto issued = [&](const IssuedLetter& l) {
    security::audit(db, l.account_id, l.identifier, "letter_issued", by_text(by), by.remote_addr);
  };
  // Pupils' letters first, in the pupils' order (class, name).
  if (r.eleves) {
    for (const Pupil& p : pupils) {
      Rows a = db.query(kPupilAccount, p.id);
      IssuedLetter l;
      if (!a->next()) {
        in_time();
        l = issue_pupil_letter(db, params, p.id);
        ++g.created;
      } else if (a->getBoolean("held")) {
        ++g.held;
        continue;
      } else if (a->getString(2) == "letter") {
        in_time();
        l = reissue_letter(db, params, a->getUInt(1));
        ++g.renewed;
      } else {
        ++g.unchanged;
        continue;
      }
      issued(l);
      g.pages.push_back(page_of(*e, date, p, "", "", l));
    }
  }
  if (r.responsables) {
    struct Resp {
      Pupil pupil;
      std::string last, first;
      LetterPage page;
    };
    std::vector<Resp> out;
    for (const Pupil& p : pupils) {
      std::vector<std::tuple<unsigned, std::string, std::string, std::string>> responsables;
      {
        Rows rows = db.query(kResponsables, p.id);
        while (rows->next())
          responsables.emplace_back(rows->getUInt(1), rows->getString(2), rows->getString(3), rows->getString(4));
      }
      for (const auto& [rid, first, last, civility] : responsables) {
        std::optional<unsigned> slot;
        std::string slot_state;
        bool held = false;
        {
          Rows a = db.query(kSlotAccount, p.id, rid);
          if (a->next()) {
            slot = a->getUInt(1);
            slot_state = a->getString(2);
            held = a->getBoolean("held");
          }
        }
        if (held) {
          ++g.held;
          continue;
        }
        if (slot && slot_state != "letter") {
          ++g.unchanged;
          continue;
        }
        std::optional<unsigned> active;
        {
          Rows a = db.query(kActiveAccount, rid, rid);
          if (a->next()) active = a->getUInt(1);
        }
        if (active) {
          // The guide's "no second letter": the child joins the active account.
          if (slot) {
            const auto holders = lock_letter_holders(db, p.id, *active);
            if (!holders.empty()) attach_from_letters(db, *active, p.id, holders);
            else add_child(db, *active, p.id, rid);
          } else {
            add_child(db, *active, p.id, rid);
          }
          ++g.attached;
          continue;
        }
        in_time();
        IssuedLetter l;
        if (slot) {
          l = reissue_letter(db, params, *slot);
          ++g.renewed;
        } else {
          l = issue_responsable_letter(db, params, rid, p.id);
          ++g.created;
        }
        issued(l);
        std::string addressee = first;
        addressee.append(" ").append(last);
        out.push_back({p, last, first, page_of(*e, date, p, addressee, civility, l)});
      }
    }
    // By class, then the pupil's name, then the responsable's (handed out in class).
    std::stable_sort(out.begin(), out.end(), [](const Resp& a, const Resp& b) {
      return std::tie(a.pupil.class_name, a.pupil.last, a.pupil.first, a.pupil.id, a.last, a.first) <
             std::tie(b.pupil.class_name, b.pupil.last, b.pupil.first, b.pupil.id, b.last, b.first);
    });
    for (auto& x : out) g.pages.push_back(std::move(x.page));
  }
  std::string what = std::to_string(g.pages.size()) + " courrier(s)";
  if (r.class_id) what += ", classe " + class_of(db, r.establishment_id, r.class_id).value_or("?");
  else if (!r.pupil_ids.empty()) what += ", " + std::to_string(r.pupil_ids.size()) + " élève(s) choisi(s)";
  else what += ", tout l'établissement";
  what += std::string(r.eleves && r.responsables ? " (élèves et responsables)" : r.eleves ? " (élèves)" : " (responsables)");
  what += " : " + std::to_string(g.created) + " créé(s), " + std::to_string(g.renewed) + " renouvelé(s), " +
          std::to_string(g.attached) + " rattaché(s) sans courrier, " + std::to_string(g.unchanged) +
          " déjà utilisé(s), " + std::to_string(g.held) + " signalé(s) en attente";
  security::audit_school(db, r.establishment_id, by.account_id,
                         by.identifier.empty() ? "teleservices-admin" : by.identifier, "letters_generated",
                  e->uai + " — " + what, by.remote_addr);
  return g;
}

bool letter_held_back(Db& db, unsigned account_id) { return db.scalar(kHeldBack, account_id).value_or("0") != "0"; }

std::optional<LetterPage> regenerate_letter(Db& db, const crypto::Argon2Params& params, unsigned establishment_id,
                                            unsigned account_id, const Actor& by) {
  auto a = lock_family_account(db, establishment_id, account_id);
  if (!a) return std::nullopt;
  if (!may_get_letter(a->state, a->email))
    throw std::runtime_error("only an account whose address is not confirmed gets a new letter");
  if (letter_held_back(db, a->id)) throw std::runtime_error("the account's letter is reported: handle the report first");
  IssuedLetter l = reissue_letter(db, params, a->id);
  security::audit(db, l.account_id, l.identifier, "letter_issued", by_text(by), by.remote_addr);
  if (by.account_id)
    security::audit(db, by.account_id, by.identifier, "helpdesk_letter", l.identifier, by.remote_addr);
  LetterPage page;
  Rows r = db.query(kLetterPupil, a->id);
  if (r->next()) {
    page.pupil_name = r->getString(1) + " " + r->getString(2);
    page.class_name = r->getString(3);
    page.school = r->getString(4);
    page.academie = r->getString(5);
  }
  page.date = letter_date();
  page.addressee = a->is_responsable() ? a->display_name : "";
  if (a->is_responsable()) page.civility = db.scalar(kCivilityOf, a->id).value_or("");
  page.identifier = l.identifier;
  page.password = l.password;
  return page;
}

}  // namespace ts::accounts
