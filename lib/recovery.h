// Self-service recovery ("identifiant oublié ?", "mot de passe oublié ?",
// handlers/recuperation.cpp): what keeps its answers from telling whether an
// account or an address exists. (The new-password rule is in accounts.h.)
#pragma once
#include <functional>
#include <string>

#include "db.h"
#include "form.h"

namespace ts {

struct Context;

// Runs `work` (the writes of a recovery mail: counters, code, outbox row)
// inside a savepoint of the caller's transaction and keeps its effects only
// when `keep` is true. A request that must send nothing (unknown address,
// account over its limit) runs the same statements and undoes them, so that
// it costs what a real one does: the response time does not tell them apart.
void run_or_undo(Db& db, bool keep, const std::function<void()>& work);

// What the audit log keeps of something typed that may not be ours (an
// address, an unknown identifier): a keyed digest (HMAC with the site secret,
// 16 bytes in hex), never the text itself.
std::string audit_digest(const Context& ctx, const std::string& typed);

}  // namespace ts
