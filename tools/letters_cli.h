// teleservices-admin letters (issue 13 — courriers): a class's or a school's
// notification letters as one PDF file, the same core as the web page
// (lib/accounts/generation.h).
#pragma once
#include <string>
#include <vector>

#include "core/config.h"
#include "core/db.h"

namespace ts {

// args: --uai UAI [--classe "4 C"] [--responsables|--eleves] --out FILE.pdf.
// Prints the counts on stdout; 0 on success, 1 on an error (told on
// stderr: unknown school or class, nothing to print, file not written), 2 on
// a usage error.
int letters_command(Db& db, const Config& cfg, const std::vector<std::string>& args);

}  // namespace ts
