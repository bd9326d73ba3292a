-- E-filing access: the API keys of client servers, filer accounts (per
-- jurisdiction, each in a firm) and their sessions. Secrets are stored only
-- as hashes: SHA-256 for random keys and session secrets, argon2id for
-- filers' passwords.

CREATE TABLE api_keys (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid       CHAR(36) NOT NULL,
  name       VARCHAR(100) NOT NULL,
  key_hash   CHAR(64) NOT NULL,
  revoked_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL,
  UNIQUE KEY api_keys_uuid (uuid),
  UNIQUE KEY api_keys_name (name),
  UNIQUE KEY api_keys_hash (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE firms (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid          CHAR(36) NOT NULL,
  jurisdiction  VARCHAR(40) NOT NULL,
  name          VARCHAR(200) NOT NULL,
  is_individual TINYINT(1) NOT NULL DEFAULT 0,
  created_at    DATETIME(6) NOT NULL,
  updated_at    DATETIME(6) NOT NULL,
  UNIQUE KEY firms_uuid (uuid),
  KEY firms_name (jurisdiction, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE filers (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid            CHAR(36) NOT NULL,
  jurisdiction    VARCHAR(40) NOT NULL,
  email           VARCHAR(254) NOT NULL,
  first_name      VARCHAR(100) NOT NULL,
  last_name       VARCHAR(100) NOT NULL,
  hashed_password VARCHAR(255) NOT NULL,
  firm_id         BIGINT UNSIGNED NOT NULL,
  disabled        TINYINT(1) NOT NULL DEFAULT 0,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  UNIQUE KEY filers_uuid (uuid),
  UNIQUE KEY filers_email (jurisdiction, email),
  CONSTRAINT filers_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE filer_sessions (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  filer_id    BIGINT UNSIGNED NOT NULL,
  secret_hash CHAR(64) NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  UNIQUE KEY filer_sessions_hash (secret_hash),
  KEY filer_sessions_expiry (expires_at),
  CONSTRAINT filer_sessions_filer_fk FOREIGN KEY (filer_id) REFERENCES filers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
