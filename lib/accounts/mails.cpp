#include "mails.h"

#include <map>
#include <set>

#include "mail/outbox.h"

namespace ts::accounts {
namespace {
using mail::enqueue_mail;
using mail::mail_body;
constexpr const char* kSubjectPrefix = "Message des services en ligne - ";
std::string subject(const char* what) { return kSubjectPrefix + std::string(what); }
}  // namespace

void queue_activation_mail(Db& db, const std::string& base_url, const Account& a, const std::string& address,
                           const std::string& code) {
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("LINK", base_url + "/validerAdresseMail?code=" + code);
  d.SetValue("IDENTIFIER", a.identifier);
  enqueue_mail(db, {address, a.display_name, subject("Activation de votre compte"), mail_body("mail/activation.tpl", d)});
}

void queue_password_changed_mail(Db& db, const Account& a) {
  if (a.email.empty()) return;  // nobody to tell: a pupil without a confirmed address
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("IDENTIFIER", a.identifier);
  enqueue_mail(db, {a.email, a.display_name, subject("Modification de votre mot de passe"),
                    mail_body("mail/mot_de_passe_modifie.tpl", d)});
}

void queue_new_address_mail(Db& db, const std::string& base_url, const Account& a, const std::string& address,
                            const std::string& code, int hours) {
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("LINK", base_url + "/validerNouvelleAdresse?code=" + code);
  d.SetValue("IDENTIFIER", a.identifier);
  d.SetIntValue("HOURS", hours);
  enqueue_mail(db, {address, a.display_name, subject("Confirmation de votre nouvelle adresse"),
                    mail_body("mail/nouvelle_adresse.tpl", d)});
}

void queue_address_changed_mail(Db& db, const Account& a, const std::string& old_address) {
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("IDENTIFIER", a.identifier);
  enqueue_mail(db, {old_address, a.display_name, subject("Modification de votre adresse mail"),
                    mail_body("mail/adresse_modifiee.tpl", d)});
}

void queue_regroupement_mails(Db& db, const Account& kept, const Account& closed) {
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("IDENTIFIER", kept.identifier);
  d.SetValue("CLOSED", closed.identifier);
  std::string body = mail_body("mail/regroupement.tpl", d);
  std::set<std::string> sent;
  for (const Account* acc : {&kept, &closed}) {
    if (acc->email.empty() || !sent.insert(acc->email).second) continue;
    enqueue_mail(db, {acc->email, acc->display_name, subject("Regroupement de comptes"), body});
  }
}

void queue_identifiers_mail(Db& db, const std::vector<Recipient>& accounts) {
  std::map<std::string, ctemplate::TemplateDictionary> mails;
  for (const auto& h : accounts) {
    auto& d = mails.try_emplace(h.email, "mail").first->second;
    auto* row = d.AddSectionDictionary("ACCOUNT");
    row->SetValue("IDENTIFIER", h.identifier);
    row->SetValue("NAME", h.display_name);
  }
  for (const auto& [to, d] : mails)
    enqueue_mail(db, {to, "", subject("Votre identifiant"), mail_body("mail/identifiant.tpl", d)});
}

void queue_reset_mail(Db& db, const std::string& base_url, const Recipient& to, const std::string& code, int minutes) {
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("LINK", base_url + "/reinitialiser-mot-de-passe?code=" + code);
  d.SetValue("IDENTIFIER", to.identifier);
  d.SetIntValue("MINUTES", minutes);
  enqueue_mail(db, {to.email, to.display_name, subject("Réinitialisation de votre mot de passe"),
                    mail_body("mail/reinitialisation.tpl", d)});
}

void queue_staff_enrolment_mail(Db& db, const std::string& base_url, const Recipient& to, const std::string& code,
                                int hours) {
  ctemplate::TemplateDictionary d("mail");
  d.SetValue("LINK", base_url + "/personnel/activer?code=" + code);
  d.SetValue("IDENTIFIER", to.identifier);
  d.SetIntValue("HOURS", hours);
  enqueue_mail(db, {to.email, to.display_name, "Votre compte Scolarité services (personnel)",
                    mail_body("mail/personnel_activation.tpl", d)});
}

}  // namespace ts::accounts
