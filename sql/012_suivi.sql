-- 012: the follow-up of the families' accounts (issue 13, part suivi).
-- Columns several parts of issue 13 declare with the same definition (they
-- merge in any order; docs/ARCHITECTURE.md "Tables"):
--   pupil.left_at            set by the import when a pupil left: a left pupil
--                            is no current pupil of the follow-up
--   account.last_login_at    each successful sign-in (lib/web/login.cpp, the
--                            staff second factor): "Dernière connexion"
--   letter.reported_at, letter.report_handled_at
--                            "je ne suis pas le représentant légal": the state
--                            signalé while reported and not handled
ALTER TABLE pupil ADD COLUMN IF NOT EXISTS left_at DATETIME NULL;
ALTER TABLE account ADD COLUMN IF NOT EXISTS last_login_at DATETIME NULL;
ALTER TABLE letter ADD COLUMN IF NOT EXISTS reported_at DATETIME NULL;
ALTER TABLE letter ADD COLUMN IF NOT EXISTS report_handled_at DATETIME NULL;

-- The search of the follow-up (names by prefix, accent-insensitive through
-- the tables' utf8mb4_unicode_ci collation).
ALTER TABLE pupil ADD KEY IF NOT EXISTS by_name (establishment_id, last_name, first_name);
ALTER TABLE responsable ADD KEY IF NOT EXISTS by_name (last_name, first_name);
-- A family account's audit trail (its fiche): the helpdesk's rows name the
-- account by its identifier in `detail`.
ALTER TABLE audit_log ADD KEY IF NOT EXISTS by_detail (detail(40));
