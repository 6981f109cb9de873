#include "followup.h"

#include "account_row.h"
#include "period.h"

namespace ts::accounts {
namespace {

constexpr const char* kFindFamily =
    "SELECT " TS_ACCOUNT_COLUMNS " FROM account a WHERE a.identifier = ? AND" TS_FAMILY_IN_SCOPE;
constexpr const char* kLockFamily =
    "SELECT " TS_ACCOUNT_COLUMNS " FROM account a WHERE a.id = ? AND" TS_FAMILY_IN_SCOPE " FOR UPDATE";

// Accounts by school, class, kind and state: pupil accounts through their
// pupil, responsable accounts through the children they hold.
constexpr const char* kFollowup =
    "SELECT e.uai, e.name AS school, COALESCE(c.name, '') AS class_name, x.kind,"
    " COUNT(DISTINCT IF(x.state = 'letter', x.account_id, NULL)) AS n_letter,"
    " COUNT(DISTINCT IF(x.state = 'pending_email', x.account_id, NULL)) AS n_pending,"
    " COUNT(DISTINCT IF(x.state = 'active', x.account_id, NULL)) AS n_active,"
    " COUNT(DISTINCT IF(x.state = 'closed', x.account_id, NULL)) AS n_closed"
    " FROM ("
    "  SELECT a.id AS account_id, a.kind, a.state, p.establishment_id, p.class_id"
    "  FROM account a JOIN pupil p ON p.id = a.pupil_id"
    "  WHERE a.kind = 'eleve' AND (? = 0 OR p.establishment_id = ?)"
    "  UNION ALL"
    "  SELECT a.id, a.kind, a.state, p.establishment_id, p.class_id"
    "  FROM account a JOIN account_child ac ON ac.account_id = a.id JOIN pupil p ON p.id = ac.pupil_id"
    "  WHERE a.kind = 'responsable' AND (? = 0 OR p.establishment_id = ?)"
    " ) x JOIN establishment e ON e.id = x.establishment_id LEFT JOIN school_class c ON c.id = x.class_id"
    " GROUP BY e.id, e.uai, e.name, c.id, c.name, x.kind"
    " ORDER BY e.name, e.id, c.name IS NULL, c.name, x.kind = 'eleve'";

// ---- Issue 13: slots and their states --------------------------------------
// The slots of the scope (establishment ?, class ? — 0: every one): a
// current pupil's eleve account (a live one first), and each responsable
// légal × child's account — the one holding the child (account_child), or,
// once closed (closing drops the children), the closed account of that
// responsable whose letter named the child. Parameters: establishment twice,
// class twice, then the same four again.
#define TS_SLOTS                                                                                                \
  "SELECT p.id AS pupil_id, 0 AS responsable_id, 'eleve' AS kind,"                                              \
  " (SELECT a.id FROM account a WHERE a.kind = 'eleve' AND a.pupil_id = p.id"                                   \
  "  ORDER BY a.state = 'closed', a.id DESC LIMIT 1) AS account_id"                                             \
  " FROM pupil p WHERE p.left_at IS NULL AND (? = 0 OR p.establishment_id = ?) AND (? = 0 OR p.class_id = ?)"   \
  " UNION ALL"                                                                                                  \
  " SELECT p.id, pr.responsable_id, 'responsable',"                                                             \
  " COALESCE((SELECT MIN(ac.account_id) FROM account_child ac"                                                  \
  "  WHERE ac.pupil_id = p.id AND ac.responsable_id = pr.responsable_id),"                                      \
  " (SELECT MAX(a.id) FROM account a JOIN letter l ON l.account_id = a.id AND l.pupil_id = p.id"                \
  "  WHERE a.kind = 'responsable' AND a.responsable_id = pr.responsable_id AND a.state = 'closed'))"            \
  " FROM pupil p JOIN pupil_responsable pr ON pr.pupil_id = p.id"                                               \
  " WHERE p.left_at IS NULL AND (? = 0 OR p.establishment_id = ?) AND (? = 0 OR p.class_id = ?)"

// An account's follow-up state (contracts of issue 13), `a` the account
// (NULL: none), `l` its latest letter (a new letter revokes the earlier ones).
#define TS_FOLLOW_STATE                                                                                         \
  "CASE WHEN a.id IS NULL THEN 'non-generee'"                                                                   \
  " WHEN a.state = 'closed' THEN 'ferme'"                                                                       \
  " WHEN a.locked_until > UTC_TIMESTAMP() THEN 'verrouille'"                                                    \
  " WHEN " TS_LETTER_SUSPENDED("l") " THEN 'signale'"                                                           \
  " WHEN a.state = 'active' THEN 'actif'"                                                                       \
  " WHEN a.state = 'pending_email' THEN 'en-attente'"                                                           \
  " WHEN l.id IS NULL OR l.revoked_at IS NOT NULL OR l.expires_at <= UTC_TIMESTAMP() THEN 'expire'"             \
  " ELSE 'non-utilisee' END"

#define TS_LATEST_LETTER " LEFT JOIN letter l ON l.id = (SELECT MAX(l2.id) FROM letter l2 WHERE l2.account_id = a.id)"

// The slots with what the pages show of them, state computed (column st).
#define TS_SLOT_ROWS                                                                                            \
  "SELECT e.uai, e.name AS school, COALESCE(c.id, 0) AS class_id, COALESCE(c.name, '') AS class_name,"         \
  " p.id AS pupil_id, p.first_name AS p_first, p.last_name AS p_last, s.kind,"                                  \
  " COALESCE(r.first_name, '') AS r_first, COALESCE(r.last_name, '') AS r_last,"                                \
  " COALESCE(r.contact_email, '') AS r_contact,"                                                                \
  " COALESCE(a.id, 0) AS account_id, COALESCE(a.identifier, '') AS identifier,"                                 \
  " COALESCE(a.email, '') AS a_email, COALESCE(a.pending_email, '') AS a_pending,"                              \
  " COALESCE(UNIX_TIMESTAMP(a.last_login_at), 0) AS last_login, " TS_FOLLOW_STATE " AS st"                      \
  " FROM (" TS_SLOTS ") s JOIN pupil p ON p.id = s.pupil_id JOIN establishment e ON e.id = p.establishment_id"   \
  " LEFT JOIN school_class c ON c.id = p.class_id LEFT JOIN responsable r ON r.id = s.responsable_id"           \
  " LEFT JOIN account a ON a.id = s.account_id" TS_LATEST_LETTER

#define TS_COUNT_COLUMNS                                                                                        \
  " COUNT(*) AS expected, SUM(z.st = 'non-generee') AS n0, SUM(z.st = 'non-utilisee') AS n1,"                   \
  " SUM(z.st = 'en-attente') AS n2, SUM(z.st = 'actif') AS n3, SUM(z.st = 'expire') AS n4,"                     \
  " SUM(z.st = 'ferme') AS n5, SUM(z.st = 'verrouille') AS n6, SUM(z.st = 'signale') AS n7"

constexpr const char* kCountsByClass =
    "SELECT z.uai, z.school, z.class_id, z.class_name," TS_COUNT_COLUMNS " FROM (" TS_SLOT_ROWS ") z"
    " GROUP BY z.uai, z.school, z.class_id, z.class_name"
    " ORDER BY z.school, z.uai, z.class_id = 0, z.class_name";
// Every school of the scope, even one without pupils yet (expected 0).
constexpr const char* kCountsBySchool =
    "SELECT e.uai, e.name AS school, 0 AS class_id, '' AS class_name, COUNT(z.uai) AS expected,"
    " COALESCE(SUM(z.st = 'non-generee'), 0) AS n0, COALESCE(SUM(z.st = 'non-utilisee'), 0) AS n1,"
    " COALESCE(SUM(z.st = 'en-attente'), 0) AS n2, COALESCE(SUM(z.st = 'actif'), 0) AS n3,"
    " COALESCE(SUM(z.st = 'expire'), 0) AS n4, COALESCE(SUM(z.st = 'ferme'), 0) AS n5,"
    " COALESCE(SUM(z.st = 'verrouille'), 0) AS n6, COALESCE(SUM(z.st = 'signale'), 0) AS n7"
    " FROM establishment e LEFT JOIN (" TS_SLOT_ROWS ") z ON z.uai = e.uai WHERE (? = 0 OR e.id = ?)"
    " GROUP BY e.id, e.uai, e.name ORDER BY e.name, e.uai";
// Filters: name prefix (6 times the LIKE pattern, after a flag), identifier,
// email (3 columns), state; then the page.
constexpr const char* kSearch =
    "SELECT z.* FROM (" TS_SLOT_ROWS ") z WHERE"
    " (? = '' OR z.p_last LIKE ? ESCAPE '|' OR z.p_first LIKE ? ESCAPE '|'"
    "  OR CONCAT(z.p_first, ' ', z.p_last) LIKE ? ESCAPE '|' OR z.r_last LIKE ? ESCAPE '|'"
    "  OR z.r_first LIKE ? ESCAPE '|' OR CONCAT(z.r_first, ' ', z.r_last) LIKE ? ESCAPE '|')"
    " AND (? = '' OR z.identifier = ?)"
    " AND (? = '' OR z.a_email = ? OR z.a_pending = ? OR z.r_contact = ?)"
    " AND (? = '' OR z.st = ?)"
    " ORDER BY z.school, z.uai, z.class_id = 0, z.class_name, z.p_last, z.p_first, z.pupil_id, z.kind = 'responsable',"
    " z.r_last, z.r_first, z.account_id"
    " LIMIT ? OFFSET ?";

constexpr const char* kFiche =
    "SELECT " TS_ACCOUNT_COLUMNS ", " TS_FOLLOW_STATE " AS st,"
    " COALESCE(UNIX_TIMESTAMP(a.last_login_at), 0) AS last_login, UNIX_TIMESTAMP(a.created_at) AS created,"
    " COALESCE(UNIX_TIMESTAMP(a.email_confirmed_at), 0) AS confirmed, COALESCE(UNIX_TIMESTAMP(a.closed_at), 0) AS closed"
    " FROM account a" TS_LATEST_LETTER " WHERE a.id = ? AND (" TS_FAMILY_IN_SCOPE
    // A closed account holds no child any more: of the school its letters named a pupil of.
    " OR (a.state = 'closed' AND EXISTS (SELECT 1 FROM letter lc JOIN pupil pc ON pc.id = lc.pupil_id"
    " WHERE lc.account_id = a.id AND pc.establishment_id = ?)))";
// The children of the scope a family account stands for: its pupil, or the
// children it holds; a closed responsable account, the children its letters named.
constexpr const char* kFicheChildren =
    "SELECT DISTINCT p.first_name, p.last_name, COALESCE(c.name, '') AS class_name, e.name AS school"
    " FROM pupil p JOIN establishment e ON e.id = p.establishment_id LEFT JOIN school_class c ON c.id = p.class_id"
    " WHERE (? = 0 OR p.establishment_id = ?) AND (p.id = (SELECT a.pupil_id FROM account a WHERE a.id = ?)"
    " OR p.id IN (SELECT ac.pupil_id FROM account_child ac WHERE ac.account_id = ?)"
    " OR p.id IN (SELECT l.pupil_id FROM letter l JOIN account a ON a.id = l.account_id"
    "  WHERE a.id = ? AND a.state = 'closed'))"
    " ORDER BY p.last_name, p.first_name";

struct StateName {
  FollowState state;
  const char* code;
  const char* label;
};
constexpr StateName kStateNames[] = {
    {FollowState::ferme, "ferme", "Fermé"},
    {FollowState::verrouille, "verrouille", "Verrouillé"},
    {FollowState::signale, "signale", "Signalé"},
    {FollowState::actif, "actif", "Actif"},
    {FollowState::en_attente, "en-attente", "En attente de confirmation"},
    {FollowState::expire, "expire", "Expiré"},
    {FollowState::non_utilisee, "non-utilisee", "Non utilisée"},
    {FollowState::non_generee, "non-generee", "Lettre non générée"},
};

FollowState state_of(const std::string& code) {
  FollowState s = FollowState::non_generee;
  state_from_code(code, s);
  return s;
}

// "Léa", "Martin" -> "Léa Martin".
std::string full_name(const std::string& first, const std::string& last) {
  if (first.empty()) return last;
  if (last.empty()) return first;
  return first + " " + last;
}

// A LIKE pattern matching what starts with `text` (its %, _ and | taken
// literally: '|' is the queries' ESCAPE character, whatever the sql_mode).
std::string prefix_pattern(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '|') out += '|';
    out += ch;
  }
  return out + "%";
}

