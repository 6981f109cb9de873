// Text encodings of imported files (issue 13, docs/IMPORT.md): school
// software exports CSV in UTF-8 (with or without a BOM), Windows-1252 or
// ISO-8859-15. Everything is converted to UTF-8 with iconv (glibc) before it
// is read; nothing is guessed silently beyond the rule of `automatic`.
#pragma once
#include <string>

namespace ts::charset {

enum class Encoding {
  automatic,    // a UTF-8 BOM or valid UTF-8: UTF-8; else ISO-8859-15 when an "œ" of it is
                // seen (0xBC-0xBE within a word, no byte 0x80-0x9F); anything else: Windows-1252
  utf8,         // UTF-8 (a BOM is dropped); invalid bytes are an error
  windows1252,  // CP1252 (é ç œ « » €); its five unassigned bytes are an error
  iso885915,    // Latin-9 (œ and € where Latin-1 has ½ and ¤)
};

// The form's and the command line's names: "auto", "utf-8", "windows-1252",
// "iso-8859-15" (case-insensitive; "utf8", "cp1252", "latin9" too). False
// for another name.
bool encoding_from_name(const std::string& name, Encoding& out);
// "auto", "utf-8", "windows-1252", "iso-8859-15".
const char* encoding_name(Encoding e);
// French, for pages: "UTF-8", "Windows-1252", "ISO-8859-15", "détection automatique".
const char* encoding_label(Encoding e);

// Whether `s` is well-formed UTF-8 (no overlong forms, no surrogates, at
// most U+10FFFF).
bool is_utf8(const std::string& s);

struct Decoded {
  bool ok = false;
  std::string text;           // UTF-8, without BOM (when ok)
  Encoding used = Encoding::utf8;  // what the bytes were read as
  bool had_bom = false;
  std::string error;          // French, when !ok: "octet non valide en UTF-8 à la position 12"
};

// `bytes` converted to UTF-8 as read in `e` (automatic: the rule above).
Decoded to_utf8(const std::string& bytes, Encoding e);

}  // namespace ts::charset
