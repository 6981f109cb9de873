// issue 13 — import: `teleservices-admin import --uai UAI --eleves FILE
// --responsables FILE [--encodage auto|utf-8|windows-1252|iso-8859-15]
// [--dry-run]` (docs/IMPORT.md): the web's import (lib/accounts/imports.h)
// from the command line. Prints the preview and the problems in French;
// exit 0 done (or previewed), 1 problems (nothing written), 2 bad usage.
#pragma once
#include <string>
#include <vector>

#include "core/db.h"

namespace ts {
int import_command(Db& db, const std::vector<std::string>& args);
}  // namespace ts
