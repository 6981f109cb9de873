#include "accounts.h"

#include <algorithm>
#include <stdexcept>

#include "app.h"
#include "identifiers.h"
#include "outbox.h"

namespace ts {
namespace {

// Compile-time literal: the SQL text stays constant.
#define TS_ACCOUNT_SELECT \
    "SELECT id, identifier, kind, state, display_name, COALESCE(password_hash, '') AS password_hash," \
    " COALESCE(email, '') AS email, COALESCE(pending_email, '') AS pending_email," \
    " COALESCE(responsable_id, 0) AS responsable_id, COALESCE(pupil_id, 0) AS pupil_id," \
    " (state = 'pending_email' AND first_connection_at < UTC_TIMESTAMP() - INTERVAL 3 MONTH) AS activation_expired" \
    " FROM account "

Account read_account(sql::ResultSet& r) {
  Account a;
  a.id = r.getUInt("id");
  a.identifier = r.getString("identifier");
  a.kind = r.getString("kind");
  a.state = r.getString("state");
  a.display_name = r.getString("display_name");
  a.password_hash = r.getString("password_hash");
  a.email = r.getString("email");
  a.pending_email = r.getString("pending_email");
  a.responsable_id = r.getUInt("responsable_id");
  a.pupil_id = r.getUInt("pupil_id");
  a.activation_expired = r.getBoolean("activation_expired");
  return a;
}

bool is_duplicate_key(const sql::SQLException& e) { return e.getErrorCode() == 1062; }

std::string person_name(Db& db, const char* query, unsigned id, std::string& first, std::string& last) {
  auto st = db.prepare(query);
  st->setUInt(1, id);
  Rows r(st->executeQuery());
  if (!r->next()) throw std::runtime_error("unknown person");
  first = r->getString(1);
  last = r->getString(2);
  return first + " " + last;
}

void insert_letter(Db& db, const crypto::Argon2Params& p, unsigned account_id, unsigned pupil_id,
                   const std::string& password) {
  auto revoke = db.prepare(
      "UPDATE letter SET revoked_at = UTC_TIMESTAMP() WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL");
  revoke->setUInt(1, account_id);
  revoke->executeUpdate();
  auto ins = db.prepare(
      "INSERT INTO letter (account_id, pupil_id, password_hash, created_at, expires_at)"
      " VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 3 MONTH)");
  ins->setUInt(1, account_id);
  ins->setUInt(2, pupil_id);
  ins->setString(3, crypto::hash_password(password, p));
  ins->executeUpdate();
}

// Inserts the account under the first free identifier of the series.
unsigned insert_account(Db& db, const std::string& base, const std::string& kind, const std::string& display_name,
                        unsigned responsable_id, unsigned pupil_id, std::string& identifier) {
  auto free_from = db.prepare(
      "SELECT identifier FROM account WHERE identifier = ? OR identifier REGEXP ?");
  free_from->setString(1, base);
  free_from->setString(2, "^" + base + "[0-9]+$");
  Rows r(free_from->executeQuery());
  int next = 0;
  bool base_taken = false;
  while (r->next()) {
    std::string id = r->getString(1);
    if (id == base) base_taken = true;
    else next = std::max(next, std::stoi(id.substr(base.size())) + 1);
  }
  if (base_taken && next == 0) next = 1;
  for (int attempt = 0; attempt < 20; ++attempt, ++next) {
    identifier = with_suffix(base, next);
    auto ins = db.prepare(
        "INSERT INTO account (identifier, kind, state, display_name, responsable_id, pupil_id)"
        " VALUES (?, ?, 'letter', ?, ?, ?)");
    ins->setString(1, identifier);
    ins->setString(2, kind);
    ins->setString(3, display_name);
    if (responsable_id) ins->setUInt(4, responsable_id); else ins->setNull(4, 0);
    if (pupil_id) ins->setUInt(5, pupil_id); else ins->setNull(5, 0);
    try {
      ins->executeUpdate();
      return static_cast<unsigned>(last_insert_id(db));
    } catch (const sql::SQLException& e) {
      if (!is_duplicate_key(e)) throw;  // taken meanwhile by another import: try the next suffix
    }
  }
  throw std::runtime_error("no free identifier for " + base);
}

}  // namespace

crypto::Argon2Params argon2_params(const Config& cfg) {
  return {static_cast<unsigned>(cfg.argon2_memory_kib), static_cast<unsigned>(cfg.argon2_iterations)};
}

std::optional<Account> find_account(Db& db, const std::string& identifier) {
  auto st = db.prepare(TS_ACCOUNT_SELECT "WHERE identifier = ?");
  st->setString(1, identifier);
  Rows r(st->executeQuery());
  if (!r->next()) return std::nullopt;
  return read_account(*r);
}

std::optional<Account> lock_account(Db& db, unsigned account_id) {
  auto st = db.prepare(TS_ACCOUNT_SELECT "WHERE id = ? FOR UPDATE");
  st->setUInt(1, account_id);
  Rows r(st->executeQuery());
  if (!r->next()) return std::nullopt;
  return read_account(*r);
}

std::optional<Letter> current_letter(Db& db, unsigned account_id) {
  auto st = db.prepare(
      "SELECT id, pupil_id, password_hash, expires_at <= UTC_TIMESTAMP() AS expired FROM letter"
      " WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL ORDER BY id DESC LIMIT 1");
  st->setUInt(1, account_id);
  Rows r(st->executeQuery());
  if (!r->next()) return std::nullopt;
  Letter l;
  l.id = r->getUInt("id");
  l.pupil_id = r->getUInt("pupil_id");
  l.password_hash = r->getString("password_hash");
  l.expired = r->getBoolean("expired");
  return l;
}

std::vector<Child> children_of(Db& db, const Account& a) {
  Stmt st;
  if (a.is_responsable()) {
    st = db.prepare(
        "SELECT p.id, p.first_name, p.last_name, COALESCE(c.name, ''), e.name,"
        " CONCAT(r.first_name, ' ', r.last_name)"
        " FROM account_child ac JOIN pupil p ON p.id = ac.pupil_id"
        " JOIN responsable r ON r.id = ac.responsable_id"
        " JOIN establishment e ON e.id = p.establishment_id LEFT JOIN school_class c ON c.id = p.class_id"
        " WHERE ac.account_id = ? ORDER BY p.birth_date, p.first_name");
    st->setUInt(1, a.id);
  } else {
    st = db.prepare(
        "SELECT p.id, p.first_name, p.last_name, COALESCE(c.name, ''), e.name, ''"
        " FROM pupil p JOIN establishment e ON e.id = p.establishment_id"
        " LEFT JOIN school_class c ON c.id = p.class_id WHERE p.id = ?");
    st->setUInt(1, a.pupil_id);
  }
  Rows r(st->executeQuery());
  std::vector<Child> out;
  while (r->next())
    out.push_back({r->getUInt(1), r->getString(2), r->getString(3), r->getString(4), r->getString(5),
                   r->getString(6)});
  return out;
}

bool check_new_password(const Context& ctx, Form& form, const char* field, const char* confirmation_field) {
  const std::string& pw = form.raw(field);
  if (pw.empty()) form.fail(field, "Choisissez un nouveau mot de passe.");
  else if (!form.has_error(field) && ctx.common_passwords.contains(pw))
    form.fail(field, "Ce mot de passe est trop courant : choisissez-en un autre, plus difficile à deviner.");
  if (form.raw(confirmation_field) != pw)
    form.fail(confirmation_field, "La confirmation ne correspond pas au mot de passe saisi.");
  return form.ok();
}

std::optional<School> school_of(Db& db, unsigned account_id) {
  auto st = db.prepare(
      "SELECT e.name, COALESCE(e.website, '') FROM account a JOIN establishment e ON e.id = COALESCE("
      "  (SELECT p.establishment_id FROM pupil p WHERE p.id = a.pupil_id),"
      "  (SELECT MIN(p.establishment_id) FROM account_child c JOIN pupil p ON p.id = c.pupil_id"
      "    WHERE c.account_id = a.id))"
      " WHERE a.id = ?");
  st->setUInt(1, account_id);
  Rows r(st->executeQuery());
  if (!r->next()) return std::nullopt;
  return School{r->getString(1), r->getString(2)};
}

void account_frame(ctemplate::TemplateDictionary& d, const Account& a, const char* current) {
  d.SetValue("NAME", a.display_name);
  auto* menu = d.AddIncludeDictionary("MENU");
  menu->SetFilename("compte_menu.tpl");
  menu->ShowSection(current);
}

void fill_children(ctemplate::TemplateDictionary& d, const std::vector<Child>& children) {
  for (const auto& c : children) {
    auto* row = d.AddSectionDictionary("CHILD");
    row->SetValue("FIRST_NAME", c.first_name);
    row->SetValue("LAST_NAME", c.last_name);
    row->SetValue("CLASS", c.class_name);
    row->SetValue("ESTABLISHMENT", c.establishment);
    if (!c.responsable_name.empty()) {
      row->ShowSection("HAS_RESPONSABLE");
      row->SetValue("RESPONSABLE", c.responsable_name);
    }
  }
}

std::string expected_birth_date(Db& db, const Account& a, const Letter& l) {
  auto st = db.prepare("SELECT DATE_FORMAT(birth_date, '%Y-%m-%d') FROM pupil WHERE id = ?");
  st->setUInt(1, a.is_responsable() ? l.pupil_id : a.pupil_id);
  Rows r(st->executeQuery());
  return r->next() ? std::string(r->getString(1)) : std::string();
}

std::string pupil_first_name(Db& db, unsigned pupil_id) {
  auto st = db.prepare("SELECT first_name FROM pupil WHERE id = ?");
  st->setUInt(1, pupil_id);
  Rows r(st->executeQuery());
  return r->next() ? std::string(r->getString(1)) : std::string();
}

IssuedLetter issue_responsable_letter(Db& db, const crypto::Argon2Params& p, unsigned responsable_id,
                                      unsigned pupil_id) {
  std::string first, last;
  std::string name = person_name(db, "SELECT first_name, last_name FROM responsable WHERE id = ?", responsable_id,
                                 first, last);
  IssuedLetter out;
  out.account_id = insert_account(db, identifier_base(first, last), "responsable", name, responsable_id, 0,
                                  out.identifier);
  auto child = db.prepare("INSERT INTO account_child (account_id, pupil_id, responsable_id) VALUES (?, ?, ?)");
  child->setUInt(1, out.account_id);
  child->setUInt(2, pupil_id);
  child->setUInt(3, responsable_id);
  child->executeUpdate();
  out.password = new_letter_password();
  insert_letter(db, p, out.account_id, pupil_id, out.password);
  return out;
}

IssuedLetter issue_pupil_letter(Db& db, const crypto::Argon2Params& p, unsigned pupil_id) {
  std::string first, last;
  std::string name = person_name(db, "SELECT first_name, last_name FROM pupil WHERE id = ?", pupil_id, first, last);
  IssuedLetter out;
  out.account_id = insert_account(db, identifier_base(first, last), "eleve", name, 0, pupil_id, out.identifier);
  out.password = new_letter_password();
  insert_letter(db, p, out.account_id, pupil_id, out.password);
  return out;
}

IssuedLetter reissue_letter(Db& db, const crypto::Argon2Params& p, unsigned account_id) {
  auto a = lock_account(db, account_id);
  if (!a || a->state != "letter") throw std::runtime_error("only an account not yet activated gets a new letter");
  auto old = db.prepare("SELECT pupil_id FROM letter WHERE account_id = ? ORDER BY id DESC LIMIT 1");
  old->setUInt(1, account_id);
  Rows r(old->executeQuery());
  unsigned pupil_id = r->next() ? r->getUInt(1) : a->pupil_id;
  IssuedLetter out{account_id, a->identifier, new_letter_password()};
  insert_letter(db, p, account_id, pupil_id, out.password);
  return out;
}

std::string issue_email_token(Db& db, unsigned account_id, const std::string& purpose, const std::string& email,
                              int valid_hours) {
  std::string token = crypto::new_token(256);
  auto st = db.prepare(
      "INSERT INTO email_token (account_id, purpose, token_hash, email, created_at, expires_at)"
      " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? HOUR)");
  st->setUInt(1, account_id);
  st->setString(2, purpose);
  st->setString(3, crypto::sha256(token));
  st->setString(4, email);
  st->setInt(5, valid_hours);
  st->executeUpdate();
  return token;
}

void queue_activation_mail(Context& ctx, const Account& a, const std::string& email, const std::string& token) {
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("LINK", ctx.cfg.base_url + "/validerAdresseMail?code=" + token);
  d.SetValue("IDENTIFIER", a.identifier);
  enqueue_mail(ctx.db, {email, a.display_name, "Message des services en ligne - Activation de votre compte",
                        mail_body("mail_activation.tpl", d)});
}

}  // namespace ts
