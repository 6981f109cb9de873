// teleservices-admin: the administration command line.
//   migrate            apply sql/NNN_*.sql migrations not yet applied (idempotent)
//   demo [--tsv]       load the demo school (once) and print letters for its
//                      accounts not yet activated (new passwords each time)
//   letter IDENTIFIER  print a new letter for an account without a confirmed
//                      address (the previous letter's password stops
//                      working; an account past its first connection goes
//                      back to the letter stage)
//   error-pages DIR    write nginx's error pages (400 to 505: every status nginx
//                      answers by itself) with the layout
//   staff create|link|code  staff accounts (docs/STAFF.md): a school's first
//                      administrator or an académie account, with a one-time
//                      enrolment link; a new link; the current TOTP code
//                      (development only)
//   letters --uai UAI [--classe "4 C"] [--responsables|--eleves] --out FILE.pdf
//                      (issue 13 — courriers) a class's or school's letters as one PDF
//   purge [--dry-run]  delete accounts whose letter expired unused, or whose
//                      address was not confirmed within 3 months, old
//                      rate-limit counters, and the files of import previews
//                      not confirmed within the hour (run daily:
//                      systemd/teleservices-purge.timer)
//   inactivity [--dry-run]  (issue 13 — aide) family accounts unused for 335
//                      days warned by mail (once), closed at 365 days
//                      (lib/accounts/inactivity.h; daily, after the purge)
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "accounts/account.h"
#include "accounts/inactivity.h"
#include "accounts/letters.h"
#include "core/config.h"
#include "core/db.h"
#include "core/log.h"
#include "core/migrations.h"
#include "demo.h"
#include "scolarite/import.h"  // issue 13 — import: stale previews
#include "security/audit.h"
#include "security/ratelimit.h"
#include "staff_cli.h"
#include "letters_cli.h"  // issue 13 — courriers
#include "import_cli.h"  // issue 13 — import
#include "web/render.h"

