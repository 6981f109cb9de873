// What tests/db/ and tests/flows/ share: the configuration of the throw-away
// MariaDB (tests/support/with_mariadb.sh exports TS_TEST_CONF), unique names,
// and a school built through lib/scolarite/records.h with letters issued
// through lib/accounts/letters.h (tiny Argon2 cost).
//
// Every SchoolData gets its own tag (lower-case letters: identifiers keep
// letters only), so its UAI, names and identifiers collide with no other
// test's, committed or not. erase() deletes what it created, for tests whose
// data is committed (the pages and record_failure run their own transactions).
#pragma once
#include <cppconn/statement.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "accounts/account.h"
#include "accounts/letters.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/db.h"
#include "scolarite/records.h"
#include "staff/staff.h"

namespace tst {

// The configuration of the test database, loaded once.
inline const ts::Config& config() {
  static const ts::Config cfg = [] {
    const char* path = std::getenv("TS_TEST_CONF");
    if (!path || !*path)
      throw std::runtime_error("TS_TEST_CONF is not set: run through tests/support/with_mariadb.sh (or ctest)");
    return ts::Config::load(path);
  }();
  return cfg;
}

// Letters are hashed with this: the cheapest Argon2id the library accepts.
inline ts::crypto::Argon2Params tiny_argon2() { return {64, 1}; }

// A new tag of lower-case letters: a random prefix per process, then a counter.
inline std::string tag() {
  static const std::string prefix = [] {
    std::string r = ts::crypto::random_bytes(4), out;
    for (unsigned char c : r) out += static_cast<char>('a' + c % 26);
    return out;
  }();
  static unsigned counter = 0;
  unsigned n = counter++;
  std::string out = prefix;
  for (int i = 0; i < 3; ++i, n /= 26) out += static_cast<char>('a' + n % 26);
  return out;  // 7 letters
}

inline std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// One school (establishment and class "4 C") and what a test adds to it.
struct SchoolData {
  ts::Db& db;
  std::string tag = tst::tag();
  std::string uai = "T" + tag;                   // CHAR(8), unique
  std::string family = "Tst" + capitalised(tag);  // a surname no other test uses
  unsigned school = 0, klass = 0;
  std::vector<unsigned> pupils, responsables, accounts;

  explicit SchoolData(ts::Db& d, const std::string& website = "") : db(d) {
    school = ts::scolarite::insert_establishment(db, uai, "Collège " + family, "Académie de test", website,
                                                 "05 49 00 00 01", "", "");
    klass = ts::scolarite::insert_class(db, school, "4 C");
  }

  // A pupil of the family (surname `family` unless given).
  unsigned pupil(const std::string& first, const std::string& birth = "2012-03-14", const std::string& last = "") {
    pupils.push_back(ts::scolarite::insert_pupil(db, school, klass, first, last.empty() ? family : last, birth));
    return pupils.back();
  }
  unsigned responsable(const std::string& first, const std::string& last = "", const std::string& email = "") {
    responsables.push_back(ts::scolarite::insert_responsable(db, "Mme", first, last.empty() ? family : last, email));
    return responsables.back();
  }
  // A responsable legally linked to a pupil, and the letter the school prints for them.
  ts::accounts::IssuedLetter responsable_letter(unsigned responsable_id, unsigned pupil_id, bool link = true,
                                                int rank = 1) {
    if (link) ts::scolarite::link_pupil_responsable(db, pupil_id, responsable_id, rank);
    auto l = ts::accounts::issue_responsable_letter(db, tiny_argon2(), responsable_id, pupil_id);
    accounts.push_back(l.account_id);
    return l;
  }
  ts::accounts::IssuedLetter pupil_letter(unsigned pupil_id) {
    auto l = ts::accounts::issue_pupil_letter(db, tiny_argon2(), pupil_id);
    accounts.push_back(l.account_id);
    return l;
  }
  // The identifier a person of this family gets (without suffix): "c" + "tst" + tag.
  std::string identifier_of(const std::string& first) const {
    std::string base(1, static_cast<char>(first[0] | 0x20));
    for (char c : family) base += static_cast<char>(c | 0x20);
    return base;
  }

  // Deletes everything above (committed tests): accounts first (their letters,
  // codes, sessions, children and pending merges go with them), their audit
  // rows, then the school's records.
  void erase() {
    for (unsigned a : accounts) {
      db.exec("DELETE FROM audit_log WHERE account_id = ?", a);
      db.exec("DELETE FROM account WHERE id = ?", a);
    }
    for (unsigned p : pupils) db.exec("DELETE FROM pupil WHERE id = ?", p);
    for (unsigned r : responsables) db.exec("DELETE FROM responsable WHERE id = ?", r);
    db.exec("DELETE FROM school_class WHERE establishment_id = ?", school);
    db.exec("DELETE FROM establishment WHERE id = ?", school);
  }
};

// The account through its first connection and address confirmation: state
// active with `email` (a pupil may give none: active without address).
inline void first_connection(ts::Db& db, unsigned account_id, const std::string& hash, const std::string& address);
inline void activate(ts::Db& db, unsigned account_id, const std::string& email, const std::string& password_hash = "") {
  first_connection(db, account_id, password_hash.empty() ? std::string("$argon2id$not-a-real-hash") : password_hash,
                   email);
  if (!email.empty()) ts::accounts::confirm_address(db, account_id, email);
}

// One value of a query with ? placeholders (nullopt: no row or NULL).
template <class... A>
std::optional<std::string> sql_value(ts::Db& db, const char* sql, const A&... args) {
  return db.scalar(sql, args...);
}
template <class... A>
long sql_long(ts::Db& db, const char* sql, const A&... args) {
  auto v = db.scalar(sql, args...);
  if (!v) throw std::runtime_error(std::string("no value for ") + sql);
  return std::stol(*v);
}

// A statement without parameters ("SELECT @@autocommit"), outside the
// prepared-statement cache: its one value.
inline long plain_long(ts::Db& db, const char* sql) {
  std::unique_ptr<sql::Statement> st(db.conn().createStatement());
  std::unique_ptr<sql::ResultSet> r(st->executeQuery(sql));
  if (!r->next()) throw std::runtime_error(std::string("no value for ") + sql);
  return static_cast<long>(r->getInt64(1));
}

// accounts::record_first_connection on the account `account_id` as it is now.
inline void first_connection(ts::Db& db, unsigned account_id, const std::string& hash, const std::string& address) {
  auto a = ts::accounts::lock_account(db, account_id);
  if (!a) throw std::runtime_error("no account " + std::to_string(account_id));
  ts::accounts::record_first_connection(db, *a, hash, address);
}

// A staff account (lib/staff) of `school` (0: the académie, with the
// academie role alone), its password set (state active): its id. `last`
// should be a test's own name (SchoolData::family) so that identifiers do not
// collide; the address is <first>.<last>@example.org, lower-cased.
inline unsigned staff_member(ts::Db& db, unsigned school, ts::staff::Roles roles, const std::string& first,
                             const std::string& last, std::vector<ts::staff::Teaching> teaching = {}) {
  ts::staff::NewStaff s;
  s.first_name = first;
  s.last_name = last;
  for (char ch : first + "." + last) s.email += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  s.email += "@example.org";
  s.establishment_id = school;
  s.roles = roles;
  s.teaching = std::move(teaching);
  auto created = ts::staff::create_staff(db, s);
  ts::staff::enrol_password(db, created.account_id, "$argon2id$not-a-real-hash");
  return created.account_id;
}

}  // namespace tst
