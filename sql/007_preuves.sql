-- 007: each proof keeps its own failure count (issue 11, fault 1). A letter
-- holder's correct letter password used to wipe the wrong dates of birth
-- typed at first connection, so the date could be guessed without the
-- account ever locking. Now:
--   failed_logins       wrong passwords (account or letter password, current
--                       password before a change, the other account's at a merge)
--   failed_birth_dates  wrong dates of birth (first connection, attaching a child)
-- The account locks when their sum reaches [security] max_failed_logins; the
-- success of one proof clears its own count only (lib/security/lockout.h).
-- lock_reason: 'password' when only wrong passwords led to the lock in force
-- (a password reset through the confirmed address may then lift it), 'other'
-- when another proof's failures counted.
ALTER TABLE account ADD COLUMN IF NOT EXISTS failed_birth_dates INT UNSIGNED NOT NULL DEFAULT 0 AFTER failed_logins;
ALTER TABLE account ADD COLUMN IF NOT EXISTS lock_reason ENUM('password', 'other') NULL AFTER locked_until;
