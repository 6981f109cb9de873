// The demo school loaded by `make run` (fictional people).
#pragma once
#include "core/config.h"
#include "core/db.h"

namespace ts {
// Loads the school once; then prints a letter (new password) for each of its
// accounts not yet activated. tsv: one tab-separated line per letter, for tests.
int load_demo(Db& db, const Config& cfg, bool tsv);
}
