-- Published judgments: the Akoma Ntoso bytes exactly as ingested, and beside
-- them every value the feed filters, orders and shows, extracted once at
-- import so that a feed page is one indexed SELECT and never parses XML.
-- The *_tokens columns hold lower-case words as " w1 w2 ... " (parties and
-- judges one list per name, " | a b | c | "), so that a word or a phrase is a
-- LOCATE of " w " or " w1 w2 " (binary collation: the tokens are ASCII).
CREATE TABLE judgments (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uri            VARCHAR(255) NOT NULL,      -- document URI (tna:uri), never changes
  fclid          VARCHAR(32) NOT NULL,       -- FCL identifier; slug tna.<fclid>
  ncn            VARCHAR(100) NULL,          -- neutral citation (uk:cite)
  ncn_slug       VARCHAR(255) NULL,          -- ukncn slug, NULL if the NCN fits no rule
  title          VARCHAR(2000) NOT NULL,
  court          VARCHAR(100) NULL,          -- uk:court code
  jurisdiction   VARCHAR(200) NULL,
  work_date      DATE NULL,                  -- FRBRWork/FRBRdate
  work_date_name VARCHAR(40) NULL,           -- judgment / decision
  transform_date DATETIME NULL,              -- FRBRManifestation transform date
  source_format  VARCHAR(100) NULL,          -- uk:sourceFormat
  content_hash   CHAR(64) NOT NULL,          -- spec 6, computed at import
  stated_hash    CHAR(64) NULL,              -- uk:hash as written in the file
  xml_sha256     CHAR(64) NOT NULL,          -- of the stored bytes: the ETag
  parties        TEXT NOT NULL,
  judges         TEXT NOT NULL,
  title_tokens   TEXT NOT NULL,
  party_tokens   MEDIUMTEXT NOT NULL,
  judge_tokens   MEDIUMTEXT NOT NULL,
  body_tokens    LONGTEXT NOT NULL,
  xml            LONGBLOB NOT NULL,
  published      TINYINT(1) NOT NULL DEFAULT 1,
  created_at     DATETIME(6) NOT NULL,
  updated_at     DATETIME(6) NOT NULL,       -- the order=updated key
  UNIQUE KEY judgments_uri (uri),
  UNIQUE KEY judgments_fclid (fclid),
  KEY judgments_ncn (ncn),
  KEY judgments_ncn_slug (ncn_slug),
  KEY judgments_court (court),
  KEY judgments_work_date (work_date, uri),
  KEY judgments_transform (transform_date, uri),
  KEY judgments_updated (updated_at, uri)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
