// Accounts (table account, owned here; the lockout columns are
// lib/security/lockout.cpp's) and their state changes (spec "The account life
// cycle"): letter -> (first connection) -> pending_email, or active for a
// pupil without address -> (link) -> active; closed (regroupement). Every
// function runs in the caller's transaction when there is one.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "core/db.h"

namespace ts::accounts {

struct Account {
  unsigned id = 0;
  std::string identifier, kind, state, display_name, password_hash, email, pending_email;
  unsigned responsable_id = 0, pupil_id = 0;
  // First connection done more than 3 months ago and the address never confirmed.
  bool activation_expired = false;
  // While the account is locked (lib/security/lockout.h): the end of the
  // lock, Unix time; 0 when it is not locked. Read with the row: no query.
  long locked_until = 0;
  // Staff accounts (kind "personnel", lib/staff): their establishment (0: the
  // académie) and roles as stored ("direction,enseignant"); read with the
  // row by subqueries, so the session query still costs one round trip.
  unsigned staff_establishment = 0;
  std::string staff_roles;
  // issue 13 — aide: the school demanded a new password (renewal.h): the next
  // sign-in leads to the renewal page (session stage renew) instead.
  bool must_renew_password = false;
  bool is_responsable() const { return kind == "responsable"; }
  bool is_staff() const { return kind == "personnel"; }
};

std::optional<Account> find_account(Db& db, const std::string& identifier);

// A new account at state letter, under the first free identifier of the
// series base, base1, base2… (identifiers.h identifier_base); 0 for the
// responsable or the pupil it is not. Returns its id; `identifier` receives
// the identifier. Throws std::runtime_error when 20 suffixes in a row are taken.
unsigned create_account(Db& db, const std::string& base, const std::string& kind, const std::string& display_name,
                        unsigned responsable_id, unsigned pupil_id, std::string& identifier);

// The session stage an account signs in at: a responsable whose address is
// not confirmed yet waits (pending); everyone else reaches the services (full).
const char* stage_for(const Account& a);
// SELECT … FOR UPDATE: serialises changes to one account. Rules that lock
// several rows lock the account row first.
std::optional<Account> lock_account(Db& db, unsigned account_id);

// First connection done (letter already spent by the caller): the chosen
// password's hash, and the address to confirm (state pending_email) or none
// (state active: a pupil may give no address). `a` is updated to match.
void record_first_connection(Db& db, Account& a, const std::string& password_hash, const std::string& address);

// The one rule of a confirmed address (activation link, new-address link):
// the account is active with `address`, no address waits any more, the
// sessions that waited for the confirmation (stage pending) reach the
// services, and codes sent before (to the old address) stop serving.
void confirm_address(Db& db, unsigned account_id, const std::string& address);

// Every mailed code sent so far stops serving (codes.h): called by each
// change that must cancel them — a new password, a confirmed or corrected
// address, closing, a new letter. (account.security_stamp, sql/005.)
void cancel_codes(Db& db, unsigned account_id);

// The address to confirm, corrected from the waiting page (account at state
// pending_email): links sent to the mistyped address stop serving.
void correct_pending_address(Db& db, unsigned account_id, const std::string& address);

// Back to the letter stage, for a new letter (an account that never
// confirmed its address): no password, no address to confirm, no first
// connection, its sessions ended and its codes cancelled.
void back_to_letter(Db& db, unsigned account_id);

// An address known to be right without a mailed link (a staff member's,
// given by the direction or the command line): confirmed as it is; the
// state does not change.
void set_known_address(Db& db, unsigned account_id, const std::string& address);
// An account at state letter whose address is known (staff, enrolment link):
// its password, state active; mailed codes sent before stop serving (the
// enrolment link with them). A closed account stays closed.
void open_account(Db& db, unsigned account_id, const std::string& password_hash);

// A new password hash (Mon compte, reset link, forced renewal); mailed codes
// sent before stop serving; a renewal the school demanded is satisfied
// (every new password, first connection and enrolment too, records
// password_changed_at and clears renew_password_at). The caller ends sessions.
void set_password(Db& db, unsigned account_id, const std::string& password_hash);

// The one rule of closing an account (regroupement, attaching a child from a
// letter account): state closed; its sessions end, its mailed codes and
// unused letters stop working, it holds no child any more, and no
// regroupement waits with it on either side.
void close_account(Db& db, unsigned account_id);

// Accounts the daily purge deletes: at state letter, once its last letter's 3
// months are over unused — a letter revoked early (a report judged founded,
// "annulé") counts its 3 months too, so the account and its handled report
// stay in the follow-up meanwhile; never while a report waits for staff
// (TS_LETTER_SUSPENDED) — or an address not confirmed within 3 months of the
// first connection. `each` is
// called with (id, identifier, state) for every such account, locked.
void for_each_expired_account(Db& db,
                              const std::function<void(unsigned, const std::string&, const std::string&)>& each);
void delete_account(Db& db, unsigned account_id);

}  // namespace ts::accounts
