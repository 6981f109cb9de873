#include "letters_cli.h"

#include <fstream>
#include <iostream>

#include "accounts/generation.h"
#include "accounts/letter_pdf.h"
#include "core/crypto.h"
#include "scolarite/records.h"

namespace ts {

int letters_command(Db& db, const Config& cfg, const std::vector<std::string>& args) {
  std::string uai, klass, out;
  bool eleves = true, responsables = true;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--uai" && i + 1 < args.size()) uai = args[++i];
    else if (a == "--classe" && i + 1 < args.size()) klass = args[++i];
    else if (a == "--out" && i + 1 < args.size()) out = args[++i];
    else if (a == "--responsables") eleves = false;
    else if (a == "--eleves") responsables = false;
    else uai.clear(), out.clear(), i = args.size();
  }
  if (uai.empty() || out.empty() || (!eleves && !responsables)) {
    std::cerr << "usage: teleservices-admin letters --uai UAI [--classe \"4 C\"] [--responsables|--eleves] --out FICHIER.pdf\n";
    return 2;
  }
  Transaction tx(db);
  const unsigned school = scolarite::find_establishment(db, uai);
  if (!school) {
    std::cerr << "Établissement inconnu : " << uai << "\n";
    return 1;
  }
  accounts::GenerationRequest r;
  r.establishment_id = school;
  r.eleves = eleves;
  r.responsables = responsables;
  if (!klass.empty()) {
    for (const auto& k : scolarite::classes_of(db, school))
      if (k.name == klass) r.class_id = k.id;
    if (!r.class_id) {
      std::cerr << "Classe inconnue : « " << klass << " » dans l'établissement " << uai << "\n";
      return 1;
    }
  }
  accounts::Generation g = accounts::generate_letters(db, crypto::argon2_params(cfg), r, {});
  std::cout << g.pages.size() << (g.pages.size() > 1 ? " courriers" : " courrier") << " : " << g.created
            << " compte(s) créé(s), " << g.renewed << " courrier(s) renouvelé(s), " << g.attached
            << " enfant(s) rattaché(s) à un compte actif, " << g.unchanged << " compte(s) déjà utilisé(s), " << g.held
            << " courrier(s) signalé(s) en attente de traitement\n";
  if (g.pages.empty()) {
    tx.commit();
    std::cerr << "Aucun courrier à imprimer.\n";
    return 1;
  }
  const std::string pdf = accounts::letters_pdf(g.pages, cfg.base_url);
  {
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f << pdf;
    f.close();
    if (!f) {
      std::cerr << "Impossible d'écrire " << out << " (aucun courrier généré).\n";
      return 1;  // the transaction rolls back: the old letters still serve
    }
  }
  tx.commit();
  std::cout << "Courriers écrits dans " << out << "\n";
  return 0;
}

}  // namespace ts
