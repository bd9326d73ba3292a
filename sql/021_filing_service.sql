-- Who a filing is served on (the payload's service_contacts), and the
-- fingerprint of the request an Idempotency-Key was first used with, so
-- that the key reused for another request is refused rather than replayed.

ALTER TABLE envelopes
  ADD COLUMN request_hash CHAR(64) NULL AFTER idempotency_key;

CREATE TABLE filing_services (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  envelope_id    BIGINT UNSIGNED NOT NULL,
  contact_uuid   CHAR(36) NOT NULL,          -- a service contact's serviceContactID
  service_type   VARCHAR(64) NOT NULL,
  party          VARCHAR(100) NOT NULL DEFAULT '',  -- party_association
  created_at     DATETIME(6) NOT NULL,
  UNIQUE KEY filing_services_contact (envelope_id, contact_uuid),
  CONSTRAINT filing_services_envelope_fk FOREIGN KEY (envelope_id) REFERENCES envelopes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
