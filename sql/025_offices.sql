-- The rest of a matter's intake (LegalServer's intake_office, intake_program,
-- intake_user) and its other scalar fields that a case can hold. Offices are
-- rows of their own, read as {office_id, office_uuid, office_code,
-- office_name}; programs are a lookup table like the others; the intake user
-- is a Casegate user (a user who took an intake cannot be deleted: disable
-- the account instead). The client's prefix, suffix, veteran and disabled
-- belong to the person; the rest to the case.

CREATE TABLE offices (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid        CHAR(36) NOT NULL,
  office_code VARCHAR(32) NOT NULL,
  name        VARCHAR(200) NOT NULL,
  active      TINYINT(1) NOT NULL DEFAULT 1,
  created_at  DATETIME(6) NOT NULL,
  updated_at  DATETIME(6) NOT NULL,
  UNIQUE KEY offices_uuid (uuid),
  UNIQUE KEY offices_code (office_code),
  UNIQUE KEY offices_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Seeds get name-based uuids (SHA-256 of "casegate:office:CODE", version
-- 8), the rule of the lookup seeds, so an office has one uuid on every host.
CREATE TEMPORARY TABLE office_seed (office_code VARCHAR(32), name VARCHAR(200));
INSERT INTO office_seed VALUES
  ('CHI', 'Chicago Central Office'),
  ('WAU', 'Waukegan Office'),
  ('BOS', 'Boston Office'),
  ('BAL', 'Baltimore Office'),
  ('HOT', 'Statewide Hotline');
INSERT INTO offices (uuid, office_code, name, created_at, updated_at)
SELECT LOWER(CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-8', SUBSTR(h, 14, 3),
         '-', ELT(1 + (CONV(SUBSTR(h, 17, 1), 16, 10) & 3), '8', '9', 'a', 'b'),
         SUBSTR(h, 18, 3), '-', SUBSTR(h, 21, 12))),
       office_code, name, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
FROM (SELECT s.*, SHA2(CONCAT('casegate:office:', office_code), 256) AS h
      FROM office_seed s) x
ORDER BY office_code;
DROP TEMPORARY TABLE office_seed;

-- The programs an intake belongs to: GET /api/v2/lookups/program.
INSERT INTO ls_lookups (uuid, tbl, type_name, name, list_order)
SELECT LOWER(CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-8', SUBSTR(h, 14, 3),
         '-', ELT(1 + (CONV(SUBSTR(h, 17, 1), 16, 10) & 3), '8', '9', 'a', 'b'),
         SUBSTR(h, 18, 3), '-', SUBSTR(h, 21, 12))),
       'program', 'Program', name, list_order
FROM (SELECT s.*, SHA2(CONCAT('casegate:lookup:program:', name), 256) AS h
      FROM (SELECT 'General Intake' AS name, 1 AS list_order
            UNION ALL SELECT 'Housing Unit', 2
            UNION ALL SELECT 'Family Law Unit', 3
            UNION ALL SELECT 'Consumer Law Unit', 4
            UNION ALL SELECT 'Elder Law Project', 5
            UNION ALL SELECT 'Pro Bono Program', 6) s) x
ORDER BY list_order;

-- doc_matter: the matter rendered, a cache another change adds too (hence
-- IF NOT EXISTS); a write that changes what a matter embeds from another
-- table (an intake user's name, an office's name) drops it.
ALTER TABLE cases
  ADD COLUMN IF NOT EXISTS doc_matter MEDIUMTEXT NULL;

ALTER TABLE cases
  ADD COLUMN intake_office_id    BIGINT UNSIGNED NULL,
  ADD COLUMN intake_program_id   BIGINT UNSIGNED NULL,
  ADD COLUMN intake_user_id      BIGINT UNSIGNED NULL,
  ADD COLUMN intake_type         VARCHAR(100) NULL,
  ADD COLUMN is_this_a_prescreen TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN rejected            TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN rejection_reason    VARCHAR(500) NULL,
  ADD COLUMN close_reason        VARCHAR(255) NULL,
  ADD COLUMN impact              TINYINT(1) NOT NULL DEFAULT 0,
  ADD KEY cases_intake_office (intake_office_id),
  ADD KEY cases_intake_program (intake_program_id),
  ADD KEY cases_intake_user (intake_user_id),
  ADD CONSTRAINT cases_intake_office_fk FOREIGN KEY (intake_office_id) REFERENCES offices (id),
  ADD CONSTRAINT cases_intake_program_fk FOREIGN KEY (intake_program_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT cases_intake_user_fk FOREIGN KEY (intake_user_id) REFERENCES users (id);

-- Unknown (NULL) until asked.
ALTER TABLE persons
  ADD COLUMN prefix   VARCHAR(50) NULL,
  ADD COLUMN suffix   VARCHAR(50) NULL,
  ADD COLUMN veteran  TINYINT(1) NULL,
  ADD COLUMN disabled TINYINT(1) NULL;
