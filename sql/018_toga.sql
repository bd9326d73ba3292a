-- Pending browser payment-account transactions (efsp-proxy.md section 4,
-- step 3). The reference keeps them in memory, never expires them and lets
-- a TransactionID be replayed; here each one is a row, so any worker on any
-- host can finish what another began, it expires (CASEGATE_TOGA_TTL, 900 s)
-- and it is used once: the callback sets consumed_at with
--   UPDATE ... WHERE id = ? AND consumed_at IS NULL AND expires_at > now
-- inside the transaction that creates the account.
--
-- The id is the 21-character alphanumeric TransactionID, compared exactly
-- (ascii_bin: "abc" and "ABC" are two ids).
--
-- The filer's login (the reference's loginInfo, the tyler_info form field)
-- is not stored: only the SHA-256 of its session secret, which is what
-- filer_sessions holds, so the callback can tell whether that session is
-- still live without any secret at rest. Nothing about a card or a bank
-- account is ever written here.
--
-- Rows stay a day after they expire (for an operator's questions) and are
-- then deleted by the next new-toga-account.

CREATE TABLE toga_transactions (
  id            CHAR(21) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  jurisdiction  VARCHAR(40) NOT NULL,
  filer_id      BIGINT UNSIGNED NOT NULL,
  firm_id       BIGINT UNSIGNED NOT NULL,           -- the filer's firm at the time
  session_hash  CHAR(64) NOT NULL,                  -- SHA-256 of the session secret
  account_name  VARCHAR(200) NOT NULL,              -- name
  is_global     TINYINT(1) NOT NULL,                -- global
  type_code     VARCHAR(40) COLLATE utf8mb4_bin NOT NULL,  -- the type asked for
  type_code_id  INT NOT NULL,                       -- typeCodeId, as the type had it
  original_url  VARCHAR(2048) NOT NULL,             -- checked against CASEGATE_REDIRECT_HOSTS
  error_url     VARCHAR(2048) NOT NULL,
  created_at    DATETIME(6) NOT NULL,
  expires_at    DATETIME(6) NOT NULL,
  consumed_at   DATETIME(6) NULL,
  KEY toga_transactions_expiry (expires_at),
  CONSTRAINT toga_transactions_filer_fk FOREIGN KEY (filer_id) REFERENCES filers (id)
    ON DELETE CASCADE,
  CONSTRAINT toga_transactions_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id)
    ON DELETE CASCADE,
  CONSTRAINT toga_transactions_type_fk FOREIGN KEY (jurisdiction, type_code)
    REFERENCES payment_account_types (jurisdiction, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
