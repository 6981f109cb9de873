// /etablissement: the school (or the académie), the staff member's roles, the
// entries their roles allow (the one table: staff::allows), and an
// enseignant's classes and subjects.
#include "etablissement.h"
#include "scolarite/records.h"
#include "staff/staff.h"
#include "web/render.h"

namespace ts::etablissement {
namespace {
using namespace ts::web;
using P = staff::Permission;

struct Entry {
  P needs;
  const char* href;
  const char* title;
  const char* what;
};
constexpr Entry kEntries[] = {
    {P::personnels, "/etablissement/personnels", "Personnels",
     "Les comptes des personnels de l'établissement : création, fermeture, double authentification, délégation."},
    {P::suivi, "/etablissement/suivi", "Suivi des comptes", "Les comptes des familles par classe et par état."},
    {P::suivi, "/etablissement/suivi/recherche", "Rechercher une famille",
     "Par nom d'élève ou de responsable, identifiant, classe, adresse mail ou état du compte ; export CSV."},
    {P::statistiques, "/etablissement/statistiques", "Statistiques", "Comptes attendus, actifs et taux d'activation."},
    {P::assistance, "/etablissement/assistance", "Assistance aux familles",
     "Retrouver le compte d'une famille et lever son blocage."},
    {P::journal, "/etablissement/journal", "Journal", "Les événements de sécurité des comptes, à filtrer et exporter."},
    // issue 13 — aide
    {P::assistance, "/etablissement/regroupements", "Regroupements de comptes",
     "Les regroupements faits par les familles ; annuler celui fait par erreur."},
    {P::assistance, "/etablissement/signalements", "Courriers signalés",
     "Les courriers signalés « je ne suis pas le représentant légal » : annuler le courrier ou le rétablir."},
    {P::renouvellement, "/etablissement/renouvellement", "Nouveau mot de passe exigé",
     "Après une compromission supposée : des comptes, une classe ou tous devront choisir un nouveau mot de passe."},
    // issue 13 — courriers
    {P::courriers, "/etablissement/courriers", "Courriers de notification",
     "Générer les comptes et les courriers (PDF) d'une classe ou de l'établissement ; relancer une classe."},
    // issue 13 — import
    {P::import, "/etablissement/import", "Import des élèves et des responsables",
     "Les fichiers CSV de la base élèves : aperçu des changements, puis confirmation."},
};

}  // namespace

Response home(Call& c) {
  const accounts::Account& a = c.account();
  const unsigned school = scope(c);
  const staff::Roles roles = staff::roles_from(a.staff_roles);
  Db& db = c.ctx.db;
  std::optional<scolarite::Establishment> e;
  if (school) e = scolarite::establishment(db, school);
  std::vector<staff::Teaching> teaching;
  if (staff::has(roles, staff::Role::enseignant)) teaching = staff::teaching_of(db, a.id);

  Page p{200, "Espace établissement", "etablissement/accueil.tpl", true, "ETABLISSEMENT"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    d.SetValue("NAME", a.display_name);
    if (e) {
      d.ShowSection("SCHOOL");
      d.SetValue("SCHOOL_NAME", e->name);
      d.SetValue("UAI", e->uai);
    } else {
      d.ShowSection("ACADEMIE_SCOPE");
    }
    d.SetValue("ROLES", staff::roles_label(roles));
    for (const auto& entry : kEntries) {
      if (!staff::allows(roles, entry.needs)) continue;
      auto* row = d.AddSectionDictionary("ENTRY");
      row->SetValue("HREF", entry.href);
      row->SetValue("TITLE", entry.title);
      row->SetValue("WHAT", entry.what);
    }
    if (staff::has(roles, staff::Role::enseignant)) {
      d.ShowSection(teaching.empty() ? "NO_TEACHING" : "TEACHING");
      for (const auto& t : teaching) {
        auto* row = d.AddSectionDictionary("CLASS");
        row->SetValue("CLASS_NAME", t.class_name);
        row->SetValue("SUBJECT", t.subject);
      }
    }
  });
}

}  // namespace ts::etablissement
