-- 008: a session replaced by a new one of the same browser (sign-in, a new
-- stage, a password change) lives on for TS_REPEAT_WINDOW so that a form
-- posted twice reaches its outcome (lib/accounts/sessions.h). `replaced` says
-- by what: 'stage' — the first request that still carries it gets a fresh
-- id and the session back for good (the browser may have kept only that
-- answer's cookie); 'password' — it only serves the twin of the change and
-- is never renewed (whoever held the old id is out within the window).
ALTER TABLE session ADD COLUMN IF NOT EXISTS replaced ENUM('stage', 'password') NULL;
