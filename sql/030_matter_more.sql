-- The last of a matter's scalar fields (spec section 6) that a case can
-- hold. The case's: its prescreen (office, program and user, as the
-- intake's in 025), the four conflict flags and percentage_of_poverty. The
-- client's: its mailing address (parts, as written) and a note and a
-- "safe to call" flag for each of its five phones. None is on the LAA face.

-- The prescreen by id, as the intake: an office, a program lookup value, a
-- user (who then cannot be deleted, as an intake user cannot). The flags
-- are false until set; the percentage unknown (NULL) until asked, 0 to
-- 10000 with two decimals (checked by the field table).
ALTER TABLE cases
  ADD COLUMN prescreen_office_id           BIGINT UNSIGNED NULL,
  ADD COLUMN prescreen_program_id          BIGINT UNSIGNED NULL,
  ADD COLUMN prescreen_user_id             BIGINT UNSIGNED NULL,
  ADD COLUMN client_conflict_status        TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN adverse_party_conflict_status TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN conflict_waived               TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN ap_conflict_waived            TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN percentage_of_poverty         DECIMAL(7,2) NULL,
  ADD KEY cases_prescreen_office (prescreen_office_id),
  ADD KEY cases_prescreen_program (prescreen_program_id),
  ADD KEY cases_prescreen_user (prescreen_user_id),
  ADD CONSTRAINT cases_prescreen_office_fk FOREIGN KEY (prescreen_office_id) REFERENCES offices (id),
  ADD CONSTRAINT cases_prescreen_program_fk FOREIGN KEY (prescreen_program_id) REFERENCES ls_lookups (id),
  ADD CONSTRAINT cases_prescreen_user_fk FOREIGN KEY (prescreen_user_id) REFERENCES users (id);

-- The client's: the mailing address with the home address's limits; the
-- phone notes as written, the flags false until set.
ALTER TABLE persons
  ADD COLUMN mailing_street    VARCHAR(255) NULL,
  ADD COLUMN mailing_street_2  VARCHAR(255) NULL,
  ADD COLUMN mailing_apt_num   VARCHAR(50) NULL,
  ADD COLUMN mailing_city      VARCHAR(100) NULL,
  ADD COLUMN mailing_state     VARCHAR(50) NULL,
  ADD COLUMN mailing_zip       VARCHAR(16) NULL,
  ADD COLUMN home_phone_note   VARCHAR(255) NULL,
  ADD COLUMN home_phone_safe   TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN mobile_phone_note VARCHAR(255) NULL,
  ADD COLUMN mobile_phone_safe TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN work_phone_note   VARCHAR(255) NULL,
  ADD COLUMN work_phone_safe   TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN other_phone_note  VARCHAR(255) NULL,
  ADD COLUMN other_phone_safe  TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN fax_phone_note    VARCHAR(255) NULL,
  ADD COLUMN fax_phone_safe    TINYINT(1) NOT NULL DEFAULT 0;
