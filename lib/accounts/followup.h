// What the school's staff see of the families' accounts (issue 12;
// docs/STAFF.md "Screens": suivi and assistance). A family account belongs
// to a school through its pupil (a pupil account) or through the children it
// holds (account_child: a responsable account). Every query is scoped in its
// SQL: establishment 0 is the académie (every school); an account of another
// school is not found.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "account.h"
#include "core/db.h"

namespace ts::accounts {

// Family accounts of one school, one class and one kind, counted by state
// (a responsable account holding children of two classes counts in both).
struct FollowupRow {
  std::string uai, school;  // the establishment
  std::string class_name;   // "" for pupils without a class
  std::string kind;         // "responsable" or "eleve"
  unsigned letter = 0, pending_email = 0, active = 0, closed = 0;
};
// By school, class, then kind (responsables first).
std::vector<FollowupRow> followup(Db& db, unsigned establishment_id);

// A family account (responsable or eleve) of the scope by its identifier
// (exact, lower case as identifiers are); nullopt when unknown, a staff
// account, or another school's.
std::optional<Account> find_family_account(Db& db, unsigned establishment_id, const std::string& identifier);
// The same by id, its row locked (FOR UPDATE), for a helpdesk action.
std::optional<Account> lock_family_account(Db& db, unsigned establishment_id, unsigned account_id);


// ---- Issue 13: the follow-up account by account ----------------------------
// What the follow-up expects: one account per current pupil (pupil.left_at
// NULL) and one per responsable légal × child (pupil_responsable). Each such
// "slot" shows the state of the account that serves it (a pupil's eleve
// account; the responsable account holding that child, or the closed one
// whose letter named it), in this priority (contracts of issue 13):
enum class FollowState { ferme, verrouille, signale, actif, en_attente, expire, non_utilisee, non_generee };
inline constexpr FollowState kFollowStates[] = {FollowState::non_generee, FollowState::non_utilisee,
                                                FollowState::en_attente,  FollowState::actif,
                                                FollowState::expire,      FollowState::ferme,
                                                FollowState::verrouille,  FollowState::signale};
// "Lettre non générée", "Non utilisée", … (the pages' and the export's wording).
const char* state_label(FollowState s);
// The URL value of a state ("non-generee", "en-attente", …), and back (false: unknown).
const char* state_code(FollowState s);
bool state_from_code(const std::string& code, FollowState& out);

// One slot (see above).
struct FamilySlot {
  std::string uai, school;       // the pupil's establishment
  unsigned class_id = 0;         // 0: no class
  std::string class_name;        // "" when none
  unsigned pupil_id = 0;
  std::string pupil_name;        // "Prénom Nom"
  std::string kind;              // "eleve" or "responsable"
  std::string holder_name;       // the pupil, or the responsable ("Prénom Nom")
  unsigned account_id = 0;       // 0: no account yet (non_generee)
  std::string identifier;        // "" when no account
  FollowState state = FollowState::non_generee;
  long last_login = 0;           // Unix time of account.last_login_at; 0: never
};

// Figures of a group of slots (a class, a school): expected accounts (slots),
// how many in each state (indexed by FollowState), the activation rate
// actif / expected in per cent (0 when nothing is expected).
struct FollowCounts {
  std::string uai, school;
  unsigned class_id = 0;
  std::string class_name;
  unsigned expected = 0;
  unsigned by_state[8] = {};
  unsigned active() const { return by_state[static_cast<unsigned>(FollowState::actif)]; }
  double rate() const { return expected ? 100.0 * active() / expected : 0.0; }
};

// One query: the figures by class of the scope (school, class name; "no
// class" last), for the follow-up page.
std::vector<FollowCounts> counts_by_class(Db& db, unsigned establishment_id);
// One query: the figures by school of the scope (statistiques: one row per school).
std::vector<FollowCounts> counts_by_school(Db& db, unsigned establishment_id);

// The search of the follow-up; each empty filter matches everything.
struct FamilySearch {
  std::string name;        // prefix of a pupil's or a responsable's first or last name, or "Prénom Nom"
  std::string identifier;  // exact account identifier
  unsigned class_id = 0;   // 0: every class
  std::string email;       // exact: confirmed, pending or contact address
  std::optional<FollowState> state;
};
// Slots of the scope matching `f`, by school, class, pupil, kind (pupil
// first); `offset`/`limit` page through them (the caller caps them). One query.
std::vector<FamilySlot> search_slots(Db& db, unsigned establishment_id, const FamilySearch& f, unsigned offset,
                                     unsigned limit);

// ---- A family account's fiche --------------------------------------------
struct FamilyFiche {
  Account account;
  FollowState state = FollowState::non_utilisee;
  long last_login = 0, created_at = 0, email_confirmed_at = 0, closed_at = 0;  // Unix time; 0: none
  struct Child {
    std::string name, class_name, school;
  };
  std::vector<Child> children;  // of the scope only (a pupil account: its pupil)
};
// A family account of the scope by id, with its state and children (children
// of another school are left out); nullopt when unknown or another school's.
std::optional<FamilyFiche> family_fiche(Db& db, unsigned establishment_id, unsigned account_id);

}  // namespace ts::accounts
