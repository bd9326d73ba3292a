-- Firms, attorneys and service contacts (efsp-proxy.md section 7): what
-- Tyler's EFMFirmService holds for the reference, held here. Everything
-- belongs to one firm (filers.firm_id); a service contact can be attached
-- to court cases (sql/017), case-wide or for one party, and every attach
-- and detach is kept for the case's service-information history.
--
-- Text a client sent and left out is NULL (rendered null); the names a
-- resource requires are NOT NULL. Names compare case-insensitively
-- (unicode_ci) for the public service-contact search.
--
-- The case links reference court_cases and court_case_parties, which
-- sql/017 creates after this file: with foreign_key_checks off MariaDB
-- accepts a key on a table that does not exist yet and enforces it once
-- the table is there. The check is back on at the end of this file.

SET foreign_key_checks = 0;

ALTER TABLE firms
  ADD COLUMN address_line1 VARCHAR(100) NULL AFTER is_individual,
  ADD COLUMN address_line2 VARCHAR(100) NULL AFTER address_line1,
  ADD COLUMN city          VARCHAR(50)  NULL AFTER address_line2,
  ADD COLUMN state         VARCHAR(50)  NULL AFTER city,
  ADD COLUMN zip_code      VARCHAR(16)  NULL AFTER state,
  ADD COLUMN country       VARCHAR(50)  NULL AFTER zip_code,
  ADD COLUMN phone_number  VARCHAR(30)  NULL AFTER country;

CREATE TABLE attorneys (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid        CHAR(36) NOT NULL,               -- attorneyID
  firm_id     BIGINT UNSIGNED NOT NULL,
  bar_number  VARCHAR(20) NOT NULL,            -- checked against GlobalAttorneyNumber
  first_name  VARCHAR(100) NOT NULL,
  middle_name VARCHAR(100) NULL,
  last_name   VARCHAR(100) NOT NULL,
  email       VARCHAR(254) NULL,
  created_at  DATETIME(6) NOT NULL,
  updated_at  DATETIME(6) NOT NULL,
  UNIQUE KEY attorneys_uuid (uuid),
  UNIQUE KEY attorneys_bar_number (firm_id, bar_number),
  CONSTRAINT attorneys_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE service_contacts (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid                CHAR(36) NOT NULL,       -- serviceContactID
  firm_id             BIGINT UNSIGNED NOT NULL, -- the firm that added it
  first_name          VARCHAR(100) NOT NULL,
  middle_name         VARCHAR(100) NULL,
  last_name           VARCHAR(100) NOT NULL,
  email               VARCHAR(254) NOT NULL,
  administrative_copy VARCHAR(254) NULL,       -- a second address for copies
  address_line1       VARCHAR(100) NULL,
  address_line2       VARCHAR(100) NULL,
  city                VARCHAR(50)  NULL,
  state               VARCHAR(50)  NULL,
  zip_code            VARCHAR(16)  NULL,
  country             VARCHAR(50)  NULL,
  phone_number        VARCHAR(30)  NULL,
  is_public           TINYINT(1) NOT NULL DEFAULT 0, -- in every firm's public list
  in_firm_master      TINYINT(1) NOT NULL DEFAULT 0, -- isInFirmMasterList
  created_at          DATETIME(6) NOT NULL,
  updated_at          DATETIME(6) NOT NULL,
  UNIQUE KEY service_contacts_uuid (uuid),
  KEY service_contacts_firm (firm_id, created_at),
  KEY service_contacts_public (is_public, last_name, first_name),
  CONSTRAINT service_contacts_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A contact attached to a case: case-wide (case_party_id NULL) or for one
-- party. NULLs never collide in a unique key, so the handlers also check
-- under a lock of the contact's row that a case-wide attachment is not
-- there twice.
CREATE TABLE service_contact_cases (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contact_id    BIGINT UNSIGNED NOT NULL,
  court_case_id BIGINT UNSIGNED NOT NULL,
  case_party_id BIGINT UNSIGNED NULL,
  created_at    DATETIME(6) NOT NULL,
  UNIQUE KEY service_contact_cases_once (contact_id, court_case_id, case_party_id),
  KEY service_contact_cases_case (court_case_id),
  CONSTRAINT service_contact_cases_contact_fk FOREIGN KEY (contact_id)
    REFERENCES service_contacts (id) ON DELETE CASCADE,
  CONSTRAINT service_contact_cases_case_fk FOREIGN KEY (court_case_id)
    REFERENCES court_cases (id) ON DELETE CASCADE,
  CONSTRAINT service_contact_cases_party_fk FOREIGN KEY (case_party_id)
    REFERENCES court_case_parties (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every attach and detach, oldest first, for service-information-history.
-- A deleted contact takes its history with it.
CREATE TABLE service_contact_case_events (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  contact_id    BIGINT UNSIGNED NOT NULL,
  court_case_id BIGINT UNSIGNED NOT NULL,
  case_party_id BIGINT UNSIGNED NULL,
  action        VARCHAR(10) NOT NULL,          -- attached | detached
  created_at    DATETIME(6) NOT NULL,
  KEY service_contact_case_events_case (court_case_id, id),
  CONSTRAINT service_contact_case_events_contact_fk FOREIGN KEY (contact_id)
    REFERENCES service_contacts (id) ON DELETE CASCADE,
  CONSTRAINT service_contact_case_events_case_fk FOREIGN KEY (court_case_id)
    REFERENCES court_cases (id) ON DELETE CASCADE,
  CONSTRAINT service_contact_case_events_party_fk FOREIGN KEY (case_party_id)
    REFERENCES court_case_parties (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

SET foreign_key_checks = 1;
