// The audit log: every security event, in the transaction of the change.
#pragma once
#include <string>

#include "db.h"

namespace ts {
void audit(Db& db, unsigned account_id, const std::string& identifier, const std::string& event,
           const std::string& detail, const std::string& remote_addr);
}
