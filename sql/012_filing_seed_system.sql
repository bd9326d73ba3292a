-- Seed code tables, part 1: what every seeded jurisdiction shares. The
-- system courts "0" (defaults, inherited by every court) and "1" (the
-- statewide location, never fileable), the data-field rules, countries and
-- state lists.
--
-- The data-field regexes are POSIX extended expressions anchored with ^...$
-- and written without backslashes ([.] rather than \.), so that the same
-- text means the same thing to regcomp(3), Python's re.match (the real
-- client) and Java's Pattern (the reference). They accept what real filers
-- send (efsp-proxy.md section 11): names of letters, spaces, hyphens,
-- apostrophes and periods; an empty middle name and suffix; ten-digit US
-- phone numbers with or without separators, or none at all; no e-mail for
-- other parties; file names of letters, digits, _, - and ., with or
-- without .pdf.

CREATE TEMPORARY TABLE seed_j (j VARCHAR(40) NOT NULL PRIMARY KEY);
INSERT INTO seed_j VALUES ('illinois'), ('massachusetts');

INSERT INTO filing_courts (jurisdiction, code, name, parent, initial, subsequent,
  allowindividualregistration)
SELECT j, '0', 'System', '', 0, 0, 1 FROM seed_j;
-- "1": in the fileable lists never; it holds the statewide attorney rule.
INSERT INTO filing_courts (jurisdiction, code, name, parent, initial, subsequent)
SELECT j, '1', 'Statewide', '0', 0, 0 FROM seed_j;

-- Data fields on court "0" (court overrides come with each jurisdiction).
CREATE TEMPORARY TABLE seed_df (
  code VARCHAR(100) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,
  isvisible TINYINT(1) NOT NULL, isrequired TINYINT(1) NOT NULL,
  regularexpression VARCHAR(400) NOT NULL, validationmessage VARCHAR(400) NOT NULL,
  helptext VARCHAR(1000) NOT NULL, ghosttext VARCHAR(200) NOT NULL);
