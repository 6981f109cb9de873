#include "recovery.h"

#include "account.h"
#include "codes.h"
#include "security/lockout.h"
#include "sessions.h"


namespace ts::accounts {
namespace {

constexpr const char* kLockHoldersOfAddress =
    "SELECT id, identifier, display_name, email FROM account"
    " WHERE email = ? AND state = 'active' AND kind <> 'personnel' ORDER BY identifier FOR UPDATE";
constexpr const char* kLockHolder =
    "SELECT id, identifier, display_name, email FROM account"
    " WHERE identifier = ? AND email = ? AND state = 'active' AND kind <> 'personnel' FOR UPDATE";
std::vector<Holder> read_holders(Rows r) {
  std::vector<Holder> out;
  while (r->next()) out.push_back({r->getUInt(1), {r->getString(2), r->getString(3), r->getString(4)}});
  return out;
}

}  // namespace

std::vector<Holder> lock_holders_of_address(Db& db, const std::string& address) {
  return read_holders(db.query(kLockHoldersOfAddress, address));
}

std::vector<Holder> lock_holder(Db& db, const std::string& identifier, const std::string& address) {
  return read_holders(db.query(kLockHolder, identifier, address));
}

void reset_password(Db& db, unsigned account_id, const std::string& password_hash) {
  spend_codes(db, account_id, purpose::password_reset);
  set_password(db, account_id, password_hash);
  security::record_password_reset(db, account_id);
  end_all_sessions(db, account_id);
}

}  // namespace ts::accounts
