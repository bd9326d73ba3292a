-- E-filing code tables (efsp-proxy.md sections 6 and 10): what Tyler's
-- nightly code download holds for the reference, held here as data. Every
-- row belongs to one jurisdiction (lower-case name) and, except for the
-- country list, one court. Court "0" holds system defaults (data fields,
-- state lists) that every court inherits through its parent chain
-- (court -> ... -> "1" -> "0"); court "1" is never fileable.
--
-- Codes compare exactly (utf8mb4_bin, as the reference's Postgres does);
-- booleans are TINYINT(1); fees are DECIMAL, NULL where Tyler has "".
-- Blank scoping columns ('' filing code, case type or category) mean "any":
-- the handlers fall back to those rows when nothing specific matches, as
-- the reference does.

CREATE TABLE filing_courts (
  jurisdiction   VARCHAR(40) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  parent         VARCHAR(64) NOT NULL DEFAULT '',  -- parentnodeid
  initial        TINYINT(1) NOT NULL DEFAULT 0,    -- new cases allowed
  subsequent     TINYINT(1) NOT NULL DEFAULT 0,    -- existing cases allowed
  disallowcopyingenvelopemultipletimes TINYINT(1) NOT NULL DEFAULT 0,
  allowfilingintononindexedcase TINYINT(1) NOT NULL DEFAULT 0,
  allowablecardtypes VARCHAR(200) NOT NULL DEFAULT '',  -- comma list
  odysseynodeid  VARCHAR(64) NULL,
  cmsid          VARCHAR(64) NULL,
  sendservicebeforereview VARCHAR(20) NULL,
  iscounty       TINYINT(1) NOT NULL DEFAULT 0,
  restrictbankaccountpayment VARCHAR(20) NULL,
  allowmultipleattorneys TINYINT(1) NOT NULL DEFAULT 0,
  sendservicecontactremovednotifications TINYINT(1) NOT NULL DEFAULT 0,
  allowmaxfeeamount TINYINT(1) NOT NULL DEFAULT 0,
  transferwaivedfeestocms TINYINT(1) NOT NULL DEFAULT 0,
  skippreauth    TINYINT(1) NOT NULL DEFAULT 0,
  allowreturndate TINYINT(1) NOT NULL DEFAULT 0,
  showdamageamount TINYINT(1) NOT NULL DEFAULT 0,
  hasconditionalservicetypes TINYINT(1) NOT NULL DEFAULT 0,
  hasprotectedcasetypes TINYINT(1) NOT NULL DEFAULT 0,
  protectedcasetypes VARCHAR(400) NOT NULL DEFAULT '',  -- comma list
  protectedcasereplacementstring VARCHAR(200) NULL,
  allowzerofeeswithoutfilingparty TINYINT(1) NOT NULL DEFAULT 0,
  allowserviceoninitial VARCHAR(7) NOT NULL DEFAULT 'DEFAULT',  -- TRUE|FALSE|DEFAULT
  allowaddservicecontactsoninitial TINYINT(1) NOT NULL DEFAULT 0,
  allowredaction TINYINT(1) NOT NULL DEFAULT 0,
  redactionurl   VARCHAR(400) NULL,
  redactionviewerurl VARCHAR(400) NULL,
  enforceredaction TINYINT(1) NOT NULL DEFAULT 0,
  redactiondocumenttype VARCHAR(64) NULL,
  defaultdocumentdescription VARCHAR(8) NULL,      -- 1 filing code, 2 file name
  allowwaiveronmail TINYINT(1) NOT NULL DEFAULT 0,
  showreturnonreject TINYINT(1) NOT NULL DEFAULT 0,
  allowchargeupdate TINYINT(1) NOT NULL DEFAULT 0,
  allowpartyid   TINYINT(1) NOT NULL DEFAULT 0,
  redactionfee   VARCHAR(20) NULL,
  allowwaiveronredaction TINYINT(1) NOT NULL DEFAULT 0,
  disallowelectronicserviceonnewcontacts TINYINT(1) NOT NULL DEFAULT 0,
  allowindividualregistration TINYINT(1) NOT NULL DEFAULT 0,
  redactiontargetconfig VARCHAR(400) NOT NULL DEFAULT '',  -- comma list
  allowhearing   TINYINT(1) NOT NULL DEFAULT 0,
  -- Court policy (CourtPolicyQuery in the reference), in bytes.
  max_attachment_bytes BIGINT UNSIGNED NOT NULL DEFAULT 26214400,
  max_envelope_bytes   BIGINT UNSIGNED NOT NULL DEFAULT 52428800,
  PRIMARY KEY (jurisdiction, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_categories (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  ecfcasetype    VARCHAR(64) NOT NULL,
  procedureremedyinitial    VARCHAR(20) NOT NULL DEFAULT 'Not Available',
  procedureremedysubsequent VARCHAR(20) NOT NULL DEFAULT 'Not Available',
  damageamountinitial       VARCHAR(20) NOT NULL DEFAULT 'Not Available',
  damageamountsubsequent    VARCHAR(20) NOT NULL DEFAULT 'Not Available',
  PRIMARY KEY (jurisdiction, court, code),
  KEY filing_categories_name (jurisdiction, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_case_types (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  casecategory   VARCHAR(64) NOT NULL,
  initial        TINYINT(1) NOT NULL,     -- usable to open a new case
  fee            DECIMAL(10,2) NULL,
  willfileddate  VARCHAR(20) NULL,
  efspcode       VARCHAR(64) NULL,
  PRIMARY KEY (jurisdiction, court, code),
  KEY filing_case_types_cat (jurisdiction, court, casecategory),
  KEY filing_case_types_name (jurisdiction, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_case_subtypes (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  casetype       VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  PRIMARY KEY (jurisdiction, court, casetype, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Filing codes ("filing types"). filingtype is Initial, Subsequent or Both.
CREATE TABLE filing_codes (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  fee            DECIMAL(10,2) NULL,
  casecategory   VARCHAR(64) NOT NULL DEFAULT '',
  casetypeid     VARCHAR(64) NOT NULL DEFAULT '',
  filingtype     VARCHAR(10) NOT NULL DEFAULT 'Both',
  iscourtuseonly TINYINT(1) NOT NULL DEFAULT 0,
  civilclaimamount    VARCHAR(20) NOT NULL DEFAULT 'Not Available',
  probateestateamount VARCHAR(20) NOT NULL DEFAULT 'Not Available',
  amountincontroversy VARCHAR(20) NOT NULL DEFAULT 'Not Available',
  useduedate     TINYINT(1) NOT NULL DEFAULT 0,
  isproposedorder TINYINT(1) NOT NULL DEFAULT 0,
  efspcode       VARCHAR(64) NULL,
  PRIMARY KEY (jurisdiction, court, code),
  KEY filing_codes_type (jurisdiction, court, casetypeid),
  KEY filing_codes_name (jurisdiction, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_components (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  filingcode     VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  required       TINYINT(1) NOT NULL DEFAULT 0,
  allowmultiple  TINYINT(1) NOT NULL DEFAULT 0,
  displayorder   INT NOT NULL DEFAULT 0,
  efspcode       VARCHAR(64) NULL,
  PRIMARY KEY (jurisdiction, court, filingcode, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_document_types (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  filingcode     VARCHAR(64) NOT NULL DEFAULT '',  -- '' = every filing code
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  iscourtuseonly TINYINT(1) NOT NULL DEFAULT 0,
  isdefault      TINYINT(1) NOT NULL DEFAULT 0,
  efspcode       VARCHAR(64) NULL,
  PRIMARY KEY (jurisdiction, court, filingcode, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_motion_types (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  filingcode     VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  PRIMARY KEY (jurisdiction, court, filingcode, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_party_types (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  casetypeid     VARCHAR(64) NOT NULL DEFAULT '',  -- '' = court-wide list
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  isavailablefornewparties TINYINT(1) NOT NULL DEFAULT 1,
  isrequired     TINYINT(1) NOT NULL DEFAULT 0,
  amount         VARCHAR(20) NULL,
  numberofpartiestoignore INT NULL,
  sendforredaction TINYINT(1) NOT NULL DEFAULT 0,
  dateofdeath    VARCHAR(20) NULL,
  displayorder   INT NOT NULL DEFAULT 0,
  efspcode       VARCHAR(64) NULL,
  PRIMARY KEY (jurisdiction, court, casetypeid, code),
  KEY filing_party_types_name (jurisdiction, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_optional_services (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  filingcode     VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  displayorder   INT NOT NULL DEFAULT 0,
  fee            DECIMAL(10,2) NULL,
  multiplier     TINYINT(1) NOT NULL DEFAULT 0,  -- fee x a count the filer gives
  altfeedesc     VARCHAR(200) NULL,
  hasfeeprompt   TINYINT(1) NOT NULL DEFAULT 0,  -- the filer states the fee
  feeprompttext  VARCHAR(400) NULL,
  PRIMARY KEY (jurisdiction, court, filingcode, code),
  KEY filing_optional_services_code (jurisdiction, court, code),
  KEY filing_optional_services_name (jurisdiction, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_service_types (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  servicemethod  VARCHAR(64) NOT NULL,
  fee            DECIMAL(10,2) NULL,
  disclaimertext VARCHAR(1000) NULL,
  displayorder   INT NOT NULL DEFAULT 0,
  PRIMARY KEY (jurisdiction, court, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_cross_references (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  casetypeid     VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  isdefault      TINYINT(1) NOT NULL DEFAULT 0,
  isrequired     TINYINT(1) NOT NULL DEFAULT 0,
  validationregex VARCHAR(400) NULL,
  customvalidationfailuremessage VARCHAR(400) NULL,
  PRIMARY KEY (jurisdiction, court, casetypeid, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Data-field rules (Tyler's datafieldconfig): looked up on the court, then
-- along its parent chain down to "0".
CREATE TABLE filing_datafields (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  code           VARCHAR(100) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  isvisible      TINYINT(1) NOT NULL DEFAULT 0,
  isrequired     TINYINT(1) NOT NULL DEFAULT 0,
  helptext       VARCHAR(1000) NOT NULL DEFAULT '',
  ghosttext      VARCHAR(200) NOT NULL DEFAULT '',
  contextualhelpdata VARCHAR(1000) NOT NULL DEFAULT '',
  validationmessage VARCHAR(400) NOT NULL DEFAULT '',
  regularexpression VARCHAR(400) NOT NULL DEFAULT '',  -- POSIX ERE, anchored
  defaultvalueexpression VARCHAR(200) NOT NULL DEFAULT '',
  isreadonly     TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (jurisdiction, court, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_file_types (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  extension      VARCHAR(16) NOT NULL,
  PRIMARY KEY (jurisdiction, court, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_filer_types (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  isdefault      TINYINT(1) NOT NULL DEFAULT 0,
  efspcode       VARCHAR(64) NULL,
  PRIMARY KEY (jurisdiction, court, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_disclaimers (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  requirementtext VARCHAR(2000) NOT NULL,
  PRIMARY KEY (jurisdiction, court, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The small {name, code} lists, one table: name suffixes, languages, filing
-- statuses, and (scoped by case category) procedures/remedies and damage
-- amounts.
CREATE TABLE filing_name_codes (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  list           ENUM('suffix','language','filing_status','procedure_remedy',
                      'damage_amount') NOT NULL,
  casecategory   VARCHAR(64) NOT NULL DEFAULT '',
  code           VARCHAR(64) NOT NULL,
  name           VARCHAR(200) NOT NULL,
  displayorder   INT NOT NULL DEFAULT 0,
  PRIMARY KEY (jurisdiction, court, list, casecategory, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE filing_countries (
  jurisdiction   VARCHAR(40) NOT NULL,
  code           CHAR(2) NOT NULL,
  name           VARCHAR(100) NOT NULL,
  PRIMARY KEY (jurisdiction, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- State codes per country; a court without rows of its own uses court "0".
CREATE TABLE filing_states (
  jurisdiction   VARCHAR(40) NOT NULL,
  court          VARCHAR(64) NOT NULL,
  country        CHAR(2) NOT NULL,
  code           VARCHAR(8) NOT NULL,
  name           VARCHAR(100) NOT NULL,
  PRIMARY KEY (jurisdiction, court, country, code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
