-- 014: forced password renewal (issue 13, part aide: "forcer un nouveau mot
-- de passe à la prochaine connexion"; lib/accounts/renewal.cpp).
--   account.password_changed_at  each new password (first connection, Mon
--                                compte, reset link, enrolment link: every
--                                query of lib/accounts/account.cpp that sets
--                                password_hash); backfilled with the first
--                                connection for accounts that have a password
--   account.renew_password_at    when a renewal was demanded (NULL: none); the
--                                next sign-in leads to /connexion/nouveau-mot-de-passe
--                                (session stage 'renew'); a new password clears it
ALTER TABLE account ADD COLUMN IF NOT EXISTS password_changed_at DATETIME NULL;
ALTER TABLE account ADD COLUMN IF NOT EXISTS renew_password_at DATETIME NULL;
UPDATE account SET password_changed_at = first_connection_at
 WHERE password_changed_at IS NULL AND password_hash IS NOT NULL;
ALTER TABLE session MODIFY stage ENUM('first_connection', 'pending', 'full', 'staff_factor', 'staff', 'renew') NOT NULL;