INSERT INTO seed_df VALUES
 ('PartyFirstName', 'Party First Name', 1, 1,
  '^[A-Za-z][A-Za-z .''-]{0,99}$',
  'A first name has letters, spaces, hyphens, apostrophes and periods (at most 100).',
  'The party''s given name.', 'First name'),
 ('PartyMiddleName', 'Party Middle Name', 1, 0,
  '^[A-Za-z .''-]{0,100}$',
  'A middle name has letters, spaces, hyphens, apostrophes and periods (at most 100).',
  '', 'Middle name'),
 ('PartyLastName', 'Party Last Name', 1, 1,
  '^[A-Za-z][A-Za-z .''-]{0,99}$',
  'A last name has letters, spaces, hyphens, apostrophes and periods (at most 100).',
  'The party''s family name.', 'Last name'),
 ('PartyNameSuffix', 'Party Name Suffix', 1, 0,
  '^[A-Za-z .]{0,10}$', 'Choose a suffix from the list, or leave it empty.',
  '', 'Suffix'),
 ('PartyBusinessName', 'Party Business Name', 1, 1,
  '^[A-Za-z0-9][A-Za-z0-9 .,''&()/#-]{0,399}$',
  'A business name has letters, digits, spaces and . , '' & ( ) / # - (at most 400).',
  '', 'Business name'),
 ('PartyPhone', 'Party Phone Number', 1, 0,
  '^(([+]?1[-. ]?)?[(]?[0-9]{3}[)]?[-. ]?[0-9]{3}[-. ]?[0-9]{4})?$',
  'Enter a 10-digit phone number, such as 312-555-0123.', '', '(312) 555-0123'),
 ('PartyEmail', 'Party Email', 1, 0,
  '^([A-Za-z0-9._%+''-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,})?$',
  'Enter an e-mail address such as name@example.org, or leave it empty.',
  '', 'name@example.org'),
 ('PartyGender', 'Party Gender', 0, 0, '', '', '', ''),
 ('PartyDateOfBirth', 'Party Date of Birth', 1, 0,
  '^([0-9]{4}-[0-9]{2}-[0-9]{2})?$', 'Use the form YYYY-MM-DD.', '', 'YYYY-MM-DD'),
 ('PartyAttorney', 'Party Attorney', 1, 0, '', '', '', ''),
 ('PartyLanguage', 'Party Preferred Language', 1, 0, '', '', '', ''),
 ('DocumentType', 'Document Type', 1, 1, '', 'Choose a document type.', '', ''),
 ('DocumentDescription', 'Document Description', 1, 0,
  '^.{0,200}$', 'At most 200 characters.', '', ''),
 ('OriginalFileName', 'Original File Name', 1, 1,
  '^[A-Za-z0-9_.-]{1,50}$',
  'A file name has letters, digits, _, - and . (at most 50).', '', ''),
 ('FilingFilerType', 'Filer Type', 0, 0, '', '', '', ''),
 ('FilingMotionType', 'Motion Type', 1, 0, '', '', '', ''),
 ('FilingDescription', 'Filing Description', 1, 0,
  '^.{0,200}$', 'At most 200 characters.', '', ''),
 ('FilingReferenceNumber', 'Client Reference Number', 1, 0,
  '^[A-Za-z0-9 _-]{0,50}$', 'Letters, digits, spaces, _ and - (at most 50).', '', ''),
 ('FilingComment', 'Filing Comments', 1, 0, '^.{0,1000}$', 'At most 1000 characters.', '', ''),
 ('FilingCourtesyCopies', 'Courtesy Copies', 1, 0, '', '', '', ''),
 ('FilingServiceCheckBoxInitial', 'Serve on Initial Filing', 0, 0, '', '', '', ''),
 ('FilingServiceCheckBoxSubsequent', 'Serve on Subsequent Filing', 1, 0, '', '', '', ''),
 ('DueDateAvailableForFilers', 'Due Date', 0, 0, '', '', '', ''),
 ('CaseInformationCaseSubType', 'Case Subtype', 0, 0, '', '', '', ''),
 ('CivilCaseProcedureViewInitial', 'Procedure/Remedy (initial)', 1, 0, '', '', '', ''),
 ('CivilCaseProcedureViewSubsequent', 'Procedure/Remedy (subsequent)', 0, 0, '', '', '', ''),
 ('CivilCaseDamageAmountInitial', 'Damage Amount (initial)', 1, 0, '', '', '', ''),
 ('CivilCaseDamageAmountSubsequent', 'Damage Amount (subsequent)', 0, 0, '', '', '', ''),
 ('DamageAmount', 'Damage Amount', 1, 0, '', '', '', ''),
 ('GlobalPassword', 'Password', 1, 1, '^.{8,64}$',
  'A password has 8 to 64 characters.', '', ''),
 ('GlobalAttorneyNumber', 'Attorney Number', 1, 1, '^[0-9A-Za-z-]{1,20}$',
  'An attorney number has letters, digits and - (at most 20).', '', ''),
 ('AddressLine1', 'Address Line 1', 1, 0, '^.{0,100}$', 'At most 100 characters.', '', ''),
 ('AddressLine2', 'Address Line 2', 1, 0, '^.{0,100}$', 'At most 100 characters.', '', ''),
 ('AddressCity', 'City', 1, 0, '^[A-Za-z .''-]{0,50}$', 'Letters, spaces and . '' - (at most 50).', '', ''),
 ('AddressZip', 'ZIP Code', 1, 0, '^([0-9]{5}(-[0-9]{4})?)?$',
  'Enter a 5-digit ZIP code, or ZIP+4 (60601-1234).', '', '60601');

INSERT INTO filing_datafields (jurisdiction, court, code, name, isvisible, isrequired,
  helptext, ghosttext, validationmessage, regularexpression)
SELECT j, '0', code, name, isvisible, isrequired, helptext, ghosttext,
  validationmessage, regularexpression
FROM seed_j CROSS JOIN seed_df;

