-- 006: when a child was attached by its date of birth ("no second letter
-- needed"): a form sent twice then gets its outcome instead of a refusal.
-- NULL for the links a letter or an import made.
ALTER TABLE account_child ADD COLUMN IF NOT EXISTS attached_at DATETIME NULL;
