-- 001: the foundation: schools, pupils, responsables, accounts, letters,
-- email tokens, sessions, outbox, audit log.
-- Applied once by `teleservices-admin migrate` (recorded in schema_migrations).

CREATE TABLE IF NOT EXISTS establishment (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uai           CHAR(8)      NOT NULL UNIQUE,            -- e.g. 0860001A
  name          VARCHAR(120) NOT NULL,
  academie      VARCHAR(80)  NOT NULL,
  vie_scolaire_phone VARCHAR(20) NULL,
  vie_scolaire_fax   VARCHAR(20) NULL,
  vie_scolaire_email VARCHAR(254) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS school_class (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  establishment_id INT UNSIGNED NOT NULL,
  name             VARCHAR(20)  NOT NULL,                 -- "4 C"
  UNIQUE KEY (establishment_id, name),
  FOREIGN KEY (establishment_id) REFERENCES establishment(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS pupil (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  establishment_id INT UNSIGNED NOT NULL,
  class_id         INT UNSIGNED NULL,
  first_name       VARCHAR(80)  NOT NULL,
  last_name        VARCHAR(80)  NOT NULL,
  birth_date       DATE         NOT NULL,
  FOREIGN KEY (establishment_id) REFERENCES establishment(id),
  FOREIGN KEY (class_id) REFERENCES school_class(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A responsable légal as the school knows them (the "fiche de renseignements").
CREATE TABLE IF NOT EXISTS responsable (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  civility     VARCHAR(10)  NULL,
  first_name   VARCHAR(80)  NOT NULL,
  last_name    VARCHAR(80)  NOT NULL,
  address      VARCHAR(255) NULL,
  phone        VARCHAR(20)  NULL,
  mobile_phone VARCHAR(20)  NULL,
  contact_email VARCHAR(254) NULL,
  profession   VARCHAR(120) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Legal link between a pupil and a responsable (rank 1 or 2, as in SIECLE).
CREATE TABLE IF NOT EXISTS pupil_responsable (
  pupil_id       INT UNSIGNED NOT NULL,
  responsable_id INT UNSIGNED NOT NULL,
  legal_rank     TINYINT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (pupil_id, responsable_id),
  KEY (responsable_id),
  FOREIGN KEY (pupil_id) REFERENCES pupil(id) ON DELETE CASCADE,
  FOREIGN KEY (responsable_id) REFERENCES responsable(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An online account. kind: a responsable's or a pupil's.
-- state: 'letter' (provisional credentials only), 'pending_email' (first
-- connection done, email not yet confirmed), 'active', 'closed'.
CREATE TABLE IF NOT EXISTS account (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  identifier       VARCHAR(40)  NOT NULL UNIQUE,
  kind             ENUM('responsable','eleve') NOT NULL,
  state            ENUM('letter','pending_email','active','closed') NOT NULL DEFAULT 'letter',
  display_name     VARCHAR(170) NOT NULL,
  responsable_id   INT UNSIGNED NULL,                    -- kind = responsable
  pupil_id         INT UNSIGNED NULL,                    -- kind = eleve
  password_hash    VARCHAR(128) NULL,                    -- Argon2id, encoded; NULL until first connection
  email            VARCHAR(254) NULL,                    -- confirmed address in force
  pending_email    VARCHAR(254) NULL,                    -- address given, not yet confirmed
  email_confirmed_at DATETIME   NULL,
  first_connection_at DATETIME  NULL,
  created_at       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  closed_at        DATETIME     NULL,
  failed_logins    INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until     DATETIME     NULL,
  KEY (state),
  KEY (email),
  FOREIGN KEY (responsable_id) REFERENCES responsable(id),
  FOREIGN KEY (pupil_id) REFERENCES pupil(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Children a responsable account may see, and through which responsable.
CREATE TABLE IF NOT EXISTS account_child (
  account_id     INT UNSIGNED NOT NULL,
  pupil_id       INT UNSIGNED NOT NULL,
  responsable_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (account_id, pupil_id, responsable_id),
  KEY (pupil_id),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE,
  FOREIGN KEY (pupil_id) REFERENCES pupil(id) ON DELETE CASCADE,
  FOREIGN KEY (responsable_id) REFERENCES responsable(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A notification letter: provisional password (Argon2id), valid 3 months.
-- A new letter for the same account revokes the previous one.
CREATE TABLE IF NOT EXISTS letter (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    INT UNSIGNED NOT NULL,
  pupil_id      INT UNSIGNED NOT NULL,                   -- the child named on the letter
  password_hash VARCHAR(128) NOT NULL,
  created_at    DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at    DATETIME     NOT NULL,
  used_at       DATETIME     NULL,
  revoked_at    DATETIME     NULL,
  KEY (account_id),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE,
  FOREIGN KEY (pupil_id) REFERENCES pupil(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Single-use codes mailed to a user; only their SHA-256 digest is stored.
CREATE TABLE IF NOT EXISTS email_token (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id  INT UNSIGNED NOT NULL,
  purpose     ENUM('activation','email_change','password_reset') NOT NULL,
  token_hash  BINARY(32)   NOT NULL UNIQUE,
  email       VARCHAR(254) NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at  DATETIME     NOT NULL,
  used_at     DATETIME     NULL,
  KEY (account_id, purpose, created_at),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Server-side sessions; the cookie holds 256 random bits, the table their digest.
-- stage: 'first_connection' (letter credentials accepted), 'pending' (responsable
-- waiting for email confirmation), 'full'.
CREATE TABLE IF NOT EXISTS session (
  id_hash      BINARY(32)   NOT NULL PRIMARY KEY,
  account_id   INT UNSIGNED NOT NULL,
  stage        ENUM('first_connection','pending','full') NOT NULL,
  created_at   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at   DATETIME     NOT NULL,                    -- absolute timeout
  KEY (account_id),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Mail to send; written in the same transaction as the change it reports,
-- sent by mail-worker.
CREATE TABLE IF NOT EXISTS outbox (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  to_address      VARCHAR(254) NOT NULL,
  to_name         VARCHAR(170) NULL,
  subject         VARCHAR(255) NOT NULL,
  body_text       MEDIUMTEXT   NOT NULL,
  created_at      DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  next_attempt_at DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  attempts        INT UNSIGNED NOT NULL DEFAULT 0,
  sent_at         DATETIME     NULL,
  failed_at       DATETIME     NULL,                     -- gave up
  last_error      VARCHAR(1000) NULL,
  message_id      VARCHAR(255) NULL,
  KEY due (sent_at, failed_at, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS audit_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at          DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  account_id  INT UNSIGNED NULL,                         -- no FK: the log outlives accounts
  identifier  VARCHAR(40)  NULL,
  event       VARCHAR(40)  NOT NULL,
  detail      VARCHAR(1000) NULL,
  remote_addr VARCHAR(45)  NULL,
  KEY (account_id),
  KEY (event, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