namespace ts {
namespace {
using security::audit;

int migrate(Db& db) {
  if (apply_migrations(db, migrations(), std::cout) == 0) std::cout << "schema up to date\n";
  return 0;
}

int letter(Db& db, const Config& cfg, const std::string& identifier) {
  auto a = accounts::find_account(db, identifier);
  if (!a) {
    std::cerr << "no account " << identifier << "\n";
    return 1;
  }
  if (a->state == "closed" || !a->email.empty()) {
    std::cerr << identifier << " has a confirmed address (or is closed); it gets no new letter\n";
    return 1;
  }
  Transaction tx(db);
  accounts::IssuedLetter l = accounts::reissue_letter(db, crypto::argon2_params(cfg), a->id);
  audit(db, a->id, a->identifier, "letter_issued", "par teleservices-admin", "");
  tx.commit();
  std::cout << l.identifier << "\t" << l.password << "\n";
  return 0;
}

int purge(Db& db, bool dry_run) {
  Transaction tx(db);
  int n = 0;
  accounts::for_each_expired_account(db, [&](unsigned id, const std::string& identifier, const std::string& state) {
    const char* why = state == "letter" ? "courrier non utilisé depuis 3 mois" : "adresse non confirmée dans les 3 mois";
    std::cout << (dry_run ? "à supprimer : " : "supprimé : ") << identifier << " (" << why << ")\n";
    if (!dry_run) {
      accounts::delete_account(db, id);
      audit(db, id, identifier, "account_purged", why, "");
    }
    ++n;
  });
  // issue 13 — import: the files of previews never confirmed (pending over an hour).
  const unsigned batches = scolarite::abandon_stale_batches(db, dry_run);
  if (!dry_run) {
    int events = security::rate_purge(db);  // rate-limit counters older than their longest window
    tx.commit();
    std::cout << events << " compteur(s) de limites périmé(s) supprimé(s)\n";
  }
  std::cout << batches << (dry_run ? " import(s) non confirmé(s) à abandonner (fichiers à supprimer)\n"
                                   : " import(s) non confirmé(s) abandonné(s), fichiers supprimés\n");
  std::cout << n << (dry_run ? " compte(s) à supprimer\n" : " compte(s) supprimé(s)\n");
  return 0;
}

// issue 13 — aide: the inactivity rule, reporting what it did (or would do).
int inactivity(Db& db, const Config& cfg, bool dry_run) {
  ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(cfg.templates_dir);  // the warning mail
  Transaction tx(db);
  accounts::InactivityRun run = accounts::run_inactivity(db, dry_run);
  for (const auto& id : run.closed) std::cout << (dry_run ? "à fermer : " : "fermé : ") << id << "\n";
  for (const auto& id : run.warned) std::cout << (dry_run ? "à prévenir : " : "prévenu : ") << id << "\n";
  if (!dry_run) tx.commit();
  std::cout << run.warned.size() << (dry_run ? " compte(s) à prévenir" : " compte(s) prévenu(s)") << " ("
            << run.warned_without_address << " sans adresse confirmée : pas de mail), " << run.closed.size()
            << (dry_run ? " compte(s) à fermer\n" : " compte(s) fermé(s)\n");
  return 0;
}

// nginx's own error pages, written once from the same layout as every page:
// one per status nginx can answer by itself (nginx/teleservices-site.conf.in
// and nginx/teleservices-production.conf map each to its file). Titles are
// those of the handlers' pages for the same status (lib/web/app.cpp
// refusal_title). 494 is nginx's "request header too large", sent as 400.
// No 408: nginx closes a connection that times out without answering.
int error_pages(const Config& cfg, const std::string& dir) {
  ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(cfg.templates_dir);
  struct ErrorPage { int file; int status; const char* title; const char* message; };
  const ErrorPage pages[] = {
      {400, 400, "Requête non valide", "Votre navigateur a envoyé une demande que le service ne peut pas lire. "
                                       "Revenez à la page précédente et réessayez."},
      {494, 400, "Requête non valide", "Votre navigateur a envoyé des informations trop volumineuses (souvent des "
                                       "cookies). Supprimez les cookies de ce site dans votre navigateur, puis "
                                       "réessayez."},
      {403, 403, "Accès refusé", "Vous n'avez pas accès à cette adresse."},
      {404, 404, "Page introuvable", "L'adresse demandée ne correspond à aucune page de Scolarité services."},
      {405, 405, "Méthode non acceptée", "Cette adresse ne reçoit pas ce type de demande."},
      {411, 411, "Requête non valide", "La demande ne dit pas la taille des données envoyées. Revenez à la page "
                                       "précédente et réessayez."},
      {412, 412, "Requête non valide", "La condition posée par votre navigateur n'est pas remplie. Rechargez la "
                                       "page."},
      {413, 413, "Envoi trop volumineux", "Les données envoyées sont trop volumineuses. Revenez à la page précédente "
                                          "et réessayez."},
      {414, 414, "Adresse trop longue", "L'adresse demandée est trop longue pour être lue. Vérifiez le lien que vous "
                                        "avez suivi."},
      {429, 429, "Trop de tentatives", "Vous avez envoyé trop de demandes en peu de temps. Patientez quelques "
                                       "secondes puis réessayez."},
      {501, 501, "Requête non prise en charge", "Votre navigateur a envoyé une demande sous une forme que le service "
                                                "ne prend pas en charge."},
      {503, 503, "Service momentanément indisponible", "Le service est momentanément indisponible. Votre demande n'a "
                                                       "pas été enregistrée : veuillez réessayer dans quelques "
                                                       "minutes."},
      {505, 505, "Requête non prise en charge", "Votre navigateur utilise une version du protocole HTTP que le "
                                                "service ne prend pas en charge."},
  };
  std::filesystem::create_directories(dir);
  for (const auto& e : pages) {
    web::Page p;
    p.status = e.status;
    p.title = e.title;
    p.body_template = "web/message.tpl";
    std::string html = web::expand_page(p, cfg, "", web::message_fill(e.status, e.title, e.message, "/",
                                                                        "Retour à l'accueil"));
    std::string path = dir + "/" + std::to_string(e.file) + ".html";
    std::ofstream out(path, std::ios::binary);
    out << html;
    if (!out) throw std::runtime_error("cannot write " + path);
    std::cout << "wrote " << path << "\n";
  }
  return 0;
}

int usage() {
  std::cerr << "usage: teleservices-admin [--config FILE] migrate | demo [--tsv] | letter IDENTIFIER |"
               " purge [--dry-run] | inactivity [--dry-run] | error-pages DIR | staff create|link|code … |"
               " letters --uai UAI [--classe C] [--responsables|--eleves] --out FILE.pdf |"
               " import --uai UAI --eleves FILE --responsables FILE [--encodage E] [--dry-run]\n";
  return 2;
}

}  // namespace
}  // namespace ts

int main(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--config") == 0) { ++i; continue; }
    args.emplace_back(argv[i]);
  }
  if (args.empty()) return ts::usage();
  try {
    ts::Config cfg = ts::Config::load(ts::Config::path_from(argc, argv));
    ts::Db db(cfg);
    const std::string& cmd = args[0];
    if (cmd == "migrate") return ts::migrate(db);
    if (cmd == "demo") return ts::load_demo(db, cfg, args.size() > 1 && args[1] == "--tsv");
    if (cmd == "letter" && args.size() == 2) return ts::letter(db, cfg, args[1]);
    if (cmd == "purge") return ts::purge(db, args.size() > 1 && args[1] == "--dry-run");
    if (cmd == "error-pages" && args.size() == 2) return ts::error_pages(cfg, args[1]);
    if (cmd == "staff") return ts::staff_command(db, cfg, std::vector<std::string>(args.begin() + 1, args.end()));
    // issue 13 — aide
    if (cmd == "inactivity") return ts::inactivity(db, cfg, args.size() > 1 && args[1] == "--dry-run");
    // issue 13 — courriers
    if (cmd == "letters") return ts::letters_command(db, cfg, std::vector<std::string>(args.begin() + 1, args.end()));
    // issue 13 — import
    if (cmd == "import") return ts::import_command(db, std::vector<std::string>(args.begin() + 1, args.end()));
    return ts::usage();
  } catch (const sql::SQLException& e) {
    std::cerr << "teleservices-admin: database error " << e.getErrorCode() << ": " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "teleservices-admin: " << e.what() << "\n";
  }
  return 1;
}
