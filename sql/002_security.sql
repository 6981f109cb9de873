-- 002: counters for rate limits (mails per account and per address, failed
-- logins per client address). One row per event; old rows are purged.
CREATE TABLE IF NOT EXISTS rate_event (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind        VARCHAR(40)  NOT NULL,   -- e.g. 'mail_account', 'mail_address', 'login_ip'
  subject     BINARY(32)   NOT NULL,   -- SHA-256 of the account id, address or IP: no personal data in clear
  at          DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY (kind, subject, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Account lockout: how many times the account was locked since its last
-- successful login (each new lock lasts twice as long).
ALTER TABLE account ADD COLUMN IF NOT EXISTS lock_count INT UNSIGNED NOT NULL DEFAULT 0;
