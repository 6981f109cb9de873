-- 010: the import of pupils and responsables (issue 13, part import;
-- lib/scolarite/import.cpp, docs/IMPORT.md). The stable ids of the national
-- pupil database key every import, so the same file twice changes nothing
-- and never creates a duplicate. pupil.left_at (012) marks a pupil who left.
-- identifiant national élève
ALTER TABLE pupil ADD COLUMN IF NOT EXISTS ine CHAR(11) NULL;
-- ELEVE_ID of the export
ALTER TABLE pupil ADD COLUMN IF NOT EXISTS source_id VARCHAR(20) NULL;
-- DATE_ENTREE
ALTER TABLE pupil ADD COLUMN IF NOT EXISTS entered_on DATE NULL;
-- DATE_SORTIE (planned or past)
ALTER TABLE pupil ADD COLUMN IF NOT EXISTS leaving_on DATE NULL;
-- (012 declares it too)
ALTER TABLE pupil ADD COLUMN IF NOT EXISTS left_at DATETIME NULL;
ALTER TABLE pupil ADD UNIQUE KEY IF NOT EXISTS by_source (establishment_id, source_id);
ALTER TABLE pupil ADD KEY IF NOT EXISTS by_ine (establishment_id, ine);

-- A responsable's stable person id is unique within the school that imports it.
ALTER TABLE responsable ADD COLUMN IF NOT EXISTS source_establishment_id INT UNSIGNED NULL;
-- PERSONNE_ID of the export
ALTER TABLE responsable ADD COLUMN IF NOT EXISTS source_id VARCHAR(20) NULL;
ALTER TABLE responsable ADD COLUMN IF NOT EXISTS work_phone VARCHAR(20) NULL;
ALTER TABLE responsable ADD COLUMN IF NOT EXISTS accepts_sms BOOLEAN NULL;
ALTER TABLE responsable ADD UNIQUE KEY IF NOT EXISTS by_source (source_establishment_id, source_id);

-- The link of a responsable to a pupil (mère, père, tuteur…; legal_rank 1/2 is 001's).
ALTER TABLE pupil_responsable ADD COLUMN IF NOT EXISTS link VARCHAR(40) NULL;

-- One import: who, when, the files' digests and what changed. The web keeps
-- the uploaded files here between the preview and "Confirmer l'import"
-- (state pending, bound to the staff session by token_hash and session_hash);
-- they are cleared once applied or abandoned.
CREATE TABLE IF NOT EXISTS import_batch (
  id                 INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  establishment_id   INT UNSIGNED NOT NULL,
  account_id         INT UNSIGNED NULL,                     -- the staff member (NULL: teleservices-admin)
  state              ENUM('pending','applied','abandoned') NOT NULL DEFAULT 'pending',
  token_hash         BINARY(32)   NULL UNIQUE,               -- SHA-256 of the confirm form's token
  session_hash       BINARY(32)   NULL,                      -- the staff session that uploaded
  encoding           VARCHAR(20)  NOT NULL DEFAULT 'auto',
  pupils_file        MEDIUMBLOB   NULL,
  responsables_file  MEDIUMBLOB   NULL,
  pupils_digest      CHAR(64)     NOT NULL,                  -- SHA-256 hex of each file as uploaded
  responsables_digest CHAR(64)    NOT NULL,
  created_at         DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  applied_at         DATETIME     NULL,
  pupils_new         INT UNSIGNED NOT NULL DEFAULT 0,
  pupils_changed     INT UNSIGNED NOT NULL DEFAULT 0,
  pupils_left        INT UNSIGNED NOT NULL DEFAULT 0,
  classes_new        INT UNSIGNED NOT NULL DEFAULT 0,
  responsables_new   INT UNSIGNED NOT NULL DEFAULT 0,
  responsables_changed INT UNSIGNED NOT NULL DEFAULT 0,
  links_added        INT UNSIGNED NOT NULL DEFAULT 0,
  links_removed      INT UNSIGNED NOT NULL DEFAULT 0,
  links_changed      INT UNSIGNED NOT NULL DEFAULT 0,      -- legal rank or link (mère, père…) changed
  KEY (establishment_id, created_at),
  FOREIGN KEY (establishment_id) REFERENCES establishment(id),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