-- Statewide attorney numbers: Illinois ARDC numbers are digits, Massachusetts
-- BBO numbers six digits.
INSERT INTO filing_datafields (jurisdiction, court, code, name, isvisible, isrequired,
  validationmessage, regularexpression) VALUES
 ('illinois', '1', 'GlobalAttorneyNumber', 'ARDC Number', 1, 1,
  'An ARDC number has 1 to 8 digits.', '^[0-9]{1,8}$'),
 ('massachusetts', '1', 'GlobalAttorneyNumber', 'BBO Number', 1, 1,
  'A BBO number has 6 digits.', '^[0-9]{6}$');

INSERT INTO filing_countries (jurisdiction, code, name)
SELECT j, c.code, c.name FROM seed_j CROSS JOIN (
  SELECT 'US' AS code, 'United States' AS name UNION ALL
  SELECT 'CA', 'Canada' UNION ALL
  SELECT 'MX', 'Mexico') c;

CREATE TEMPORARY TABLE seed_states (
  country CHAR(2) NOT NULL, code VARCHAR(8) NOT NULL, name VARCHAR(100) NOT NULL);
INSERT INTO seed_states VALUES
 ('US','AL','Alabama'),('US','AK','Alaska'),('US','AZ','Arizona'),('US','AR','Arkansas'),
 ('US','CA','California'),('US','CO','Colorado'),('US','CT','Connecticut'),
 ('US','DE','Delaware'),('US','DC','District of Columbia'),('US','FL','Florida'),
 ('US','GA','Georgia'),('US','HI','Hawaii'),('US','ID','Idaho'),('US','IL','Illinois'),
 ('US','IN','Indiana'),('US','IA','Iowa'),('US','KS','Kansas'),('US','KY','Kentucky'),
 ('US','LA','Louisiana'),('US','ME','Maine'),('US','MD','Maryland'),
 ('US','MA','Massachusetts'),('US','MI','Michigan'),('US','MN','Minnesota'),
 ('US','MS','Mississippi'),('US','MO','Missouri'),('US','MT','Montana'),
 ('US','NE','Nebraska'),('US','NV','Nevada'),('US','NH','New Hampshire'),
 ('US','NJ','New Jersey'),('US','NM','New Mexico'),('US','NY','New York'),
 ('US','NC','North Carolina'),('US','ND','North Dakota'),('US','OH','Ohio'),
 ('US','OK','Oklahoma'),('US','OR','Oregon'),('US','PA','Pennsylvania'),
 ('US','RI','Rhode Island'),('US','SC','South Carolina'),('US','SD','South Dakota'),
 ('US','TN','Tennessee'),('US','TX','Texas'),('US','UT','Utah'),('US','VT','Vermont'),
 ('US','VA','Virginia'),('US','WA','Washington'),('US','WV','West Virginia'),
 ('US','WI','Wisconsin'),('US','WY','Wyoming'),('US','PR','Puerto Rico'),
 ('US','GU','Guam'),('US','VI','U.S. Virgin Islands'),
 ('CA','AB','Alberta'),('CA','BC','British Columbia'),('CA','MB','Manitoba'),
 ('CA','NB','New Brunswick'),('CA','NL','Newfoundland and Labrador'),
 ('CA','NS','Nova Scotia'),('CA','NT','Northwest Territories'),('CA','NU','Nunavut'),
 ('CA','ON','Ontario'),('CA','PE','Prince Edward Island'),('CA','QC','Quebec'),
 ('CA','SK','Saskatchewan'),('CA','YT','Yukon'),
 ('MX','CMX','Ciudad de Mexico'),('MX','JAL','Jalisco'),('MX','NLE','Nuevo Leon');
INSERT INTO filing_states (jurisdiction, court, country, code, name)
SELECT j, '0', country, code, name FROM seed_j CROSS JOIN seed_states;

DROP TEMPORARY TABLE seed_states;
DROP TEMPORARY TABLE seed_df;
DROP TEMPORARY TABLE seed_j;
