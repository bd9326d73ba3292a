-- The civil legal-aid case store: a case with its notes, people, tracker,
-- eligibility outcomes and adaptations, and the audit history of every write.
-- Internal BIGINT ids give creation order and cheap joins; clients only ever
-- see the uuid columns.

CREATE TABLE cases (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid        CHAR(36) NOT NULL,
  case_type   VARCHAR(8) NOT NULL,
  external_id VARCHAR(100) NULL,
  org_id      BIGINT UNSIGNED NULL,
  doc_casegate MEDIUMTEXT NULL,  -- the case rendered on each face, kept
  doc_ref      MEDIUMTEXT NULL,  -- with every write (see model.c)
  created_at  DATETIME(6) NOT NULL,
  updated_at  DATETIME(6) NOT NULL,
  UNIQUE KEY cases_uuid (uuid),
  UNIQUE KEY cases_external_id (external_id),
  KEY cases_type (case_type),
  KEY cases_org (org_id),
  KEY cases_created (created_at),
  KEY cases_updated (updated_at),
  CONSTRAINT cases_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE case_notes (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid       CHAR(36) NOT NULL,
  case_id    BIGINT UNSIGNED NOT NULL,
  note_type  VARCHAR(20) NOT NULL,
  content    MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY case_notes_uuid (uuid),
  KEY case_notes_case (case_id),
  KEY case_notes_type (note_type),
  CONSTRAINT case_notes_case_fk FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE persons (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid          CHAR(36) NOT NULL,
  case_id       BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(400) NOT NULL,
  address       TEXT NULL,
  phone_number  VARCHAR(64) NULL,
  postcode      VARCHAR(16) NULL,
  email         VARCHAR(254) NULL,
  date_of_birth DATE NULL,
  created_at    DATETIME(6) NOT NULL,
  updated_at    DATETIME(6) NOT NULL,
  UNIQUE KEY persons_uuid (uuid),
  KEY persons_case (case_id),
  KEY persons_name (name(64)),
  KEY persons_postcode (postcode, case_id),
  KEY persons_email (email, case_id),
  KEY persons_phone (phone_number),
  CONSTRAINT persons_case_fk FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE case_trackers (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid        CHAR(36) NOT NULL,
  case_id     BIGINT UNSIGNED NOT NULL,
  gtm_anon_id TEXT NOT NULL,
  journey     MEDIUMTEXT NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  updated_at  DATETIME(6) NOT NULL,
  UNIQUE KEY case_trackers_uuid (uuid),
  KEY case_trackers_case (case_id),
  CONSTRAINT case_trackers_case_fk FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE eligibility_outcomes (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid             CHAR(36) NOT NULL,
  case_id          BIGINT UNSIGNED NOT NULL,
  eligibility_type VARCHAR(8) NOT NULL,
  outcome          VARCHAR(16) NOT NULL,
  answers          MEDIUMTEXT NOT NULL,
  created_at       DATETIME(6) NOT NULL,
  updated_at       DATETIME(6) NOT NULL,
  UNIQUE KEY eligibility_outcomes_uuid (uuid),
  KEY eligibility_outcomes_case (case_id),
  CONSTRAINT eligibility_outcomes_case_fk FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE case_adaptations (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid               CHAR(36) NOT NULL,
  case_id            BIGINT UNSIGNED NOT NULL,
  needed_adaptations TEXT NOT NULL,
  languages          TEXT NOT NULL,
  created_at         DATETIME(6) NOT NULL,
  updated_at         DATETIME(6) NOT NULL,
  UNIQUE KEY case_adaptations_uuid (uuid),
  KEY case_adaptations_case (case_id),
  CONSTRAINT case_adaptations_case_fk FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- History outlives the case: no foreign key, keyed by the case's uuid.
CREATE TABLE case_history (
  id        BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_uuid CHAR(36) NOT NULL,
  at        DATETIME(6) NOT NULL,
  username  VARCHAR(150) NULL,
  action    VARCHAR(8) NOT NULL,
  changes   MEDIUMTEXT NOT NULL,
  KEY case_history_case (case_uuid, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Conflict checks compare names normalised the same way on both sides:
-- lower case, every run of non-alphanumerics one space, trimmed.
ALTER TABLE persons
  ADD COLUMN name_norm VARCHAR(400)
    AS (TRIM(REGEXP_REPLACE(LOWER(name), '[^[:alnum:]]+', ' '))) STORED,
  ADD KEY persons_name_norm (name_norm(64)),
  ADD KEY persons_dob (date_of_birth);
