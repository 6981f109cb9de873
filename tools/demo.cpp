#include "demo.h"

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "accounts/letters.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "staff_cli.h"

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

void create_school(Db& db, const Config& cfg) {
  unsigned school = scolarite::insert_establishment(
      db, kDemoUai, "Collège des Tilleuls", cfg.academie, "https://college-des-tilleuls.example/", "05 49 00 00 01",
      "05 49 00 00 02", "vie-scolaire@college-des-tilleuls.example");
  std::map<std::string, unsigned> classes;
  for (const char* name : {"6 A", "5 B", "4 C", "3 D"}) classes[name] = scolarite::insert_class(db, school, name);
  std::vector<unsigned> pupils, responsables;
  for (const auto& p : kPupils)
    pupils.push_back(scolarite::insert_pupil(db, school, classes[p.klass], p.first, p.last, p.birth));
  for (const auto& r : kResponsables)
    responsables.push_back(scolarite::insert_responsable(db, r.civility, r.first, r.last, r.email));
  auto params = crypto::argon2_params(cfg);
  for (const auto& l : kLinks) {
    scolarite::link_pupil_responsable(db, pupils[l[1]], responsables[l[0]], l[2]);
    // One letter per responsable and child, as schools print them.
    accounts::issue_responsable_letter(db, params, responsables[l[0]], pupils[l[1]]);
  }
  for (unsigned p : pupils) accounts::issue_pupil_letter(db, params, p);
}

}  // namespace

int load_demo(Db& db, const Config& cfg, bool tsv) {
  Transaction tx(db);
  if (!scolarite::find_establishment(db, kDemoUai)) create_school(db, cfg);
  std::ostringstream staff_lines;
  if (!tsv) demo_staff(db, cfg, scolarite::find_establishment(db, kDemoUai), staff_lines);

  // New letters for every demo account still waiting for its first connection.
  struct Line { std::string identifier, password, kind, name, child, klass, birth; };
  std::vector<Line> lines;
  for (const auto& w : accounts::accounts_waiting(db, kDemoUai)) {
    accounts::IssuedLetter l = accounts::reissue_letter(db, crypto::argon2_params(cfg), w.account_id);
    security::audit(db, l.account_id, l.identifier, "letter_issued", "démonstration", "");
    lines.push_back({l.identifier, l.password, w.kind, w.display_name, w.child_name, w.class_name, w.birth_date});
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
  if (lines.empty()) std::cout << "  (tous les comptes de démonstration ont déjà fait leur première connexion)\n";
  std::cout << staff_lines.str();
  return 0;
}

}  // namespace ts
