-- LegalServer documents (/api/v2/documents): files uploaded to a matter,
-- their bytes kept in the database beside their SHA-256, so that every
-- host serves them and a copy can be checked. A document belongs to its
-- case and goes with it.

CREATE TABLE ls_documents (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid       CHAR(36) NOT NULL,
  case_id    BIGINT UNSIGNED NOT NULL,
  name       VARCHAR(255) NOT NULL,
  title      VARCHAR(255) NULL,
  mime_type  VARCHAR(100) NOT NULL,
  size       BIGINT UNSIGNED NOT NULL,
  sha256     CHAR(64) NOT NULL,
  bytes      LONGBLOB NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  UNIQUE KEY ls_documents_uuid (uuid),
  KEY ls_documents_case (case_id, name),
  KEY ls_documents_sha (sha256),
  CONSTRAINT ls_documents_case_fk FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
