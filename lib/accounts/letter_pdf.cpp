#include "letter_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "core/text.h"
#include "period.h"

namespace ts::accounts {
namespace {

// "de " or, before a vowel or a mute h, "d'" (French elision): "d'Élodie",
// "de Paul". The name is UTF-8: its first letter may be accented.
std::string de(const std::string& name) {
  static const char* const kVowelStarts[] = {"A", "E", "I", "O", "U", "Y", "H", "a", "e", "i", "o", "u", "y", "h",
                                             "À", "Â", "Ä", "É", "È", "Ê", "Ë", "Î", "Ï", "Ô", "Ö", "Û", "Ü", "Œ"};
  for (const char* v : kVowelStarts)
    if (name.rfind(v, 0) == 0) return "d'" + name;
  return "de " + name;
}

// A4 in PostScript points, margins of 2 cm.
constexpr double kWidth = 595.276, kHeight = 841.89, kMargin = 56.7;
constexpr double kQrSize = 130.0;  // the QR code's side, quiet zone included (about 4.6 cm)

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

// Draws `text` (pango markup when `markup`) at (x, y) wrapped to `width`;
// returns the height drawn.
double text(cairo_t* cr, double x, double y, double width, const std::string& s, const char* font,
            bool markup = false, PangoAlignment align = PANGO_ALIGN_LEFT) {
  Layout layout(pango_cairo_create_layout(cr));
  PangoFontDescription* desc = pango_font_description_from_string(font);
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), align);
  if (markup) pango_layout_set_markup(layout.get(), s.c_str(), -1);
  else pango_layout_set_text(layout.get(), s.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  int w = 0, h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

std::string escaped(const std::string& s) {
  char* e = g_markup_escape_text(s.c_str(), -1);
  std::string out(e);
  g_free(e);
  return out;
}

// The QR code of `data` as black squares in a white square of side `size`
// at (x, y), with a quiet zone of 4 modules.
void draw_qr(cairo_t* cr, double x, double y, double size, const std::string& data) {
  QRcode* q = QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M);
  if (!q) throw std::runtime_error("libqrencode could not encode the login link");
  const int n = q->width;
  const double module = size / (n + 8);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col)
      if (q->data[row * n + col] & 1)
        cairo_rectangle(cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill(cr);
  QRcode_free(q);
}

void draw_page(cairo_t* cr, const LetterPage& l, const std::string& base_url) {
  const double inner = kWidth - 2 * kMargin;
  cairo_set_source_rgb(cr, 0, 0, 0);
  // Header: the school on the left, the creation date on the right.
  double y = kMargin;
  text(cr, kMargin + inner / 2, y, inner / 2, "Édité le " + l.date, "DejaVu Sans 10", false, PANGO_ALIGN_RIGHT);
  y += text(cr, kMargin, y, inner * 0.6, "<b>" + escaped(l.school) + "</b>", "DejaVu Sans 13", true);
  y += text(cr, kMargin, y, inner * 0.6, l.academie, "DejaVu Sans 10") + 36;

  y += text(cr, kMargin, y, inner, "<b>Courrier de notification — Scolarité services</b>", "DejaVu Sans 16", true) + 10;
  if (!l.addressee.empty())
    y += text(cr, kMargin, y, inner, "À l'attention " + de(l.addressee) + ", " + responsable_legal(l.civility),
              "DejaVu Sans 11") + 4;
  const std::string pupil = "pour " + l.pupil_name + (l.class_name.empty() ? "" : ", élève de " + l.class_name);
  y += text(cr, kMargin, y, inner, "Compte Téléservices " + pupil, "DejaVu Sans 12") + 24;

  // The credentials, framed, with the QR code on their right.
  const double box_top = y;
  const double qr_x = kWidth - kMargin - kQrSize;
  double by = box_top + 16;
  by += text(cr, kMargin + 16, by, qr_x - kMargin - 32, "Identifiant : <b>" + escaped(l.identifier) + "</b>",
             "DejaVu Sans Mono 14", true) + 10;
  by += text(cr, kMargin + 16, by, qr_x - kMargin - 32, "Mot de passe * : <b>" + escaped(l.password) + "</b>",
             "DejaVu Sans Mono 14", true) + 16;
  const double box_height = std::max(by - box_top, kQrSize);
  draw_qr(cr, qr_x, box_top, kQrSize - 1.2, login_link(base_url, l.identifier));
  // The frame last: the QR code's white quiet zone must not cut it.
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1.2);
  cairo_rectangle(cr, kMargin, box_top, inner, box_height);
  cairo_stroke(cr);
  y = box_top + box_height + 10;
  y += text(cr, kMargin, y, inner, "* Mot de passe provisoire, à modifier lors de la première connexion.",
            "DejaVu Sans 9") + 4;
  y += text(cr, kMargin, y, inner,
            "Vous disposez d'un délai de " TS_THREE_MONTHS_TEXT " pour activer votre compte. Au delà, votre compte "
            "sera supprimé et vous ne pourrez plus accéder aux services en ligne.",
            "DejaVu Sans 9") + 24;

  y += text(cr, kMargin, y, inner, "<b>Adresse du portail :</b> " + escaped(base_url), "DejaVu Sans 11", true) + 16;
  y += text(cr, kMargin, y, inner, "<b>Première connexion</b>", "DejaVu Sans 12", true) + 6;
  const std::string steps[] = {
      "1. Ouvrez l'adresse du portail, ou scannez le code QR avec votre téléphone : l'identifiant est déjà saisi.",
      "2. Saisissez l'identifiant et le mot de passe provisoire de ce courrier, puis validez.",
      l.addressee.empty()
          ? std::string("3. Choisissez votre mot de passe (8 à 14 caractères alphanumériques, chiffres et lettres "
                        "obligatoires) ; une adresse mail vous permettra de le retrouver si vous l'oubliez.")
          : std::string("3. Choisissez votre mot de passe (8 à 14 caractères alphanumériques, chiffres et lettres "
                        "obligatoires), saisissez votre adresse mail et la date de naissance de votre enfant."),
      "4. Ouvrez le mail « Activation de votre compte » que vous recevez et suivez le lien qu'il contient.",
  };
  for (const auto& s : steps) y += text(cr, kMargin + 8, y, inner - 8, s, "DejaVu Sans 10") + 5;
  y += 18;
  text(cr, kMargin, y, inner,
       "Ce courrier est personnel : ne le communiquez à personne. Un nouveau courrier remplace celui-ci, dont le "
       "mot de passe ne sert alors plus. En cas de difficulté, adressez-vous à l'établissement.",
       "DejaVu Sans 9");
}

}  // namespace

std::string responsable_legal(const std::string& civility) {
  const std::string c = ascii_lower(civility);
  return c == "mme" || c == "madame" ? "responsable légale" : "responsable légal";
}

std::string login_link(const std::string& base_url, const std::string& identifier) {
  return base_url + "/connexion?identifiant=" + identifier;
}

std::string letters_pdf(const std::vector<LetterPage>& pages, const std::string& base_url) {
  if (pages.empty()) throw std::runtime_error("no letter to print");
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Courriers de notification");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Téléservices");
  cairo_t* cr = cairo_create(surface);
  try {
    for (const auto& page : pages) {
      draw_page(cr, page, base_url);
      cairo_show_page(cr);
    }
  } catch (...) {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    throw;
  }
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t surface_status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") +
                             cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : surface_status));
  return out;
}

}  // namespace ts::accounts
