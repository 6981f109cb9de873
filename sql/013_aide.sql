-- 013: helping a family (issue 13, part aide).

-- Undoing a regroupement made by mistake (lib/accounts/undo.cpp): what the
-- merge changed, written in the merge's transaction (regroupement.cpp
-- merge_into). One row per merge: the account kept, the account closed and
-- its state before; undone_at/undone_by once a staff member undid it.
CREATE TABLE IF NOT EXISTS regroupement_record (
  id                INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kept_account_id   INT UNSIGNED NOT NULL,
  closed_account_id INT UNSIGNED NOT NULL,
  closed_state      ENUM('letter','pending_email','active') NOT NULL,
  merged_at         DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  undone_at         DATETIME     NULL,
  undone_by         INT UNSIGNED NULL,                   -- the staff account (no FK: the record outlives it)
  KEY (kept_account_id),
  KEY (closed_account_id),
  FOREIGN KEY (kept_account_id) REFERENCES account(id) ON DELETE CASCADE,
  FOREIGN KEY (closed_account_id) REFERENCES account(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each link the merge changed, with its old values:
--   closed_child      an account_child row of the closed account (removed by the close)
--   kept_child        an account_child row added to the kept account (a moved pupil)
--   kept_represented  an account_responsable row added to the kept account (compte joint)
--   closed_letter     a letter of the closed account that was in force (revoked by the close)
CREATE TABLE IF NOT EXISTS regroupement_record_item (
  record_id      INT UNSIGNED NOT NULL,
  what           ENUM('closed_child','kept_child','kept_represented','closed_letter') NOT NULL,
  pupil_id       INT UNSIGNED NULL,
  responsable_id INT UNSIGNED NULL,
  attached_at    DATETIME     NULL,
  letter_id      INT UNSIGNED NULL,
  KEY (record_id),
  KEY (pupil_id),
  FOREIGN KEY (record_id) REFERENCES regroupement_record(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "Je ne suis pas le représentant légal de cet élève" (lib/accounts/reports.cpp):
-- letter.reported_at (012) suspends the letter until staff handle the report
-- (report_handled_at, 012): the decision (annule: the letter stays revoked;
-- infonde: it works again), their comment, who handled it.
ALTER TABLE letter ADD COLUMN IF NOT EXISTS report_decision ENUM('annule','infonde') NULL;
ALTER TABLE letter ADD COLUMN IF NOT EXISTS report_comment VARCHAR(500) NULL;
ALTER TABLE letter ADD COLUMN IF NOT EXISTS report_handled_by INT UNSIGNED NULL;

-- Accounts unused for a year (lib/accounts/inactivity.cpp, teleservices-admin
-- inactivity): when the warning (335 days) was recorded; a sign-in since re-arms it.
ALTER TABLE account ADD COLUMN IF NOT EXISTS inactivity_warned_at DATETIME NULL;
