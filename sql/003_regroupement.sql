-- Regroupement de comptes (account merging) and compte joint.

-- The pending merge between "SUIVANT" and "VALIDER": kept on the server,
-- bound to the session that checked the other account's credentials (the
-- page carries no account id a client could alter). One per session.
CREATE TABLE IF NOT EXISTS regroupement_pending (
  session_hash     BINARY(32)   NOT NULL PRIMARY KEY,   -- session.id_hash
  account_id       INT UNSIGNED NOT NULL,               -- the account signed in
  other_account_id INT UNSIGNED NOT NULL,               -- the account to close
  created_at       DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at       DATETIME     NOT NULL,
  KEY (other_account_id),
  KEY (account_id),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE,
  FOREIGN KEY (other_account_id) REFERENCES account(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Compte joint: the responsables an account represents. Filled at merge time
-- with both accounts' responsable_id (an account's own account.responsable_id
-- is implied even without a row here).
CREATE TABLE IF NOT EXISTS account_responsable (
  account_id     INT UNSIGNED NOT NULL,
  responsable_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (account_id, responsable_id),
  FOREIGN KEY (account_id) REFERENCES account(id) ON DELETE CASCADE,
  FOREIGN KEY (responsable_id) REFERENCES responsable(id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
