-- Filing review (efsp-proxy.md section 5): what a court's e-filing manager
-- holds for the reference, held here. A submit is one envelope with one
-- filing per bundle document; each filing keeps its documents' bytes (as
-- fetched from data_url) and a status that the clerk's review sets. An
-- accepted initial filing opens a court case, which later filings target by
-- its uuid (previous_case_id) and which the cases service searches.

CREATE TABLE court_cases (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid           CHAR(36) NOT NULL,            -- caseTrackingID
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  docket_number  VARCHAR(64) NOT NULL,         -- caseDocketID
  title          VARCHAR(400) NOT NULL,
  category       VARCHAR(64) NOT NULL,
  category_name  VARCHAR(200) NOT NULL,
  case_type      VARCHAR(64) NOT NULL,
  case_type_name VARCHAR(200) NOT NULL,
  firm_id        BIGINT UNSIGNED NULL,         -- the firm whose filing opened it
  created_at     DATETIME(6) NOT NULL,
  UNIQUE KEY court_cases_uuid (uuid),
  UNIQUE KEY court_cases_docket (jurisdiction, court, docket_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The parties of a court case, as the opening filing named them. Names
-- compare case-insensitively (unicode_ci) for the party-name search.
CREATE TABLE court_case_parties (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid           CHAR(36) NOT NULL,            -- the party's id in the case
  case_id        BIGINT UNSIGNED NOT NULL,
  party_type     VARCHAR(64) NOT NULL DEFAULT '',
  is_business    TINYINT(1) NOT NULL DEFAULT 0,
  first_name     VARCHAR(400) NOT NULL DEFAULT '',  -- the business name when is_business
  middle_name    VARCHAR(100) NOT NULL DEFAULT '',
  last_name      VARCHAR(100) NOT NULL DEFAULT '',
  is_filer_side  TINYINT(1) NOT NULL DEFAULT 0, -- one of the filer's users
  UNIQUE KEY court_case_parties_uuid (uuid),
  KEY court_case_parties_case (case_id),
  KEY court_case_parties_last (last_name, first_name),
  KEY court_case_parties_first (first_name),
  CONSTRAINT court_case_parties_case_fk FOREIGN KEY (case_id) REFERENCES court_cases (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE envelopes (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid           CHAR(36) NOT NULL,            -- envelopeId
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  filer_id       BIGINT UNSIGNED NOT NULL,
  firm_id        BIGINT UNSIGNED NOT NULL,
  api_key_id     BIGINT UNSIGNED NULL,         -- the client server that sent it
  court_case_id  BIGINT UNSIGNED NULL,         -- a subsequent filing's case
  docket_number  VARCHAR(64) NULL,
  category       VARCHAR(64) NOT NULL DEFAULT '',
  case_type      VARCHAR(64) NOT NULL DEFAULT '',
  case_title     VARCHAR(400) NOT NULL DEFAULT '',
  initial        TINYINT(1) NOT NULL,
  payment_account CHAR(36) NULL,               -- tyler_payment_id
  total_fee      DECIMAL(12,2) NOT NULL DEFAULT 0,
  lead_contact   JSON NOT NULL,
  parties        JSON NOT NULL,                -- the new parties, for the case
  templates      JSON NOT NULL,                -- the notification e-mail texts
  idempotency_key VARCHAR(255) NULL,
  result         JSON NULL,                    -- the FilingResult answered
  submitted_at   DATETIME(6) NOT NULL,
  UNIQUE KEY envelopes_uuid (uuid),
  UNIQUE KEY envelopes_idempotency (filer_id, idempotency_key),
  KEY envelopes_court (jurisdiction, court, submitted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE filings (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid           CHAR(36) NOT NULL,            -- filingId
  envelope_id    BIGINT UNSIGNED NOT NULL,
  seq            INT NOT NULL,                 -- position in the envelope
  filing_code    VARCHAR(64) NOT NULL,
  filing_code_name VARCHAR(200) NOT NULL,
  description    VARCHAR(400) NOT NULL DEFAULT '',
  fee            DECIMAL(12,2) NOT NULL DEFAULT 0,
  status         VARCHAR(20) NOT NULL DEFAULT 'submitted', -- submitted|accepted|rejected|cancelled
  status_reason  VARCHAR(1000) NULL,
  status_at      DATETIME(6) NOT NULL,
  court_case_id  BIGINT UNSIGNED NULL,         -- set once accepted
  submitted_at   DATETIME(6) NOT NULL,
  UNIQUE KEY filings_uuid (uuid),
  KEY filings_envelope (envelope_id, seq),
  CONSTRAINT filings_envelope_fk FOREIGN KEY (envelope_id) REFERENCES envelopes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE filing_documents (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  filing_id      BIGINT UNSIGNED NOT NULL,
  seq            INT NOT NULL,
  filename       VARCHAR(100) NOT NULL,
  document_type  VARCHAR(64) NOT NULL DEFAULT '',
  filing_component VARCHAR(64) NOT NULL DEFAULT '',
  description    VARCHAR(400) NOT NULL DEFAULT '',
  content_type   VARCHAR(100) NOT NULL,
  size           BIGINT UNSIGNED NOT NULL,
  pages          INT NOT NULL,
  sha256         CHAR(64) NOT NULL,
  bytes          LONGBLOB NOT NULL,
  KEY filing_documents_filing (filing_id, seq),
  CONSTRAINT filing_documents_filing_fk FOREIGN KEY (filing_id) REFERENCES filings (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Fees charged at submit, against the payment account named. No foreign
-- key: an account that is deleted later keeps its charge records.
CREATE TABLE filing_charges (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  envelope_id    BIGINT UNSIGNED NOT NULL,
  filing_id      BIGINT UNSIGNED NOT NULL,
  payment_account CHAR(36) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  reason         VARCHAR(200) NOT NULL,
  amount         DECIMAL(12,2) NOT NULL,
  created_at     DATETIME(6) NOT NULL,
  KEY filing_charges_account (payment_account),
  KEY filing_charges_envelope (envelope_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
