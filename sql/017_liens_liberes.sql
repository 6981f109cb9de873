-- 017: the family links an import released because the pupil left the
-- school (issue 13 review; lib/accounts/family.cpp release_pupil): the
-- account_child rows as they were (account, pupil, responsable, attached_at),
-- and when they were released. A change of school within the académie
-- attaches the pupil's new row to exactly these accounts
-- (lib/accounts/transfer.cpp carry_over_arrivals), never to another account
-- of the same parent (a sibling's letter); a row is dropped once carried.
CREATE TABLE IF NOT EXISTS released_child LIKE account_child;
ALTER TABLE released_child ADD COLUMN IF NOT EXISTS released_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- CREATE … LIKE copies the keys, not the foreign keys.
ALTER TABLE released_child
  ADD CONSTRAINT released_child_account FOREIGN KEY IF NOT EXISTS (account_id) REFERENCES account(id) ON DELETE CASCADE,
  ADD CONSTRAINT released_child_pupil FOREIGN KEY IF NOT EXISTS (pupil_id) REFERENCES pupil(id) ON DELETE CASCADE,
  ADD CONSTRAINT released_child_responsable FOREIGN KEY IF NOT EXISTS (responsable_id)
    REFERENCES responsable(id) ON DELETE CASCADE;
