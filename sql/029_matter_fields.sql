-- The rest of a matter's scalar fields (spec section 6) that a case can
-- hold. The client's demographics (marital_status, citizenship,
-- immigration_status, race, ethnicity: lookups), its a_number, visa_number,
-- fax_phone and preferred_phone_number belong to the person; how_referred,
-- second_language (the language table), interpreter, county_of_dispute (the
-- county_core table), the household counts and the flags pai_case, rural
-- and is_lead_case to the case. ssn is left out on purpose (sensitive), and
-- so are computed fields (days_open, case_profile_url): a stored matter
-- (cases.doc_matter) would keep yesterday's value.

-- Seeds get name-based uuids, the rule of 020.
CREATE TEMPORARY TABLE ls_seed (
  tbl VARCHAR(64), type_name VARCHAR(100), name VARCHAR(200), list_order INT
);
INSERT INTO ls_seed VALUES
  ('marital_status', 'Marital Status', 'Single', 1),
  ('marital_status', 'Marital Status', 'Married', 2),
  ('marital_status', 'Marital Status', 'Separated', 3),
  ('marital_status', 'Marital Status', 'Divorced', 4),
  ('marital_status', 'Marital Status', 'Widowed', 5),
  ('marital_status', 'Marital Status', 'Domestic Partnership', 6),
  ('marital_status', 'Marital Status', 'Unknown', 7),
  ('citizenship', 'Citizenship', 'Citizen', 1),
  ('citizenship', 'Citizenship', 'Eligible Non-Citizen', 2),
  ('citizenship', 'Citizenship', 'Non-Citizen', 3),
  ('citizenship', 'Citizenship', 'Unknown', 4),
  ('immigration_status', 'Immigration Status', 'US Citizen', 1),
  ('immigration_status', 'Immigration Status', 'Lawful Permanent Resident', 2),
  ('immigration_status', 'Immigration Status', 'Refugee', 3),
  ('immigration_status', 'Immigration Status', 'Asylee', 4),
  ('immigration_status', 'Immigration Status', 'T Visa', 5),
  ('immigration_status', 'Immigration Status', 'U Visa', 6),
  ('immigration_status', 'Immigration Status', 'VAWA Self-Petitioner', 7),
  ('immigration_status', 'Immigration Status', 'Undocumented', 8),
  ('immigration_status', 'Immigration Status', 'Other', 9),
  ('race', 'Race', 'American Indian or Alaska Native', 1),
  ('race', 'Race', 'Asian', 2),
  ('race', 'Race', 'Black or African American', 3),
  ('race', 'Race', 'Native Hawaiian or Other Pacific Islander', 4),
  ('race', 'Race', 'White', 5),
  ('race', 'Race', 'Multiracial', 6),
  ('race', 'Race', 'Other', 7),
  ('race', 'Race', 'Declined to Answer', 8),
  ('ethnicity', 'Ethnicity', 'Hispanic or Latino', 1),
  ('ethnicity', 'Ethnicity', 'Not Hispanic or Latino', 2),
  ('ethnicity', 'Ethnicity', 'Declined to Answer', 3),
  ('how_referred', 'How Referred', 'Self', 1),
  ('how_referred', 'How Referred', 'Friend or Family', 2),
  ('how_referred', 'How Referred', 'Court', 3),
  ('how_referred', 'How Referred', 'Social Services Agency', 4),
  ('how_referred', 'How Referred', 'Bar Association', 5),
  ('how_referred', 'How Referred', 'Hotline', 6),
  ('how_referred', 'How Referred', 'Website', 7),
  ('how_referred', 'How Referred', 'Prior Client', 8),
  ('how_referred', 'How Referred', 'Other', 9);
INSERT INTO ls_lookups (uuid, tbl, type_name, name, list_order)
SELECT LOWER(CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-8', SUBSTR(h, 14, 3),
         '-', ELT(1 + (CONV(SUBSTR(h, 17, 1), 16, 10) & 3), '8', '9', 'a', 'b'),
         SUBSTR(h, 18, 3), '-', SUBSTR(h, 21, 12))),
       tbl, type_name, name, list_order
FROM (SELECT s.*, SHA2(CONCAT('casegate:lookup:', tbl, ':', name), 256) AS h
      FROM ls_seed s) x
ORDER BY tbl, list_order;
DROP TEMPORARY TABLE ls_seed;

-- The case's: lookups by id; the flags false until set, the counts unknown
-- (NULL) until asked.
ALTER TABLE cases
  ADD COLUMN how_referred_id      BIGINT UNSIGNED NULL,
  ADD COLUMN second_language_id   BIGINT UNSIGNED NULL,
  ADD COLUMN interpreter          TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN county_of_dispute_id BIGINT UNSIGNED NULL,
  ADD COLUMN number_of_adults     SMALLINT UNSIGNED NULL,
  ADD COLUMN number_of_children   SMALLINT UNSIGNED NULL,
  ADD COLUMN pai_case             TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN rural                TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN is_lead_case         TINYINT(1) NOT NULL DEFAULT 0,
  ADD KEY cases_how_referred (how_referred_id),
  ADD KEY cases_county_of_dispute (county_of_dispute_id),
  ADD CONSTRAINT cases_how_referred_fk FOREIGN KEY (how_referred_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT cases_second_language_fk FOREIGN KEY (second_language_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT cases_county_of_dispute_fk FOREIGN KEY (county_of_dispute_id) REFERENCES ls_lookups (id);

-- The client's (not on the LAA face).
ALTER TABLE persons
  ADD COLUMN marital_status_id      BIGINT UNSIGNED NULL,
  ADD COLUMN citizenship_id         BIGINT UNSIGNED NULL,
  ADD COLUMN immigration_status_id  BIGINT UNSIGNED NULL,
  ADD COLUMN race_id                BIGINT UNSIGNED NULL,
  ADD COLUMN ethnicity_id           BIGINT UNSIGNED NULL,
  ADD COLUMN a_number               VARCHAR(20) NULL,
  ADD COLUMN visa_number            VARCHAR(50) NULL,
  ADD COLUMN fax_phone              VARCHAR(64) NULL,
  ADD COLUMN preferred_phone_number VARCHAR(64) NULL,
  ADD KEY persons_a_number (a_number),
  ADD CONSTRAINT persons_marital_status_fk FOREIGN KEY (marital_status_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT persons_citizenship_fk FOREIGN KEY (citizenship_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT persons_immigration_status_fk FOREIGN KEY (immigration_status_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT persons_race_fk FOREIGN KEY (race_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT persons_ethnicity_fk FOREIGN KEY (ethnicity_id) REFERENCES ls_lookups (id);
