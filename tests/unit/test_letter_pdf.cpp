// lib/accounts/letter_pdf.h (issue 13 — courriers) read back with real tools:
// pdfinfo counts the pages (one A4 page per letter), pdftotext finds the
// wording of each page (accents, « », œ), pdftoppm renders the page and
// zbarimg decodes its QR code: the login link with the identifier, never the
// password. All from scripts/deps.sh (poppler-utils, zbar-tools).
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../support/output_of.h"
#include "../support/temp_dir.h"
#include "accounts/letter_pdf.h"

namespace fs = std::filesystem;

namespace {

// pdftotext keeps the page's line breaks: the wording is compared with every
// run of white space as one space.
std::string flat(const std::string& s) {
  std::string out;
  for (char ch : s) {
    const bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : ch;
  }
  return out;
}

std::string run(const std::string& command) {
  int status = 0;
  std::string out = tst::output_of(command, status);
  BOOST_TEST(status == 0, command);
  return out;
}

ts::accounts::LetterPage page(const std::string& pupil, const std::string& addressee, const std::string& id,
                              const std::string& password) {
  return {"Collège Françoise Dolto « Les Œillets »", "Académie de Poitiers", "02/12/2026", pupil, "4 C",
          addressee, id, password};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(letter_pdf)

BOOST_AUTO_TEST_CASE(one_page_per_letter_with_the_wording_and_a_qr_code_of_the_login_link) {
  const std::string base = "https://teleservices.example.fr";
  const std::string pdf = ts::accounts::letters_pdf(
      {page("Dylan Lefèvre", "", "dlefevre", "DCBRJDWH"), page("Dylan Lefèvre", "Cécile Lefèvre", "clefevre2", "2BUYJ9C8")},
      base);
  BOOST_TEST(pdf.rfind("%PDF-", 0) == 0);
  tst::TempDir dir("ts-pdf");
  const fs::path file = dir.path / "c.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  const std::string info = run("pdfinfo '" + file.string() + "'");
  BOOST_TEST(flat(info).find("Pages: 2 ") != std::string::npos, info);
  BOOST_TEST(info.find("(A4)") != std::string::npos, info);
  const std::string text = run("pdftotext -enc UTF-8 '" + file.string() + "' -");
  const auto split = text.find('\f');
  BOOST_REQUIRE(split != std::string::npos);
  const std::string first = flat(text.substr(0, split)), second = flat(text.substr(split + 1));
  for (const std::string& p : {first, second}) {
    BOOST_TEST(p.find("Collège Françoise Dolto « Les Œillets »") != std::string::npos, p);
    BOOST_TEST(p.find("Académie de Poitiers") != std::string::npos);
    BOOST_TEST(p.find("02/12/2026") != std::string::npos);
    BOOST_TEST(p.find("pour Dylan Lefèvre, élève de 4 C") != std::string::npos, p);
    BOOST_TEST(p.find("* Mot de passe provisoire, à modifier lors de la première connexion.") != std::string::npos);
    BOOST_TEST(p.find("Vous disposez d'un délai de 3 mois pour activer votre compte. Au delà, votre compte") !=
               std::string::npos);
    BOOST_TEST(p.find(base) != std::string::npos);
  }
  BOOST_TEST(first.find("dlefevre") != std::string::npos);
  BOOST_TEST(first.find("DCBRJDWH") != std::string::npos);
  BOOST_TEST(second.find("clefevre2") != std::string::npos);
  BOOST_TEST(second.find("2BUYJ9C8") != std::string::npos);
  BOOST_TEST(second.find("À l'attention de Cécile Lefèvre") != std::string::npos);

  // The QR code of page 2: the login link with the identifier, no password.
  run("pdftoppm -png -r 150 -f 2 -l 2 '" + file.string() + "' '" + (dir.path / "p").string() + "'");
  fs::path png;
  for (const auto& e : fs::directory_iterator(dir.path))
    if (e.path().extension() == ".png") png = e.path();
  BOOST_REQUIRE(!png.empty());
  const std::string decoded = run("zbarimg --raw -q '" + png.string() + "' 2>/dev/null");
  BOOST_TEST(decoded == base + "/connexion?identifiant=clefevre2\n");
  BOOST_TEST(decoded.find("2BUYJ9C8") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_page_is_an_error) {
  BOOST_CHECK_THROW(ts::accounts::letters_pdf({}, "https://x.example"), std::runtime_error);
  BOOST_TEST(ts::accounts::login_link("https://x.example", "cri1") == "https://x.example/connexion?identifiant=cri1");
}

// French elision before a vowel, an accented one or a mute h: "d'Élodie",
// "d'Hélène", but "de Cécile" (a fresh tester read "À l'attention de Élodie").
BOOST_AUTO_TEST_CASE(the_addressee_is_named_with_the_french_elision) {
  const std::string pdf = ts::accounts::letters_pdf({page("Hugo Lefèvre", "Élodie Lefèvre", "elefevre", "2BUYJ9C8"),
                                                     page("Hugo Lefèvre", "Hélène Martin", "hmartin", "2BUYJ9C9"),
                                                     page("Hugo Lefèvre", "Paul Martin", "pmartin", "2BUYJ9CA")},
                                                    "https://teleservices.example.fr");
  tst::TempDir dir("ts-pdf");
  const fs::path file = dir.path / "e.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  const std::string text = flat(run("pdftotext -enc UTF-8 '" + file.string() + "' -"));
  BOOST_TEST(text.find("À l'attention d'Élodie Lefèvre, responsable légal") != std::string::npos, text);
  BOOST_TEST(text.find("À l'attention d'Hélène Martin") != std::string::npos, text);
  BOOST_TEST(text.find("À l'attention de Paul Martin") != std::string::npos, text);
  BOOST_TEST(text.find("de Élodie") == std::string::npos);
}

// Review of issue 13: "responsable légale" for a Mme (the civility as the
// import writes it, "Mme", or as the files give it, "MME"), "responsable
// légal" otherwise, in the function and on the printed page.
BOOST_AUTO_TEST_CASE(the_addressee_is_responsable_legale_for_a_mme) {
  using ts::accounts::responsable_legal;
  for (const char* mme : {"Mme", "MME", "mme", "Madame", "MADAME"})
    BOOST_TEST(responsable_legal(mme) == "responsable légale", mme);
  for (const char* other : {"M.", "M", "MR", "Monsieur", "", "Mlle"})
    BOOST_TEST(responsable_legal(other) == "responsable légal", other);
  auto mme = page("Hugo Lefèvre", "Élodie Lefèvre", "elefevre", "2BUYJ9C8");
  mme.civility = "Mme";
  auto upper = page("Hugo Lefèvre", "Nadia Martin", "nmartin", "2BUYJ9CB");
  upper.civility = "MME";
  auto m = page("Hugo Lefèvre", "Paul Martin", "pmartin", "2BUYJ9CA");
  m.civility = "M.";
  const std::string pdf = ts::accounts::letters_pdf({mme, upper, m}, "https://teleservices.example.fr");
  tst::TempDir dir("ts-pdf");
  const fs::path file = dir.path / "c.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  const std::string text = run("pdftotext -enc UTF-8 '" + file.string() + "' -");
  std::vector<std::string> pages;
  for (size_t from = 0, ff; (ff = text.find('\f', from)) != std::string::npos; from = ff + 1)
    pages.push_back(flat(text.substr(from, ff - from)));
  BOOST_REQUIRE(pages.size() == 3u);
  BOOST_TEST(pages[0].find("À l'attention d'Élodie Lefèvre, responsable légale ") != std::string::npos, pages[0]);
  BOOST_TEST(pages[1].find("À l'attention de Nadia Martin, responsable légale ") != std::string::npos, pages[1]);
  BOOST_TEST(pages[2].find("À l'attention de Paul Martin, responsable légal ") != std::string::npos, pages[2]);
  BOOST_TEST(pages[2].find("légale") == std::string::npos, pages[2]);
}

BOOST_AUTO_TEST_SUITE_END()
