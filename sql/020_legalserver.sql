-- The LegalServer Core API surface (/api/v2) over the case store: a matter
-- is a case. The matter-only fields are real columns of cases; the matter's
-- client is the case's person with the client role (or, when none has it,
-- its first person), so the LAA face and the matter face read the same rows.
-- Lookup tables hold the values lookup fields take; a matter refers to a
-- value by id.

CREATE TABLE ls_lookups (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid       CHAR(36) NOT NULL,
  tbl        VARCHAR(64) NOT NULL,   -- lookup_type_table_name
  type_name  VARCHAR(100) NOT NULL,  -- lookup_type_name
  name       VARCHAR(200) NOT NULL,
  active     TINYINT(1) NOT NULL DEFAULT 1,
  list_order INT NOT NULL DEFAULT 0,
  note       VARCHAR(500) NULL,
  system     TINYINT(1) NOT NULL DEFAULT 1,
  fips       VARCHAR(8) NULL,        -- county_core only
  state      VARCHAR(4) NULL,        -- county_core only
  UNIQUE KEY ls_lookups_uuid (uuid),
  UNIQUE KEY ls_lookups_name (tbl, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Seeds get name-based uuids (SHA-256 of "casegate:lookup:TABLE:NAME",
-- version 8), the same rule as GET /lookups/{table} on the LAA side, so a
-- note type has one uuid on both faces and on every host.
CREATE TEMPORARY TABLE ls_seed (
  tbl VARCHAR(64), type_name VARCHAR(100), name VARCHAR(200), list_order INT,
  fips VARCHAR(8), state VARCHAR(4)
);
INSERT INTO ls_seed VALUES
  ('case_disposition', 'Case Disposition', 'Open', 1, NULL, NULL),
  ('case_disposition', 'Case Disposition', 'Closed', 2, NULL, NULL),
  ('case_disposition', 'Case Disposition', 'Incomplete Intake', 3, NULL, NULL),
  ('case_disposition', 'Case Disposition', 'Pending', 4, NULL, NULL),
  ('case_disposition', 'Case Disposition', 'Rejected', 5, NULL, NULL),
  ('case_disposition', 'Case Disposition', 'Prescreen', 6, NULL, NULL),
  ('gender', 'Gender', 'Female', 1, NULL, NULL),
  ('gender', 'Gender', 'Male', 2, NULL, NULL),
  ('gender', 'Gender', 'Non-binary', 3, NULL, NULL),
  ('gender', 'Gender', 'Other', 4, NULL, NULL),
  ('gender', 'Gender', 'Prefer not to say', 5, NULL, NULL),
  -- The cases family's note types (model.c note_types and the Casegate extra).
  ('note_type', 'Note Type', 'Adaptation', 1, NULL, NULL),
  ('note_type', 'Note Type', 'Personal', 2, NULL, NULL),
  ('note_type', 'Note Type', 'Provider', 3, NULL, NULL),
  ('note_type', 'Note Type', 'Caseworker', 4, NULL, NULL),
  ('note_type', 'Note Type', 'Operator', 5, NULL, NULL),
  ('note_type', 'Note Type', 'Other', 6, NULL, NULL),
  ('note_type', 'Note Type', 'User', 7, NULL, NULL),
  ('language', 'Language', 'English', 1, NULL, NULL),
  ('language', 'Language', 'Spanish', 2, NULL, NULL),
  ('language', 'Language', 'Chinese', 3, NULL, NULL),
  ('language', 'Language', 'Vietnamese', 4, NULL, NULL),
  ('language', 'Language', 'Arabic', 5, NULL, NULL),
  ('language', 'Language', 'French', 6, NULL, NULL),
  ('language', 'Language', 'Russian', 7, NULL, NULL),
  ('language', 'Language', 'Korean', 8, NULL, NULL),
  ('language', 'Language', 'Welsh', 9, NULL, NULL),
  ('language', 'Language', 'Other', 10, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '01 Bankruptcy/Debtor Relief', 1, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '02 Collect/Repo/Def/Garnsh', 2, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '03 Contract/Warranties', 3, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '30 Adoption', 4, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '32 Divorce/Sep./Annul.', 5, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '37 Domestic Abuse', 6, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '51 Medicaid', 7, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '61 Federally Subsidized Housing', 8, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '63 Private Landlord/Tenant', 9, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '64 Public Housing', 10, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '71 Unemployment Compensation', 11, NULL, NULL),
  ('legal_problem_code', 'Legal Problem Code', '99 Other Miscellaneous', 12, NULL, NULL),
  ('county_core', 'County', 'Cook', 1, '17031', 'IL'),
  ('county_core', 'County', 'DuPage', 2, '17043', 'IL'),
  ('county_core', 'County', 'Lake', 3, '17097', 'IL'),
  ('county_core', 'County', 'Suffolk', 4, '25025', 'MA'),
  ('county_core', 'County', 'Middlesex', 5, '25017', 'MA'),
  ('county_core', 'County', 'Baltimore City', 6, '24510', 'MD'),
  ('county_core', 'County', 'Montgomery', 7, '24031', 'MD');
INSERT INTO ls_lookups (uuid, tbl, type_name, name, list_order, fips, state)
SELECT LOWER(CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-8', SUBSTR(h, 14, 3),
         '-', ELT(1 + (CONV(SUBSTR(h, 17, 1), 16, 10) & 3), '8', '9', 'a', 'b'),
         SUBSTR(h, 18, 3), '-', SUBSTR(h, 21, 12))),
       tbl, type_name, name, list_order, fips, state
FROM (SELECT s.*, SHA2(CONCAT('casegate:lookup:', tbl, ':', name), 256) AS h
      FROM ls_seed s) x
ORDER BY tbl, list_order;
DROP TEMPORARY TABLE ls_seed;

-- Matter-only fields of a case; lookups by id.
ALTER TABLE cases
  ADD COLUMN case_title             VARCHAR(255) NULL,
  ADD COLUMN cause_number           VARCHAR(100) NULL,
  ADD COLUMN case_status            VARCHAR(100) NULL,
  ADD COLUMN is_group               TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN organization_name      VARCHAR(255) NULL,
  ADD COLUMN case_disposition_id    BIGINT UNSIGNED NULL,
  ADD COLUMN legal_problem_code_id  BIGINT UNSIGNED NULL,
  ADD COLUMN language_id            BIGINT UNSIGNED NULL,
  ADD COLUMN client_gender_id       BIGINT UNSIGNED NULL,
  ADD COLUMN county_of_residence_id BIGINT UNSIGNED NULL,
  ADD COLUMN date_opened            DATE NULL,
  ADD COLUMN date_closed            DATE NULL,
  ADD COLUMN intake_date            DATE NULL,
  ADD COLUMN date_rejected          DATE NULL,
  ADD COLUMN prescreen_date         DATE NULL,
  ADD KEY cases_cause_number (cause_number),
  ADD KEY cases_disposition (case_disposition_id),
  ADD KEY cases_problem_code (legal_problem_code_id),
  ADD CONSTRAINT cases_disposition_fk FOREIGN KEY (case_disposition_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT cases_problem_code_fk FOREIGN KEY (legal_problem_code_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT cases_language_fk FOREIGN KEY (language_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT cases_gender_fk FOREIGN KEY (client_gender_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT cases_county_fk FOREIGN KEY (county_of_residence_id) REFERENCES ls_lookups (id);

-- The client's parts as the matter face writes them. persons.name stays the
-- truth both faces share: a part is believed only while the parts still
-- compose the name (an LAA write of "name" makes them stale), else the name
-- is split at its first and last space. The same rule for the home address
-- against persons.address.
ALTER TABLE persons
  ADD COLUMN role          VARCHAR(16) NULL,
  ADD COLUMN name_first    VARCHAR(100) NULL,
  ADD COLUMN name_middle   VARCHAR(100) NULL,
  ADD COLUMN name_last     VARCHAR(100) NULL,
  ADD COLUMN mobile_phone  VARCHAR(64) NULL,
  ADD COLUMN work_phone    VARCHAR(64) NULL,
  ADD COLUMN other_phone   VARCHAR(64) NULL,
  ADD COLUMN home_street   VARCHAR(255) NULL,
  ADD COLUMN home_street_2 VARCHAR(255) NULL,
  ADD COLUMN home_apt_num  VARCHAR(50) NULL,
  ADD COLUMN home_city     VARCHAR(100) NULL,
  ADD COLUMN home_state    VARCHAR(50) NULL,
  ADD KEY persons_role (case_id, role);

ALTER TABLE persons
  ADD COLUMN first_eff VARCHAR(400) AS (IF(CAST(CONCAT_WS(' ', name_first,
    name_middle, name_last) AS BINARY) = CAST(name AS BINARY), name_first,
    NULLIF(SUBSTRING_INDEX(TRIM(name), ' ', 1), ''))) STORED,
  ADD COLUMN middle_eff VARCHAR(400) AS (IF(CAST(CONCAT_WS(' ', name_first,
    name_middle, name_last) AS BINARY) = CAST(name AS BINARY), name_middle,
    NULLIF(TRIM(SUBSTRING(TRIM(name),
      CHAR_LENGTH(SUBSTRING_INDEX(TRIM(name), ' ', 1)) + 1,
      CHAR_LENGTH(TRIM(name)) - CHAR_LENGTH(SUBSTRING_INDEX(TRIM(name), ' ', 1))
        - CHAR_LENGTH(SUBSTRING_INDEX(TRIM(name), ' ', -1)))), ''))) STORED,
  ADD COLUMN last_eff VARCHAR(400) AS (IF(CAST(CONCAT_WS(' ', name_first,
    name_middle, name_last) AS BINARY) = CAST(name AS BINARY), name_last,
    IF(LOCATE(' ', TRIM(name)) > 0, SUBSTRING_INDEX(TRIM(name), ' ', -1),
    NULL))) STORED,
  ADD KEY persons_first_eff (first_eff(64)),
  ADD KEY persons_last_eff (last_eff(64));

-- Matter notes are case notes; LegalServer's subject and posting date are
-- columns of their own (an LAA write that replaces the notes drops them).
ALTER TABLE case_notes
  ADD COLUMN subject     VARCHAR(255) NULL,
  ADD COLUMN date_posted DATE NULL;
