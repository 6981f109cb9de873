// The audit log (table audit_log, owned here): every security event, written
// in the transaction of the change it reports.
#pragma once
#include <string>

#include "core/db.h"

namespace ts::security {

// account_id 0: no account (unknown identifier). Texts are cut to the
// columns' sizes (identifier 40, detail 1000, remote_addr 45).
void audit(Db& db, unsigned account_id, const std::string& identifier, const std::string& event,
           const std::string& detail, const std::string& remote_addr);

// What the audit log keeps of something typed that may not be ours (an
// address, an unknown identifier): a keyed digest (HMAC with the site secret,
// 16 bytes in hex), never the text itself.
std::string audit_digest(const std::string& secret, const std::string& typed);

}  // namespace ts::security
