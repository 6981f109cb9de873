#include "staff_cli.h"

#include <ctime>
#include <iomanip>
#include <iostream>
#include <map>

#include "accounts/account.h"
#include "core/validators.h"
#include "scolarite/records.h"
#include "security/audit.h"
#include "staff/second_factor.h"
#include "staff/staff.h"

namespace ts {
namespace {

std::string link_of(const Config& cfg, const std::string& code) { return cfg.base_url + "/personnel/activer?code=" + code; }

int staff_usage() {
  std::cerr << "usage: teleservices-admin staff create --uai UAI --role ROLE[,ROLE…] --name \"Prénom Nom\" --email ADDRESS\n"
               "       teleservices-admin staff create --role academie --name \"Prénom Nom\" --email ADDRESS\n"
               "       teleservices-admin staff link IDENTIFIER\n"
               "       teleservices-admin staff code IDENTIFIER   (development only)\n"
               "roles: direction, secretariat, vie_scolaire, enseignant, academie\n";
  return 2;
}

// create: the first administrator of a school (or an académie account).
int create(Db& db, const Config& cfg, const std::vector<std::string>& args) {
  std::map<std::string, std::string> opt;
  std::string roles_text;
  for (size_t i = 1; i < args.size(); i += 2) {
    if (i + 1 >= args.size()) return staff_usage();
    const std::string& key = args[i];
    if (key == "--role") roles_text += (roles_text.empty() ? "" : ",") + args[i + 1];
    else if (key == "--uai" || key == "--name" || key == "--email") opt[key] = args[i + 1];
    else return staff_usage();
  }
  staff::NewStaff s;
  for (size_t start = 0; start <= roles_text.size();) {
    size_t end = roles_text.find(',', start);
    if (end == std::string::npos) end = roles_text.size();
    staff::Role r{};
    const std::string name = roles_text.substr(start, end - start);
    if (!staff::role_from_name(name, r) || r == staff::Role::assistance) {
      std::cerr << "teleservices-admin: unknown role '" << name << "'\n";
      return staff_usage();
    }
    s.roles |= staff::bit(r);
    start = end + 1;
  }
  const std::string name = opt["--name"];
  const size_t space = name.find(' ');
  if (!s.roles || space == std::string::npos || space == 0 || space + 1 >= name.size()) return staff_usage();
  s.first_name = name.substr(0, space);
  s.last_name = name.substr(space + 1);
  if (s.first_name.size() > 80 || s.last_name.size() > 80) {  // the columns' sizes (sql/009)
    std::cerr << "teleservices-admin: first and last names are 80 characters at most\n";
    return 1;
  }
  if (!valid::email(opt["--email"], s.email).empty()) {
    std::cerr << "teleservices-admin: invalid address '" << opt["--email"] << "'\n";
    return 1;
  }
  const bool academie = s.roles == staff::bit(staff::Role::academie);
  if (academie != opt["--uai"].empty()) {
    std::cerr << "teleservices-admin: --uai is required for a school's staff, and refused for --role academie alone\n";
    return 1;
  }
  Transaction tx(db);
  if (!academie) {
    s.establishment_id = scolarite::find_establishment(db, opt["--uai"]);
    if (!s.establishment_id) {
      std::cerr << "teleservices-admin: no establishment with UAI " << opt["--uai"] << "\n";
      return 1;
    }
  }
  staff::Created c = staff::create_staff(db, s);
  security::audit(db, c.account_id, c.identifier, "staff_created",
                  "par teleservices-admin : " + staff::roles_label(s.roles), "");
  tx.commit();
  std::cout << c.identifier << '\t' << link_of(cfg, c.enrolment_code) << '\n';
  return 0;
}

// link: a new enrolment link (a forgotten password, an expired link).
int new_link(Db& db, const Config& cfg, const std::string& identifier) {
  Transaction tx(db);
  auto a = accounts::find_account(db, identifier);
  if (!a || !a->is_staff() || a->state == "closed") {
    std::cerr << "teleservices-admin: no open staff account " << identifier << "\n";
    return 1;
  }
  const std::string fresh = staff::new_enrolment_code(db, a->id);
  security::audit(db, a->id, a->identifier, "staff_enrolment_link", "par teleservices-admin", "");
  tx.commit();
  std::cout << a->identifier << '\t' << link_of(cfg, fresh) << '\n';
  return 0;
}

// code: the current TOTP code, for trying the demo without an authenticator
// app — development only, like the demo mail page.
int current(Db& db, const Config& cfg, const std::string& identifier) {
  if (!cfg.dev_mail_page) {
    std::cerr << "teleservices-admin: staff code is refused: the configuration is not in development mode "
                 "([site] dev_mail_page = true)\n";
    return 1;
  }
  auto a = accounts::find_account(db, identifier);
  if (!a || !a->is_staff() || a->state == "closed") {
    std::cerr << "teleservices-admin: no open staff account " << identifier << "\n";
    return 1;
  }
  auto shown = staff::current_code(db, cfg, a->id, static_cast<long long>(std::time(nullptr)));
  if (!shown) {
    std::cerr << "teleservices-admin: " << identifier << " has no second factor yet (sign in to enrol)\n";
    return 1;
  }
  std::cout << *shown << '\n';
  return 0;
}

struct DemoStaff {
  const char* first;
  const char* last;
  const char* email;
  staff::Roles roles;
  const char* label;
};
const DemoStaff kDemoStaff[] = {
    {"Anne", "Moreau", "direction@college-des-tilleuls.example", staff::bit(staff::Role::direction), "direction"},
    {"Patrick", "Girard", "secretariat@college-des-tilleuls.example", staff::bit(staff::Role::secretariat),
     "secrétariat"},
    {"Nadia", "Roux", "nadia.roux@college-des-tilleuls.example", staff::bit(staff::Role::enseignant),
     "enseignante (mathématiques, 4 C et 3 D)"},
};

}  // namespace

int staff_command(Db& db, const Config& cfg, const std::vector<std::string>& args) {
  if (args.empty()) return staff_usage();
  if (args[0] == "create") return create(db, cfg, args);
  if (args[0] == "link" && args.size() == 2) return new_link(db, cfg, args[1]);
  if (args[0] == "code" && args.size() == 2) return current(db, cfg, args[1]);
  return staff_usage();
}

void demo_staff(Db& db, const Config& cfg, unsigned establishment_id, std::ostream& out) {
  auto existing = staff::list_staff(db, establishment_id);
  out << "Personnels de démonstration (connexion sur " << cfg.base_url
      << "/personnel ; sans application d'authentification : make staff-code ID=IDENTIFIANT) :\n";
  for (const auto& d : kDemoStaff) {
    const staff::StaffMember* found = nullptr;
    for (const auto& m : existing)
      if (m.email == d.email) found = &m;
    std::string identifier, code;
    if (!found) {
      staff::NewStaff s{d.first, d.last, d.email, establishment_id, d.roles, {}, 0};
      if (staff::has(d.roles, staff::Role::enseignant))
        for (const auto& c : scolarite::classes_of(db, establishment_id))
          if (c.name == "4 C" || c.name == "3 D") s.teaching.push_back({c.id, c.name, "Mathématiques"});
      staff::Created c = staff::create_staff(db, s);
      security::audit(db, c.account_id, c.identifier, "staff_created", "démonstration", "");
      identifier = c.identifier;
      code = c.enrolment_code;
    } else if (found->state == "letter") {
      identifier = found->identifier;
      code = staff::new_enrolment_code(db, found->account_id);
    } else {
      identifier = found->identifier;
    }
    out << "  " << std::left << std::setw(16) << identifier << d.first << " " << d.last << ", " << d.label << "\n";
    if (!code.empty())
      out << "      lien d'activation (72 h, usage unique) : " << link_of(cfg, code) << "\n";
    else
      out << "      compte déjà activé ; code du moment : make staff-code ID=" << identifier << "\n";
  }
}

}  // namespace ts
