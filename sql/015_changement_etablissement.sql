-- 015: an account survives a pupil's change of school within the académie
-- (issue 13; lib/accounts/transfer.cpp). closed_reason 'left': the account of
-- a pupil who left the school (import), closed on the spot but carried over,
-- reopened, when another school of the same académie imports the pupil (same
-- INE). Other closings leave it NULL.
ALTER TABLE account ADD COLUMN IF NOT EXISTS closed_reason ENUM('left') NULL AFTER closed_at;
ALTER TABLE pupil ADD KEY IF NOT EXISTS by_national_id (ine);
