-- 009: staff accounts (issue 12; docs/STAFF.md). Staff are rows of `account`
-- (kind 'personnel'): the same hashing, password rule, lockout, sessions,
-- CSRF and audit log as families. What only staff have is lib/staff's.

ALTER TABLE account MODIFY kind ENUM('responsable', 'eleve', 'personnel') NOT NULL;
-- Wrong second-factor codes (TOTP or recovery code): a proof of its own,
-- counted with the others toward max_failed_logins (lib/security/lockout.h).
ALTER TABLE account ADD COLUMN IF NOT EXISTS failed_codes INT UNSIGNED NOT NULL DEFAULT 0 AFTER failed_birth_dates;

-- staff_factor: password accepted, the second factor to give (or to enrol);
-- staff: signed in. Idle timeout [staff] idle_minutes.
ALTER TABLE session MODIFY stage ENUM('first_connection', 'pending', 'full', 'staff_factor', 'staff') NOT NULL;

-- The single-use enrolment link of a new staff account (72 h).
ALTER TABLE email_token MODIFY purpose
  ENUM('activation', 'email_change', 'password_reset', 'staff_enrolment') NOT NULL;

-- Which establishment an audit row belongs to (the school's journal):
-- the staff member's, or the family account's school; NULL: académie or none.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS establishment_id INT UNSIGNED NULL;
ALTER TABLE audit_log ADD KEY IF NOT EXISTS by_establishment (establishment_id, id);

-- A staff account: its establishment (NULL: the académie), its sealed TOTP
-- secret (AES-256-GCM under [staff] totp_key: nonce, ciphertext, tag), whether
-- enrolment is confirmed, and the last TOTP step accepted (no replay).
CREATE TABLE IF NOT EXISTS staff (
  account_id       INT UNSIGNED NOT NULL PRIMARY KEY,
  establishment_id INT UNSIGNED NULL,
  first_name       VARCHAR(80)  NOT NULL,
  last_name        VARCHAR(80)  NOT NULL,
  totp_sealed      VARBINARY(64) NULL,
  totp_enrolled_at DATETIME     NULL,
  totp_last_step   BIGINT       NULL,
  created_by       INT UNSIGNED NULL,                    -- NULL: the command line
  KEY (establishment_id),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE,
  FOREIGN KEY (establishment_id) REFERENCES establishment(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Roles (several per account); 'assistance' is the helpdesk delegation
-- direction grants and takes back (granted_by: who).
CREATE TABLE IF NOT EXISTS staff_role (
  account_id  INT UNSIGNED NOT NULL,
  role        ENUM('direction', 'secretariat', 'vie_scolaire', 'enseignant', 'academie', 'assistance') NOT NULL,
  granted_by  INT UNSIGNED NULL,
  granted_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (account_id, role),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An enseignant's classes and subjects.
CREATE TABLE IF NOT EXISTS staff_teaching (
  account_id  INT UNSIGNED NOT NULL,
  class_id    INT UNSIGNED NOT NULL,
  subject     VARCHAR(60)  NOT NULL,
  PRIMARY KEY (account_id, class_id, subject),
  KEY (class_id),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE,
  FOREIGN KEY (class_id) REFERENCES school_class(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Single-use recovery codes: HMAC-SHA-256 under the site secret.
CREATE TABLE IF NOT EXISTS staff_recovery_code (
  account_id  INT UNSIGNED NOT NULL,
  code_hash   BINARY(32)   NOT NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  used_at     DATETIME     NULL,
  PRIMARY KEY (account_id, code_hash),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
