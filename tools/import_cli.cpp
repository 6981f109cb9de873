#include "import_cli.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "accounts/imports.h"
#include "scolarite/records.h"

namespace ts {
namespace {

int import_usage() {
  std::cerr << "usage: teleservices-admin import --uai UAI --eleves FICHIER --responsables FICHIER"
               " [--encodage auto|utf-8|windows-1252|iso-8859-15] [--dry-run]\n";
  return 2;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

}  // namespace

int import_command(Db& db, const std::vector<std::string>& args) {
  std::string uai, pupils_path, resp_path, encoding = "auto";
  bool dry_run = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--dry-run") dry_run = true;
    else if (a == "--uai" && has_value) uai = args[++i];
    else if (a == "--eleves" && has_value) pupils_path = args[++i];
    else if (a == "--responsables" && has_value) resp_path = args[++i];
    else if (a == "--encodage" && has_value) encoding = args[++i];
    else return import_usage();
  }
  if (uai.empty() || pupils_path.empty() || resp_path.empty()) return import_usage();
  accounts::ImportRequest req;
  if (!charset::encoding_from_name(encoding, req.encoding)) {
    std::cerr << "Encodage inconnu : " << encoding << " (auto, utf-8, windows-1252 ou iso-8859-15).\n";
    return 2;
  }
  if (!read_file(pupils_path, req.pupils_file)) {
    std::cerr << "Fichier illisible : " << pupils_path << "\n";
    return 1;
  }
  if (!read_file(resp_path, req.responsables_file)) {
    std::cerr << "Fichier illisible : " << resp_path << "\n";
    return 1;
  }
  req.establishment_id = scolarite::find_establishment(db, uai);
  if (!req.establishment_id) {
    std::cerr << "Établissement inconnu : " << uai << "\n";
    return 1;
  }
  req.dry_run = dry_run;
  req.actor_identifier = "teleservices-admin";
  const accounts::ImportOutcome out = accounts::run_import(db, req);
  const auto& pv = out.preview;
  if (!pv.problems.empty()) {  // only the problems: no change can be announced
    std::cout << pv.problem_count << (pv.problem_count > 1 ? " problèmes" : " problème")
              << " ; rien n'a été importé, et rien ne peut l'être tant qu'ils ne sont pas corrigés :\n";
    for (const auto& p : pv.problems)  // the first scolarite::kProblemsKept
      std::cout << "  fichier des " << p.file << (p.line ? ", ligne " + std::to_string(p.line) : std::string())
                << (p.field.empty() ? "" : ", " + p.field) << " : " << p.reason << "\n";
    if (pv.problem_count > pv.problems.size())
      std::cout << "  … et " << pv.problem_count - pv.problems.size() << " autres problèmes.\n";
    return 1;
  }
  for (const auto& c : pv.changes)
    std::cout << c.what << " : " << c.who << (c.detail.empty() ? "" : " — " + c.detail) << "\n";
  std::cout << "Changements : " << accounts::import_summary(pv.counts) << "\n";
  if (!out.applied) std::cout << "Simulation (--dry-run) : rien n'a été importé.\n";
  else if (out.unchanged)  // as the web's preview says it: no batch, no audit row
    std::cout << "Aucun changement : les élèves et les responsables de l'établissement sont déjà à jour ;"
                 " rien n'a été enregistré.\n";
  else
    std::cout << "Import enregistré (lot " << out.batch_id << ") ; comptes fermés : " << out.accounts_closed << " ; "
              << accounts::carried_summary(out) << ".\n";
  return 0;
}

}  // namespace ts
