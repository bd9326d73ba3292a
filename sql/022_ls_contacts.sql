-- The LegalServer Core API's users, organizations and contacts (/api/v2).
-- Users and organizations are Casegate's own (users, orgs); a user's name
-- parts are kept beside full_name, which stays the truth both APIs share
-- (the parts are believed while they compose it, as for a matter's client).
-- Contacts are a table of their own, owned by the organisation of the user
-- who made them and seen as cases are; their types are values of the
-- contact_type lookup table.

ALTER TABLE users
  ADD COLUMN name_first  VARCHAR(100) NULL,
  ADD COLUMN name_middle VARCHAR(100) NULL,
  ADD COLUMN name_last   VARCHAR(100) NULL;

CREATE TABLE ls_contacts (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid               CHAR(36) NOT NULL,
  org_id             BIGINT UNSIGNED NULL,
  first              VARCHAR(100) NOT NULL,
  middle             VARCHAR(100) NULL,
  last               VARCHAR(100) NULL,
  suffix             VARCHAR(50) NULL,
  organization_name  VARCHAR(255) NULL,
  email              VARCHAR(254) NULL,
  phone_home         VARCHAR(64) NULL,
  phone_business     VARCHAR(64) NULL,
  phone_mobile       VARCHAR(64) NULL,
  phone_fax          VARCHAR(64) NULL,
  phone_other        VARCHAR(64) NULL,
  work_street        VARCHAR(255) NULL,
  work_street_2      VARCHAR(255) NULL,
  work_city          VARCHAR(100) NULL,
  work_state         VARCHAR(50) NULL,
  work_zip           VARCHAR(16) NULL,
  bar_number         VARCHAR(50) NULL,
  active             TINYINT(1) NOT NULL DEFAULT 1,
  external_unique_id VARCHAR(100) NULL,
  created_at         DATETIME(6) NOT NULL,
  updated_at         DATETIME(6) NOT NULL,
  UNIQUE KEY ls_contacts_uuid (uuid),
  UNIQUE KEY ls_contacts_external_unique_id (external_unique_id),
  KEY ls_contacts_org (org_id),
  KEY ls_contacts_last (last),
  KEY ls_contacts_email (email),
  CONSTRAINT ls_contacts_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A contact's types (a multiselect lookup): one row per value.
CREATE TABLE ls_contact_types (
  contact_id BIGINT UNSIGNED NOT NULL,
  lookup_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (contact_id, lookup_id),
  KEY ls_contact_types_lookup (lookup_id),
  CONSTRAINT ls_contact_types_contact_fk FOREIGN KEY (contact_id) REFERENCES ls_contacts (id) ON DELETE CASCADE,
  CONSTRAINT ls_contact_types_lookup_fk FOREIGN KEY (lookup_id) REFERENCES ls_lookups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Seeded with the same name-based uuids as sql/020.
CREATE TEMPORARY TABLE ls_seed (name VARCHAR(200), list_order INT);
INSERT INTO ls_seed VALUES ('Attorney', 1), ('Court', 2), ('Judge', 3),
  ('Government Agency', 4), ('Social Services', 5), ('Referral Source', 6),
  ('Other', 7);
INSERT INTO ls_lookups (uuid, tbl, type_name, name, list_order)
SELECT LOWER(CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-8', SUBSTR(h, 14, 3),
         '-', ELT(1 + (CONV(SUBSTR(h, 17, 1), 16, 10) & 3), '8', '9', 'a', 'b'),
         SUBSTR(h, 18, 3), '-', SUBSTR(h, 21, 12))),
       'contact_type', 'Contact Type', name, list_order
FROM (SELECT s.*, SHA2(CONCAT('casegate:lookup:contact_type:', name), 256) AS h
      FROM ls_seed s) x
ORDER BY list_order;
DROP TEMPORARY TABLE ls_seed;
