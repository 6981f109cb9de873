#include "records.h"

#include <stdexcept>

namespace ts::scolarite {
namespace {

constexpr const char* kPupilName = "SELECT first_name, last_name FROM pupil WHERE id = ?";
constexpr const char* kResponsableName = "SELECT first_name, last_name FROM responsable WHERE id = ?";
constexpr const char* kBirthDate = "SELECT DATE_FORMAT(birth_date, '%Y-%m-%d') FROM pupil WHERE id = ?";
constexpr const char* kUpdateFiche =
    "UPDATE responsable SET address = NULLIF(?, ''), phone = NULLIF(?, ''), mobile_phone = NULLIF(?, ''),"
    " contact_email = NULLIF(?, ''), profession = NULLIF(?, '') WHERE id = ?";
constexpr const char* kFindEstablishment = "SELECT id FROM establishment WHERE uai = ? FOR UPDATE";
constexpr const char* kInsertEstablishment =
    "INSERT INTO establishment (uai, name, academie, website, vie_scolaire_phone, vie_scolaire_fax, vie_scolaire_email)"
    " VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''))";
constexpr const char* kInsertClass = "INSERT INTO school_class (establishment_id, name) VALUES (?, ?)";
constexpr const char* kClassesOf = "SELECT id, name FROM school_class WHERE establishment_id = ? ORDER BY name";
constexpr const char* kEstablishment = "SELECT id, uai, name, academie FROM establishment WHERE id = ?";
constexpr const char* kInsertPupil =
    "INSERT INTO pupil (establishment_id, class_id, first_name, last_name, birth_date) VALUES (?, ?, ?, ?, ?)";
constexpr const char* kInsertResponsable =
    "INSERT INTO responsable (civility, first_name, last_name, contact_email) VALUES (?, ?, ?, ?)";
constexpr const char* kLinkPupilResponsable =
    "INSERT INTO pupil_responsable (pupil_id, responsable_id, legal_rank) VALUES (?, ?, ?)";

Person person(Db& db, const char* query, unsigned id) {
  Rows r = db.query(query, id);
  if (!r->next()) throw std::runtime_error("unknown person " + std::to_string(id));
  return {r->getString(1), r->getString(2)};
}

}  // namespace

Person pupil_name(Db& db, unsigned pupil_id) { return person(db, kPupilName, pupil_id); }
Person responsable_name(Db& db, unsigned responsable_id) { return person(db, kResponsableName, responsable_id); }

std::string birth_date_of(Db& db, unsigned pupil_id) { return db.scalar(kBirthDate, pupil_id).value_or(""); }

void update_fiche(Db& db, const Fiche& f) {
  db.exec(kUpdateFiche, f.address, f.phone, f.mobile_phone, f.contact_email, f.profession, f.responsable_id);
}

unsigned find_establishment(Db& db, const std::string& uai) {
  auto id = db.scalar(kFindEstablishment, uai);
  return id ? static_cast<unsigned>(std::stoul(*id)) : 0;
}

unsigned insert_establishment(Db& db, const std::string& uai, const std::string& name, const std::string& academie,
                              const std::string& website, const std::string& phone, const std::string& fax,
                              const std::string& email) {
  return db.insert(kInsertEstablishment, uai, name, academie, website, phone, fax, email);
}

unsigned insert_class(Db& db, unsigned establishment_id, const std::string& name) {
  return db.insert(kInsertClass, establishment_id, name);
}

unsigned insert_pupil(Db& db, unsigned establishment_id, unsigned class_id, const std::string& first_name,
                      const std::string& last_name, const std::string& birth_date) {
  return db.insert(kInsertPupil, establishment_id, class_id, first_name, last_name, birth_date);
}

unsigned insert_responsable(Db& db, const std::string& civility, const std::string& first_name,
                            const std::string& last_name, const std::string& contact_email) {
  return db.insert(kInsertResponsable, civility, first_name, last_name, contact_email);
}

void link_pupil_responsable(Db& db, unsigned pupil_id, unsigned responsable_id, int legal_rank) {
  db.exec(kLinkPupilResponsable, pupil_id, responsable_id, legal_rank);
}

std::vector<SchoolClass> classes_of(Db& db, unsigned establishment_id) {
  Rows r = db.query(kClassesOf, establishment_id);
  std::vector<SchoolClass> out;
  while (r->next()) out.push_back({r->getUInt(1), r->getString(2)});
  return out;
}

std::optional<Establishment> establishment(Db& db, unsigned establishment_id) {
  Rows r = db.query(kEstablishment, establishment_id);
  if (!r->next()) return std::nullopt;
  return Establishment{r->getUInt(1), r->getString(2), r->getString(3), r->getString(4)};
}

}  // namespace ts::scolarite
