-- Payments (efsp-proxy.md sections 3 and 10): what Tyler's EFMFirmService
-- holds for the reference, held here. Each jurisdiction has its own list of
-- payment account types; an account belongs to one firm, or to none (a
-- "global" account, firm_id NULL).
--
-- Type codes compare exactly (utf8mb4_bin), as the code tables' do (011).
--
-- Waivers (type WV) are created by the API and carry no card. Cards and
-- bank accounts arrive later through the browser flow (section 4), which
-- fills the card columns: only the brand, the last four digits, the expiry,
-- the holder and the gateway's opaque token, never a full number or a CVC.
--
-- Deleting an account is a hard DELETE: the fees charged against it live
-- in filing_charges (017), keyed by the account's uuid without a foreign
-- key, so the charge records outlive the account.

CREATE TABLE payment_account_types (
  jurisdiction  VARCHAR(40) NOT NULL,
  code          VARCHAR(40) COLLATE utf8mb4_bin NOT NULL,  -- CC, BankAccount, WV, ...
  code_id       INT NOT NULL,                     -- paymentAccountTypeCodeId
  description   VARCHAR(200) NOT NULL,
  PRIMARY KEY (jurisdiction, code),
  UNIQUE KEY payment_account_types_id (jurisdiction, code_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE payment_accounts (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uuid          CHAR(36) NOT NULL,                -- paymentAccountID
  jurisdiction  VARCHAR(40) NOT NULL,
  firm_id       BIGINT UNSIGNED NULL,             -- NULL: a global account
  name          VARCHAR(200) NOT NULL,            -- accountName
  type_code     VARCHAR(40) COLLATE utf8mb4_bin NOT NULL,  -- paymentAccountTypeCode
  type_code_id  INT NOT NULL,                     -- as the type had it then
  card_type     VARCHAR(20) NULL,                 -- VISA, MASTERCARD, AMEX, DISCOVER
  card_last4    CHAR(4) NULL,
  card_month    INT NULL,
  card_year     INT NULL,
  holder_name   VARCHAR(200) NULL,
  account_token VARCHAR(100) NULL,                -- the gateway's token
  active        TINYINT(1) NOT NULL DEFAULT 1,
  created_at    DATETIME(6) NOT NULL,
  updated_at    DATETIME(6) NOT NULL,
  UNIQUE KEY payment_accounts_uuid (uuid),
  -- Lists read one firm's (or the global) accounts of a jurisdiction in
  -- creation order.
  KEY payment_accounts_owner (jurisdiction, firm_id, id),
  CONSTRAINT payment_accounts_firm_fk FOREIGN KEY (firm_id) REFERENCES firms (id),
  CONSTRAINT payment_accounts_type_fk FOREIGN KEY (jurisdiction, type_code)
    REFERENCES payment_account_types (jurisdiction, code),
  CONSTRAINT payment_accounts_month CHECK (card_month IS NULL OR card_month BETWEEN 1 AND 12),
  CONSTRAINT payment_accounts_last4 CHECK (card_last4 IS NULL OR card_last4 REGEXP '^[0-9]{4}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The types Tyler lists for these jurisdictions: a card, an eCheck bank
-- account and a fee waiver everywhere; the code ids differ per
-- jurisdiction, as Tyler's do.
INSERT INTO payment_account_types (jurisdiction, code, code_id, description) VALUES
 ('illinois', 'CC', 1, 'Credit Card'),
 ('illinois', 'BankAccount', 2, 'Bank Account (eCheck)'),
 ('illinois', 'WV', 3, 'Waiver'),
 ('massachusetts', 'CC', 11, 'Credit Card'),
 ('massachusetts', 'BankAccount', 12, 'Bank Account (eCheck)'),
 ('massachusetts', 'WV', 13, 'Waiver');
