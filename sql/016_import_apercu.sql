-- 016: what a pending import's preview announced (issue 13; lib/scolarite/import.h
-- preview_digest): the SHA-256 (hex) of its list of changes, computed again at
-- the confirmation inside the transaction; when the school's records changed
-- in between (another import, teleservices-admin), nothing is applied and the
-- secretary sees the new preview. NULL for batches of before and for applied ones.
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS preview_digest CHAR(64) NULL AFTER responsables_digest;
