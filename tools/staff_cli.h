// teleservices-admin staff … (docs/STAFF.md "Command line"), and the demo
// school's staff accounts.
#pragma once
#include <string>
#include <vector>

#include "core/config.h"
#include "core/db.h"

namespace ts {

// `args` after "staff": create | link | code. Returns the exit status
// (0 done, 1 refused or failed, 2 usage); messages on stderr.
int staff_command(Db& db, const Config& cfg, const std::vector<std::string>& args);

// The demo school's direction, secretary and teacher (created once); prints
// a fresh enrolment link for each one not enrolled yet. Caller's transaction.
void demo_staff(Db& db, const Config& cfg, unsigned establishment_id, std::ostream& out);

}  // namespace ts
