// Notification letters as PDF (issue 13, "Accounts and letters"): one A4
// page per letter, drawn with cairo and laid out with pango (a subset of
// DejaVu Sans embedded: accents, « », œ print right; long lines wrap). No
// database here: the caller (lib/accounts/generation.h) hands the pages,
// passwords included, and the PDF is the only place they go.
#pragma once
#include <string>
#include <vector>

namespace ts::accounts {

// What one page shows (texts as printed, UTF-8).
struct LetterPage {
  std::string school, academie;      // the establishment's name and académie ("Académie de Poitiers")
  std::string date;                  // the letter's creation date, JJ/MM/AAAA (top right)
  std::string pupil_name;            // "Prénom Nom" of the pupil the letter is for
  std::string class_name;            // "4 C" ("" : no class)
  std::string addressee;             // the responsable's "Prénom Nom"; "" for a pupil's own letter
  std::string identifier, password;  // the account's identifier and provisional password
  std::string civility;              // the responsable's civility ("Mme", "M.", "MME"…; "" unknown)
};

// "responsable légale" for a Mme (civility MME, Mme, Madame, any case),
// "responsable légal" otherwise: the agreed form wherever a letter or a page
// names a person as responsable légal.
std::string responsable_legal(const std::string& civility);

// The login page's address with the identifier filled in, as the QR code
// encodes it: "<base_url>/connexion?identifiant=<identifier>" (identifiers
// are lower-case ASCII letters and digits: nothing to encode). Never the password.
std::string login_link(const std::string& base_url, const std::string& identifier);

// One PDF document, one page per letter in the given order, the portal's
// address `base_url` ([site] base_url) printed and in each QR code
// (libqrencode, level M, drawn as cairo rectangles). Throws
// std::runtime_error when cairo or libqrencode fails, or for no page.
std::string letters_pdf(const std::vector<LetterPage>& pages, const std::string& base_url);

}  // namespace ts::accounts
