-- 004: the school's own web site, linked from the services menu (the guide's
-- menu entry bearing the school's name). NULL: the entry leads to /contact.
ALTER TABLE establishment ADD COLUMN IF NOT EXISTS website VARCHAR(255) NULL AFTER academie;
