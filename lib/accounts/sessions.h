// Sign-in sessions (table session, owned here): 256-bit id in the cookie,
// SHA-256 of it in the table, idle and absolute timeouts, a stage. The
// session query also loads the account (one round trip): pages receive it
// from the route gate (lib/web/routes.h) and never look it up again.
// Cookies and CSRF are lib/web/session.h's.
#pragma once
#include <optional>
#include <string>

#include "account.h"
#include "core/db.h"

namespace ts::accounts {

// session.stage values: letter credentials accepted; responsable waiting for
// the address confirmation; everything open.
namespace stage {
constexpr const char* first_connection = "first_connection";
constexpr const char* pending = "pending";
constexpr const char* full = "full";
// Staff (docs/STAFF.md): password accepted, second factor to give or enrol; signed in.
constexpr const char* staff_factor = "staff_factor";
constexpr const char* staff = "staff";
// issue 13 — aide: the password was right but the school demanded a new one
// (renewal.h): only the renewal page until it is chosen.
constexpr const char* renew = "renew";
}  // namespace stage

struct Session {
  std::string id_hash;  // raw 32 bytes
  std::string stage;
  Account account;
  // "" for a live session; "stage" or "password" for one replaced just now by
  // a new one of the same browser (start_session, replace_session): it serves
  // only for TS_REPEAT_WINDOW, the twin of the request that replaced it.
  std::string replaced;
};

// The live session of a cookie value, with its account; an expired session,
// or one of a closed account, is deleted. Idle timeout: `idle_minutes`, or
// `staff_idle_minutes` for a staff account. last_seen_at is written at most
// once a minute.
std::optional<Session> load_session(Db& db, const std::string& cookie, int idle_minutes, int staff_idle_minutes);

// A new session (new id) for the account. The session of `old_cookie`, if
// any: another account's is deleted; the same account's lives on at the new
// stage for TS_REPEAT_WINDOW (2 minutes, period.h) so that a form posted
// twice reaches the outcome (replaced = 'stage'; see adopt_session), then
// expires. Returns the new cookie value.
std::string start_session(Db& db, const std::string& old_cookie, unsigned account_id, const char* stage,
                          int absolute_hours);
// Deletes the session of a cookie value (logout).
void end_session(Db& db, const std::string& cookie);
// Ends every session of an account.
void end_all_sessions(Db& db, unsigned account_id);
// Ends every session of an account but one (a password change signs out the
// other browsers, not the one that made it).
void end_other_sessions(Db& db, unsigned account_id, const std::string& keep_id_hash);
// After a change of credentials: a new session (new id) at the same stage and
// with the same expiry; the old one serves the twin of the change for
// TS_REPEAT_WINDOW (replaced = 'password': POSTs only, lib/web/session.cpp;
// never adopted). Returns the new cookie value.
std::string replace_session(Db& db, const std::string& id_hash);
// A session replaced at a stage change that a request still carries (a form
// posted twice, the browser kept the second answer's cookies): a new session
// for that copy, with a fresh id and its life back (its absolute expiry
// counted from the old one's creation); the old id stays for its window, for
// the other copies. Returns the new cookie value, or "" when it was no such
// session.
std::string adopt_session(Db& db, const std::string& id_hash, int absolute_hours);
// The account's sessions waiting at stage pending reach stage full.
void open_pending_sessions(Db& db, unsigned account_id);

}  // namespace ts::accounts