std::vector<FollowCounts> read_counts(Rows r) {
  std::vector<FollowCounts> out;
  while (r->next()) {
    FollowCounts c;
    c.uai = r->getString("uai");
    c.school = r->getString("school");
    c.class_id = r->getUInt("class_id");
    c.class_name = r->getString("class_name");
    c.expected = r->getUInt("expected");
    // Columns n0..n7 follow the order of kFollowStates (followup.h).
    for (unsigned i = 0; i < 8; ++i)
      c.by_state[static_cast<unsigned>(kFollowStates[i])] = r->getUInt(("n" + std::to_string(i)).c_str());
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<FollowupRow> followup(Db& db, unsigned establishment_id) {
  Rows r = db.query(kFollowup, establishment_id, establishment_id, establishment_id, establishment_id);
  std::vector<FollowupRow> out;
  while (r->next()) {
    FollowupRow row;
    row.uai = r->getString("uai");
    row.school = r->getString("school");
    row.class_name = r->getString("class_name");
    row.kind = r->getString("kind");
    row.letter = r->getUInt("n_letter");
    row.pending_email = r->getUInt("n_pending");
    row.active = r->getUInt("n_active");
    row.closed = r->getUInt("n_closed");
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<Account> find_family_account(Db& db, unsigned establishment_id, const std::string& identifier) {
  Rows r = db.query(kFindFamily, identifier, establishment_id, establishment_id, establishment_id, establishment_id);
  if (!r->next()) return std::nullopt;
  return read_account(*r);
}

std::optional<Account> lock_family_account(Db& db, unsigned establishment_id, unsigned account_id) {
  Rows r = db.query(kLockFamily, account_id, establishment_id, establishment_id, establishment_id, establishment_id);
  if (!r->next()) return std::nullopt;
  return read_account(*r);
}

const char* state_label(FollowState s) {
  for (const auto& n : kStateNames)
    if (n.state == s) return n.label;
  return "";
}

const char* state_code(FollowState s) {
  for (const auto& n : kStateNames)
    if (n.state == s) return n.code;
  return "";
}

bool state_from_code(const std::string& code, FollowState& out) {
  for (const auto& n : kStateNames)
    if (code == n.code) {
      out = n.state;
      return true;
    }
  return false;
}

std::vector<FollowCounts> counts_by_class(Db& db, unsigned establishment_id) {
  const unsigned e = establishment_id;
  return read_counts(db.query(kCountsByClass, e, e, 0u, 0u, e, e, 0u, 0u));
}

std::vector<FollowCounts> counts_by_school(Db& db, unsigned establishment_id) {
  const unsigned e = establishment_id;
  return read_counts(db.query(kCountsBySchool, e, e, 0u, 0u, e, e, 0u, 0u, e, e));
}

std::vector<FamilySlot> search_slots(Db& db, unsigned establishment_id, const FamilySearch& f, unsigned offset,
                                     unsigned limit) {
  const unsigned e = establishment_id, k = f.class_id;
  const std::string like = f.name.empty() ? "" : prefix_pattern(f.name);
  const std::string state = f.state ? state_code(*f.state) : "";
  Rows r = db.query(kSearch, e, e, k, k, e, e, k, k, f.name, like, like, like, like, like, like, f.identifier,
                    f.identifier, f.email, f.email, f.email, f.email, state, state, limit, offset);
  std::vector<FamilySlot> out;
  while (r->next()) {
    FamilySlot s;
    s.uai = r->getString("uai");
    s.school = r->getString("school");
    s.class_id = r->getUInt("class_id");
    s.class_name = r->getString("class_name");
    s.pupil_id = r->getUInt("pupil_id");
    s.pupil_name = full_name(r->getString("p_first"), r->getString("p_last"));
    s.kind = r->getString("kind");
    s.holder_name =
        s.kind == "eleve" ? s.pupil_name : full_name(r->getString("r_first"), r->getString("r_last"));
    s.account_id = r->getUInt("account_id");
    s.identifier = r->getString("identifier");
    s.state = state_of(r->getString("st"));
    s.last_login = static_cast<long>(r->getInt64("last_login"));
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<FamilyFiche> family_fiche(Db& db, unsigned establishment_id, unsigned account_id) {
  const unsigned e = establishment_id;
  FamilyFiche f;
  {
    Rows r = db.query(kFiche, account_id, e, e, e, e, e);
    if (!r->next()) return std::nullopt;
    f.account = read_account(*r);
    f.state = state_of(r->getString("st"));
    f.last_login = static_cast<long>(r->getInt64("last_login"));
    f.created_at = static_cast<long>(r->getInt64("created"));
    f.email_confirmed_at = static_cast<long>(r->getInt64("confirmed"));
    f.closed_at = static_cast<long>(r->getInt64("closed"));
  }
  Rows r = db.query(kFicheChildren, e, e, account_id, account_id, account_id);
  while (r->next())
    f.children.push_back({full_name(r->getString("first_name"), r->getString("last_name")),
                          r->getString("class_name"), r->getString("school")});
  return f;
}

}  // namespace ts::accounts
