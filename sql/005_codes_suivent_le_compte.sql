-- 005: a mailed code (activation, reset, new address…) serves only while the
-- account is as it was when the code was sent. account.security_stamp counts
-- the changes that cancel codes (password, address, closing, a new letter);
-- each code keeps the stamp of its account at issue (lib/accounts/codes.cpp).
ALTER TABLE account ADD COLUMN IF NOT EXISTS security_stamp INT UNSIGNED NOT NULL DEFAULT 0;
ALTER TABLE email_token ADD COLUMN IF NOT EXISTS account_stamp INT UNSIGNED NOT NULL DEFAULT 0;
-- A regroupement done keeps its row (done_at) for the few minutes a repeated
-- VALIDER may arrive, so that it shows the outcome rather than "introuvable".
ALTER TABLE regroupement_pending ADD COLUMN IF NOT EXISTS done_at DATETIME NULL;
