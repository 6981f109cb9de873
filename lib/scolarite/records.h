// The school's records (tables establishment, school_class, pupil,
// responsable, pupil_responsable, owned here), as the national pupil database
// (SIECLE) describes them; imports will write them through this module.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/db.h"

namespace ts::scolarite {

// The school entry of the services menu: its name and web site (empty: the
// entry leads to /contact).
struct School {
  std::string name, website;
};

struct Person {
  std::string first_name, last_name;
  std::string full() const { return first_name + " " + last_name; }
};
// Throws std::runtime_error when there is no such person.
Person pupil_name(Db& db, unsigned pupil_id);
Person responsable_name(Db& db, unsigned responsable_id);

// The pupil's birth date as AAAA-MM-JJ, or "" when unknown.
std::string birth_date_of(Db& db, unsigned pupil_id);

// A responsable's fiche de renseignements: what the family may correct.
struct Fiche {
  unsigned responsable_id = 0;
  std::string name, address, phone, mobile_phone, contact_email, profession;
};
// Writes the five editable fields (empty: NULL).
void update_fiche(Db& db, const Fiche& f);

// Records as an import (or the demo) creates them; each returns the new id.
unsigned find_establishment(Db& db, const std::string& uai);  // 0 when absent; locks the row (FOR UPDATE)
unsigned insert_establishment(Db& db, const std::string& uai, const std::string& name, const std::string& academie,
                              const std::string& website, const std::string& phone, const std::string& fax,
                              const std::string& email);
unsigned insert_class(Db& db, unsigned establishment_id, const std::string& name);
// The classes of an establishment, by name.
struct SchoolClass {
  unsigned id = 0;
  std::string name;
};
std::vector<SchoolClass> classes_of(Db& db, unsigned establishment_id);
// An establishment's name and UAI ("" when unknown).
struct Establishment {
  unsigned id = 0;
  std::string uai, name, academie;
};
std::optional<Establishment> establishment(Db& db, unsigned establishment_id);
unsigned insert_pupil(Db& db, unsigned establishment_id, unsigned class_id, const std::string& first_name,
                      const std::string& last_name, const std::string& birth_date);
unsigned insert_responsable(Db& db, const std::string& civility, const std::string& first_name,
                            const std::string& last_name, const std::string& contact_email);
void link_pupil_responsable(Db& db, unsigned pupil_id, unsigned responsable_id, int legal_rank);

}  // namespace ts::scolarite
