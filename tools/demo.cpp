#include "demo.h"

#include <iomanip>
#include <iostream>
#include <map>

#include "accounts.h"
#include "audit.h"

namespace ts {
namespace {

constexpr const char* kDemoUai = "0869999X";

struct DemoPupil { const char* first; const char* last; const char* klass; const char* birth; };
struct DemoResponsable { const char* civility; const char* first; const char* last; const char* email; };

// Claire Martin has two children (Dylan, Florian); Dylan also has a second
// responsable, Julien Martin: the cases of regroupement and compte joint.
const DemoPupil kPupils[] = {
    {"Dylan", "Martin", "4 C", "2012-03-14"},   {"Florian", "Martin", "6 A", "2014-09-02"},
    {"Inès", "Benali", "5 B", "2013-05-21"},    {"Léa", "Dupont-Rivière", "3 D", "2011-11-30"},
    {"Hugo", "Lefèvre", "4 C", "2012-07-08"},
};
const DemoResponsable kResponsables[] = {
    {"Mme", "Claire", "Martin", "claire.martin@example.org"},
    {"M.", "Julien", "Martin", "julien.martin@example.org"},
    {"M.", "Karim", "Benali", "karim.benali@example.org"},
    {"Mme", "Sophie", "Rivière", "sophie.riviere@example.org"},
    {"Mme", "Élodie", "Lefèvre", "elodie.lefevre@example.org"},
};
// (responsable index, pupil index, legal rank)
const int kLinks[][3] = {{0, 0, 1}, {1, 0, 2}, {0, 1, 1}, {2, 2, 1}, {3, 3, 1}, {4, 4, 1}};

unsigned insert(Db& db, Stmt st) {  // executes the INSERT, returns the new id
  st->executeUpdate();
  return static_cast<unsigned>(last_insert_id(db));
}

void create_school(Db& db, const Config& cfg) {
  auto e = db.prepare(
      "INSERT INTO establishment (uai, name, academie, website, vie_scolaire_phone, vie_scolaire_fax, vie_scolaire_email)"
      " VALUES (?, 'Collège des Tilleuls', ?, 'https://college-des-tilleuls.example/', '05 49 00 00 01', '05 49 00 00 02',"
      " 'vie-scolaire@college-des-tilleuls.example')");
  e->setString(1, kDemoUai);
  e->setString(2, cfg.academie);
  unsigned school = insert(db, e);
  std::map<std::string, unsigned> classes;
  for (const char* name : {"6 A", "5 B", "4 C", "3 D"}) {
    auto c = db.prepare("INSERT INTO school_class (establishment_id, name) VALUES (?, ?)");
    c->setUInt(1, school);
    c->setString(2, name);
    classes[name] = insert(db, c);
  }
  std::vector<unsigned> pupils, responsables;
  for (const auto& p : kPupils) {
    auto st = db.prepare(
        "INSERT INTO pupil (establishment_id, class_id, first_name, last_name, birth_date) VALUES (?, ?, ?, ?, ?)");
    st->setUInt(1, school);
    st->setUInt(2, classes[p.klass]);
    st->setString(3, p.first);
    st->setString(4, p.last);
    st->setString(5, p.birth);
    pupils.push_back(insert(db, st));
  }
  for (const auto& r : kResponsables) {
    auto st = db.prepare(
        "INSERT INTO responsable (civility, first_name, last_name, contact_email) VALUES (?, ?, ?, ?)");
    st->setString(1, r.civility);
    st->setString(2, r.first);
    st->setString(3, r.last);
    st->setString(4, r.email);
    responsables.push_back(insert(db, st));
  }
  auto params = argon2_params(cfg);
  for (const auto& l : kLinks) {
    auto st = db.prepare("INSERT INTO pupil_responsable (pupil_id, responsable_id, legal_rank) VALUES (?, ?, ?)");
    st->setUInt(1, pupils[l[1]]);
    st->setUInt(2, responsables[l[0]]);
    st->setInt(3, l[2]);
    st->executeUpdate();
    // One letter per responsable and child, as schools print them.
    issue_responsable_letter(db, params, responsables[l[0]], pupils[l[1]]);
  }
  for (unsigned p : pupils) issue_pupil_letter(db, params, p);
}

}  // namespace

int load_demo(Db& db, const Config& cfg, bool tsv) {
  Transaction tx(db);
  auto exists = db.prepare("SELECT id FROM establishment WHERE uai = ? FOR UPDATE");
  exists->setString(1, kDemoUai);
  if (!Rows(exists->executeQuery())->next()) create_school(db, cfg);

  // New letters for every demo account still waiting for its first connection.
  auto q = db.prepare(
      "SELECT a.id, a.kind, a.display_name, p.first_name, p.last_name, COALESCE(c.name, ''),"
      " DATE_FORMAT(p.birth_date, '%d/%m/%Y')"
      " FROM account a JOIN letter l ON l.account_id = a.id AND l.id = (SELECT MAX(id) FROM letter WHERE account_id = a.id)"
      " JOIN pupil p ON p.id = l.pupil_id JOIN establishment e ON e.id = p.establishment_id"
      " LEFT JOIN school_class c ON c.id = p.class_id"
      " WHERE e.uai = ? AND a.state = 'letter' ORDER BY a.kind DESC, a.id");
  q->setString(1, kDemoUai);
  Rows r(q->executeQuery());
  struct Line { std::string identifier, password, kind, name, child, klass, birth; };
  std::vector<Line> lines;
  while (r->next()) {
    IssuedLetter l = reissue_letter(db, argon2_params(cfg), r->getUInt(1));
    audit(db, l.account_id, l.identifier, "letter_issued", "demo", "");
    lines.push_back({l.identifier, l.password, r->getString(2), r->getString(3),
                     std::string(r->getString(4)) + " " + std::string(r->getString(5)), r->getString(6),
                     r->getString(7)});
  }
  tx.commit();

  if (tsv) {
    for (const auto& l : lines)
      std::cout << l.identifier << '\t' << l.password << '\t' << l.kind << '\t' << l.name << '\t' << l.child
                << '\t' << l.klass << '\t' << l.birth << '\n';
    return 0;
  }
  std::cout << "Courriers de notification de démonstration (Collège des Tilleuls) :\n";
  for (const auto& l : lines) {
    std::cout << "  " << std::left << std::setw(16) << l.identifier << std::setw(10) << l.password
              << (l.kind == "responsable" ? "responsable " + l.name + ", pour " : "élève ") << l.child << " ("
              << l.klass << "), né(e) le " << l.birth << "\n";
  }
  if (lines.empty()) std::cout << "  (tous les comptes de démonstration sont déjà activés)\n";
  return 0;
}

}  // namespace ts
