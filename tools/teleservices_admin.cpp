// teleservices-admin: the administration command line.
//   migrate            apply sql/NNN_*.sql migrations not yet applied (idempotent)
//   demo [--tsv]       load the demo school (once) and print letters for its
//                      accounts not yet activated (new passwords each time)
//   letter IDENTIFIER  print a new letter for an account without a confirmed
//                      address (the previous letter's password stops
//                      working; an account past its first connection goes
//                      back to the letter stage)
//   error-pages DIR    write nginx's error pages (404, 413, 429, 503) with the layout
//   purge [--dry-run]  delete accounts whose letter expired unused, or whose
//                      address was not confirmed within 3 months, and old
//                      rate-limit counters (run daily: systemd/teleservices-purge.timer)
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "accounts/account.h"
#include "accounts/letters.h"
#include "core/config.h"
#include "core/db.h"
#include "core/log.h"
#include "core/migrations.h"
#include "demo.h"
#include "security/audit.h"
#include "security/ratelimit.h"
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
  audit(db, a->id, a->identifier, "letter_issued", "by teleservices-admin", "");
  tx.commit();
  std::cout << l.identifier << "\t" << l.password << "\n";
  return 0;
}

int purge(Db& db, bool dry_run) {
  Transaction tx(db);
  int n = 0;
  accounts::for_each_expired_account(db, [&](unsigned id, const std::string& identifier, const std::string& state) {
    std::cout << (dry_run ? "would delete " : "deleted ") << identifier << " (" << state << ")\n";
    if (!dry_run) {
      accounts::delete_account(db, id);
      audit(db, id, identifier, "account_purged",
            state == "letter" ? "letter unused for 3 months" : "address not confirmed within 3 months", "");
    }
    ++n;
  });
  if (!dry_run) {
    int events = security::rate_purge(db);  // rate-limit counters older than their longest window
    tx.commit();
    std::cout << events << " old rate-limit event(s) deleted\n";
  }
  std::cout << n << (dry_run ? " account(s) would be deleted\n" : " account(s) deleted\n");
  return 0;
}

// nginx's own error pages (unknown address, body too large, too many
// requests, handler down), written once from the same layout as every page.
int error_pages(const Config& cfg, const std::string& dir) {
  ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(cfg.templates_dir);
  struct ErrorPage { int status; const char* title; const char* message; };
  const ErrorPage pages[] = {
      {404, "Page introuvable", "L'adresse demandée ne correspond à aucune page de Scolarité services."},
      {413, "Envoi trop volumineux", "Les données envoyées sont trop volumineuses. Revenez à la page précédente et "
                                     "réessayez."},
      {429, "Trop de tentatives", "Vous avez envoyé trop de demandes en peu de temps. Patientez quelques secondes "
                                "puis réessayez."},
      {503, "Service momentanément indisponible", "Le service est momentanément indisponible. Votre demande n'a "
                                                  "pas été enregistrée : veuillez réessayer dans quelques minutes."},
  };
  std::filesystem::create_directories(dir);
  for (const auto& e : pages) {
    web::Page p;
    p.status = e.status;
    p.title = e.title;
    p.body_template = "web/message.tpl";
    std::string html = web::expand_page(p, cfg, "", web::message_fill(e.status, e.title, e.message, "/",
                                                                        "Retour à l'accueil"));
    std::string path = dir + "/" + std::to_string(e.status) + ".html";
    std::ofstream out(path, std::ios::binary);
    out << html;
    if (!out) throw std::runtime_error("cannot write " + path);
    std::cout << "wrote " << path << "\n";
  }
  return 0;
}

int usage() {
  std::cerr << "usage: teleservices-admin [--config FILE] migrate | demo [--tsv] | letter IDENTIFIER |"
               " purge [--dry-run] | error-pages DIR\n";
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
    return ts::usage();
  } catch (const sql::SQLException& e) {
    std::cerr << "teleservices-admin: database error " << e.getErrorCode() << ": " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "teleservices-admin: " << e.what() << "\n";
  }
  return 1;
}
