-- The shared core: organisations, users, and the counters that are not
-- business data (login throttle, request rate). Counters live in MEMORY
-- tables: a hit never waits for a durable commit, and a database restart
-- forgets them (see README, "Rate limits").

CREATE TABLE orgs (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid               CHAR(36) NOT NULL,
  name               VARCHAR(200) NOT NULL,
  premium            TINYINT(1) NOT NULL DEFAULT 0,
  external_unique_id VARCHAR(100) NULL,
  created_at         DATETIME(6) NOT NULL,
  updated_at         DATETIME(6) NOT NULL,
  UNIQUE KEY orgs_uuid (uuid),
  UNIQUE KEY orgs_name (name),
  UNIQUE KEY orgs_external_unique_id (external_unique_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid               CHAR(36) NOT NULL,
  username           VARCHAR(150) NOT NULL,
  hashed_password    VARCHAR(255) NULL,
  full_name          VARCHAR(200) NULL,
  email              VARCHAR(254) NULL,
  scopes             SET('read','create','update','delete','admin') NOT NULL DEFAULT '',
  org_id             BIGINT UNSIGNED NULL,
  all_cases          TINYINT(1) NOT NULL DEFAULT 0,
  disabled           TINYINT(1) NOT NULL DEFAULT 0,
  external_unique_id VARCHAR(100) NULL,
  created_at         DATETIME(6) NOT NULL,
  updated_at         DATETIME(6) NOT NULL,
  UNIQUE KEY users_uuid (uuid),
  UNIQUE KEY users_username (username),
  UNIQUE KEY users_external_unique_id (external_unique_id),
  KEY users_org (org_id),
  CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE throttle (
  k        VARCHAR(200) NOT NULL PRIMARY KEY,
  n        INT NOT NULL,
  reset_at BIGINT NOT NULL
) ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
