-- Seed code tables, part 2: Illinois. Four fileable courts (adams,
-- sangamon, peoria, cook:cd1) and the Cook County parent location "cook",
-- which takes no filings itself. The codes are written once for adams and
-- copied to the other courts, which then differ where real courts differ
-- (fees, service types, protected case types, file types).

INSERT INTO filing_courts (jurisdiction, code, name, parent, initial, subsequent,
  allowfilingintononindexedcase, allowablecardtypes, odysseynodeid, cmsid,
  iscounty, allowmultipleattorneys, allowmaxfeeamount, transferwaivedfeestocms,
  allowreturndate, showdamageamount, hasconditionalservicetypes,
  hasprotectedcasetypes, protectedcasetypes, protectedcasereplacementstring,
  allowserviceoninitial, allowaddservicecontactsoninitial,
  defaultdocumentdescription, allowwaiveronmail, showreturnonreject,
  allowhearing, max_attachment_bytes, max_envelope_bytes) VALUES
 ('illinois', 'adams', 'Adams County', '1', 1, 1, 0, 'AMEX,DISC,MC,VISA',
  '100', 'adams-cms', 1, 1, 0, 1, 1, 1, 0, 0, '', NULL, 'DEFAULT', 1, '1', 1, 1,
  0, 26214400, 52428800),
 ('illinois', 'sangamon', 'Sangamon County', '1', 1, 1, 1, 'DISC,MC,VISA',
  '200', 'sangamon-cms', 1, 1, 1, 1, 1, 1, 1, 0, '', NULL, 'TRUE', 1, '2', 1, 1,
  1, 26214400, 78643200),
 ('illinois', 'peoria', 'Peoria County', '1', 1, 1, 0, 'AMEX,DISC,MC,VISA',
  '300', 'peoria-cms', 1, 0, 0, 0, 0, 0, 0, 0, '', NULL, 'FALSE', 0, '1', 0, 0,
  0, 15728640, 36700160),
 ('illinois', 'cook', 'Cook County', '1', 0, 0, 0, '', '400', 'cook-cms', 1, 1,
  0, 1, 0, 0, 0, 0, '', NULL, 'DEFAULT', 0, NULL, 0, 0, 0, 26214400, 52428800),
 ('illinois', 'cook:cd1', 'Cook County - Municipal District 1', 'cook', 1, 1, 0,
  'AMEX,DISC,MC,VISA', '401', 'cook-cms', 0, 1, 0, 1, 1, 1, 0, 1, '25367',
  'Protected Case', 'DEFAULT', 1, '2', 1, 1, 1, 36700160, 73400320);

INSERT INTO filing_categories (jurisdiction, court, code, name, ecfcasetype,
  procedureremedyinitial, procedureremedysubsequent, damageamountinitial,
  damageamountsubsequent) VALUES
 ('illinois', 'adams', '184', 'Eviction', 'CivilCase', 'Optional', 'Not Available',
  'Optional', 'Not Available'),
 ('illinois', 'adams', '185', 'Small Claims', 'CivilCase', 'Not Available',
  'Not Available', 'Required', 'Not Available'),
 ('illinois', 'adams', '186', 'Domestic Relations', 'DomesticCase', 'Not Available',
  'Not Available', 'Not Available', 'Not Available'),
 ('illinois', 'adams', '187', 'Order of Protection', 'DomesticCase', 'Not Available',
  'Not Available', 'Not Available', 'Not Available');

INSERT INTO filing_case_types (jurisdiction, court, code, name, casecategory,
  initial, fee, willfileddate, efspcode) VALUES
 ('illinois', 'adams', '25361', 'Eviction - Residential', '184', 1, 175.00, 'Not Available', NULL),
 ('illinois', 'adams', '25362', 'Eviction - Joint Action (Possession and Rent)', '184', 1, 263.00, 'Not Available', NULL),
 ('illinois', 'adams', '25363', 'Small Claims - $1,500 or less', '185', 1, 94.00, 'Not Available', NULL),
 ('illinois', 'adams', '25364', 'Small Claims - over $1,500 to $10,000', '185', 1, 114.00, 'Not Available', NULL),
 ('illinois', 'adams', '25365', 'Dissolution of Marriage', '186', 1, 337.00, 'Not Available', NULL),
 ('illinois', 'adams', '25366', 'Post-Decree', '186', 0, 60.00, 'Not Available', NULL),
 ('illinois', 'adams', '25367', 'Order of Protection', '187', 1, 0.00, 'Not Available', NULL);

INSERT INTO filing_case_subtypes (jurisdiction, court, casetype, code, name) VALUES
 ('illinois', 'adams', '25365', '31001', 'With Children'),
 ('illinois', 'adams', '25365', '31002', 'Without Children');

INSERT INTO filing_codes (jurisdiction, court, code, name, fee, casecategory,
  casetypeid, filingtype, civilclaimamount, amountincontroversy, useduedate,
  isproposedorder) VALUES
 ('illinois', 'adams', '143127', 'Complaint - Residential Eviction', 175.00, '184', '25361', 'Initial', 'Optional', 'Optional', 0, 0),
 ('illinois', 'adams', '143128', 'Complaint - Joint Action Eviction', 263.00, '184', '25362', 'Initial', 'Required', 'Required', 0, 0),
 ('illinois', 'adams', '143129', 'Small Claims Complaint', 94.00, '185', '25363', 'Initial', 'Required', 'Required', 0, 0),
 ('illinois', 'adams', '143130', 'Small Claims Complaint', 114.00, '185', '25364', 'Initial', 'Required', 'Required', 0, 0),
 ('illinois', 'adams', '143131', 'Petition for Dissolution of Marriage', 337.00, '186', '25365', 'Initial', 'Not Available', 'Not Available', 0, 0),
 ('illinois', 'adams', '143132', 'Post-Decree Petition', 60.00, '186', '25366', 'Subsequent', 'Not Available', 'Not Available', 0, 0),
 ('illinois', 'adams', '143133', 'Petition for Order of Protection', 0.00, '187', '25367', 'Initial', 'Not Available', 'Not Available', 0, 0),
 ('illinois', 'adams', '143140', 'Appearance', 0.00, '', '', 'Subsequent', 'Not Available', 'Not Available', 0, 0),
 ('illinois', 'adams', '143141', 'Answer', 0.00, '', '', 'Subsequent', 'Not Available', 'Not Available', 1, 0),
 ('illinois', 'adams', '143142', 'Motion', 0.00, '', '', 'Both', 'Not Available', 'Not Available', 0, 0),
 ('illinois', 'adams', '29217', 'Proposed Order', NULL, '', '', 'Both', 'Not Available', 'Not Available', 0, 1),
 ('illinois', 'adams', '143144', 'Application for Waiver of Court Fees', 0.00, '', '', 'Both', 'Not Available', 'Not Available', 0, 0);

-- Every filing code has a lead document and optional attachments.
INSERT INTO filing_components (jurisdiction, court, filingcode, code, name,
  required, allowmultiple, displayorder)
SELECT jurisdiction, court, code, '332', 'Lead Document', 1, 0, 1
FROM filing_codes WHERE jurisdiction = 'illinois' AND court = 'adams'
UNION ALL
SELECT jurisdiction, court, code, '331', 'Attachments', 0, 1, 2
FROM filing_codes WHERE jurisdiction = 'illinois' AND court = 'adams';

INSERT INTO filing_document_types (jurisdiction, court, filingcode, code, name,
  iscourtuseonly, isdefault) VALUES
 ('illinois', 'adams', '', '5766', 'Non-Confidential', 0, 1),
 ('illinois', 'adams', '', '5767', 'Confidential', 0, 0),
 ('illinois', 'adams', '143144', '5768', 'Confidential - Financial Information', 0, 1);

INSERT INTO filing_motion_types (jurisdiction, court, filingcode, code, name) VALUES
 ('illinois', 'adams', '143142', '20001', 'Motion to Continue'),
 ('illinois', 'adams', '143142', '20002', 'Motion to Vacate Judgment'),
 ('illinois', 'adams', '143142', '20003', 'Motion for Extension of Time');

INSERT INTO filing_party_types (jurisdiction, court, casetypeid, code, name,
  isavailablefornewparties, isrequired, displayorder) VALUES
 ('illinois', 'adams', '', '21001', 'Plaintiff', 1, 0, 1),
 ('illinois', 'adams', '', '21002', 'Defendant', 1, 0, 2),
 ('illinois', 'adams', '', '21003', 'Petitioner', 1, 0, 3),
 ('illinois', 'adams', '', '21004', 'Respondent', 1, 0, 4),
 ('illinois', 'adams', '', '21005', 'Interested Party', 1, 0, 5),
 ('illinois', 'adams', '25361', '21001', 'Plaintiff', 1, 1, 1),
 ('illinois', 'adams', '25361', '21002', 'Defendant', 1, 1, 2),
 ('illinois', 'adams', '25361', '21006', 'Unknown Occupants', 1, 0, 3),
 ('illinois', 'adams', '25362', '21001', 'Plaintiff', 1, 1, 1),
 ('illinois', 'adams', '25362', '21002', 'Defendant', 1, 1, 2),
 ('illinois', 'adams', '25363', '21001', 'Plaintiff', 1, 1, 1),
 ('illinois', 'adams', '25363', '21002', 'Defendant', 1, 1, 2),
 ('illinois', 'adams', '25364', '21001', 'Plaintiff', 1, 1, 1),
 ('illinois', 'adams', '25364', '21002', 'Defendant', 1, 1, 2),
 ('illinois', 'adams', '25365', '21003', 'Petitioner', 1, 1, 1),
 ('illinois', 'adams', '25365', '21004', 'Respondent', 1, 1, 2),
 ('illinois', 'adams', '25366', '21003', 'Petitioner', 0, 0, 1),
 ('illinois', 'adams', '25366', '21004', 'Respondent', 0, 0, 2),
 ('illinois', 'adams', '25367', '21003', 'Petitioner', 1, 1, 1),
 ('illinois', 'adams', '25367', '21004', 'Respondent', 1, 1, 2),
 ('illinois', 'adams', '25367', '21007', 'Protected Person', 1, 0, 3);

INSERT INTO filing_optional_services (jurisdiction, court, filingcode, code, name,
  displayorder, fee, multiplier, altfeedesc, hasfeeprompt, feeprompttext) VALUES
 ('illinois', 'adams', '143127', '1001', 'Issue Summons', 1, 10.00, 1, NULL, 0, NULL),
 ('illinois', 'adams', '143127', '1002', 'Sheriff Service', 2, 60.00, 1, NULL, 0, NULL),
 ('illinois', 'adams', '143128', '1001', 'Issue Summons', 1, 10.00, 1, NULL, 0, NULL),
 ('illinois', 'adams', '143128', '1002', 'Sheriff Service', 2, 60.00, 1, NULL, 0, NULL),
 ('illinois', 'adams', '143129', '1001', 'Issue Summons', 1, 10.00, 1, NULL, 0, NULL),
 ('illinois', 'adams', '143130', '1001', 'Issue Summons', 1, 10.00, 1, NULL, 0, NULL),
 ('illinois', 'adams', '143131', '1003', 'Certified Copy', 3, NULL, 0,
  '$2.00 per page, plus $5.00 certification', 1,
  'Enter the fee for the pages you want certified'),
 ('illinois', 'adams', '143142', '1004', 'Jury Demand', 4, 195.00, 0, NULL, 0, NULL);

INSERT INTO filing_service_types (jurisdiction, court, code, name, servicemethod,
  fee, disclaimertext, displayorder) VALUES
 ('illinois', 'adams', '-730', 'EService', 'Electronic', 0.00, NULL, 1),
 ('illinois', 'adams', '-731', 'Mail', 'Paper', 0.00,
  'The filer mails the documents; the court does not.', 2);

INSERT INTO filing_cross_references (jurisdiction, court, casetypeid, code, name,
  isdefault, isrequired, validationregex, customvalidationfailuremessage) VALUES
 ('illinois', 'adams', '25366', '30001', 'Original Case Number', 1, 1,
  '^[0-9]{4}-?[A-Z]{1,3}-?[0-9]{1,6}$', 'Use the case number of the decree, such as 2019-DC-123.'),
 ('illinois', 'adams', '25361', '30002', 'Related Eviction Case Number', 0, 0,
  '^[0-9]{4}-?[A-Z]{1,3}-?[0-9]{1,6}$', 'Use the form 2023-EV-456.'),
 ('illinois', 'adams', '25367', '30003', 'Related Criminal Case Number', 0, 0,
  '^[0-9]{4}-?CF-?[0-9]{1,6}$', 'Use the form 2023-CF-78.');

INSERT INTO filing_name_codes (jurisdiction, court, list, casecategory, code, name,
  displayorder) VALUES
 ('illinois', 'adams', 'procedure_remedy', '184', '40001', 'Possession Only', 1),
 ('illinois', 'adams', 'procedure_remedy', '184', '40002', 'Possession and Rent', 2),
 ('illinois', 'adams', 'damage_amount', '184', '41001', 'Rent Claimed $10,000 or less', 1),
 ('illinois', 'adams', 'damage_amount', '184', '41002', 'Rent Claimed over $10,000', 2),
 ('illinois', 'adams', 'damage_amount', '185', '41003', '$1,500 or less', 1),
 ('illinois', 'adams', 'damage_amount', '185', '41004', 'over $1,500 to $10,000', 2);

INSERT INTO filing_file_types (jurisdiction, court, code, name, extension) VALUES
 ('illinois', 'adams', 'pdf', 'PDF', 'pdf');

INSERT INTO filing_filer_types (jurisdiction, court, code, name, isdefault) VALUES
 ('illinois', 'adams', '1', 'Self-Represented Litigant', 1),
 ('illinois', 'adams', '2', 'Attorney', 0),
 ('illinois', 'adams', '3', 'Government Agency', 0);

INSERT INTO filing_disclaimers (jurisdiction, court, code, name, requirementtext) VALUES
 ('illinois', 'adams', '101', 'Confidential Information',
  'I certify that this filing contains no Social Security numbers, financial account numbers or other confidential information, except in documents filed as confidential.'),
 ('illinois', 'adams', '102', 'Terms of Use',
  'I have read and agree to the e-filing terms of use of the Circuit Court of Adams County.');

-- Copy adams to the other fileable Illinois courts.
CREATE TEMPORARY TABLE seed_c (c VARCHAR(64) NOT NULL PRIMARY KEY);
INSERT INTO seed_c VALUES ('sangamon'), ('peoria'), ('cook:cd1');

INSERT INTO filing_categories SELECT t.jurisdiction, s.c, t.code, t.name, t.ecfcasetype,
  t.procedureremedyinitial, t.procedureremedysubsequent, t.damageamountinitial,
  t.damageamountsubsequent
FROM filing_categories t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_case_types SELECT t.jurisdiction, s.c, t.code, t.name, t.casecategory,
  t.initial, t.fee, t.willfileddate, t.efspcode
FROM filing_case_types t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_case_subtypes SELECT t.jurisdiction, s.c, t.casetype, t.code, t.name
FROM filing_case_subtypes t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_codes SELECT t.jurisdiction, s.c, t.code, t.name, t.fee, t.casecategory,
  t.casetypeid, t.filingtype, t.iscourtuseonly, t.civilclaimamount, t.probateestateamount,
  t.amountincontroversy, t.useduedate, t.isproposedorder, t.efspcode
FROM filing_codes t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_components SELECT t.jurisdiction, s.c, t.filingcode, t.code, t.name,
  t.required, t.allowmultiple, t.displayorder, t.efspcode
FROM filing_components t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_document_types SELECT t.jurisdiction, s.c, t.filingcode, t.code, t.name,
  t.iscourtuseonly, t.isdefault, t.efspcode
FROM filing_document_types t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_motion_types SELECT t.jurisdiction, s.c, t.filingcode, t.code, t.name
FROM filing_motion_types t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_party_types SELECT t.jurisdiction, s.c, t.casetypeid, t.code, t.name,
  t.isavailablefornewparties, t.isrequired, t.amount, t.numberofpartiestoignore,
  t.sendforredaction, t.dateofdeath, t.displayorder, t.efspcode
FROM filing_party_types t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_optional_services SELECT t.jurisdiction, s.c, t.filingcode, t.code, t.name,
  t.displayorder, t.fee, t.multiplier, t.altfeedesc, t.hasfeeprompt, t.feeprompttext
FROM filing_optional_services t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_service_types SELECT t.jurisdiction, s.c, t.code, t.name, t.servicemethod,
  t.fee, t.disclaimertext, t.displayorder
FROM filing_service_types t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_cross_references SELECT t.jurisdiction, s.c, t.casetypeid, t.code, t.name,
  t.isdefault, t.isrequired, t.validationregex, t.customvalidationfailuremessage
FROM filing_cross_references t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_name_codes SELECT t.jurisdiction, s.c, t.list, t.casecategory, t.code,
  t.name, t.displayorder
FROM filing_name_codes t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_file_types SELECT t.jurisdiction, s.c, t.code, t.name, t.extension
FROM filing_file_types t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
INSERT INTO filing_filer_types SELECT t.jurisdiction, s.c, t.code, t.name, t.isdefault, t.efspcode
FROM filing_filer_types t CROSS JOIN seed_c s WHERE t.jurisdiction = 'illinois' AND t.court = 'adams';
DROP TEMPORARY TABLE seed_c;

-- Where the courts differ. Sangamon and Cook charge more; Sangamon has
-- conditional service types and a personal-service option; Cook accepts
-- TIFF images beside PDF and requires the filer type.
UPDATE filing_case_types SET fee = fee + 20.00
WHERE jurisdiction = 'illinois' AND court IN ('sangamon', 'cook:cd1') AND fee > 0;
UPDATE filing_codes SET fee = fee + 20.00
WHERE jurisdiction = 'illinois' AND court IN ('sangamon', 'cook:cd1') AND fee > 0;
INSERT INTO filing_service_types (jurisdiction, court, code, name, servicemethod,
  fee, disclaimertext, displayorder) VALUES
 ('illinois', 'sangamon', '-732', 'Personal Service by Sheriff', 'Paper', 60.00,
  'The sheriff serves the documents in person; the fee is charged per party served.', 3);
INSERT INTO filing_file_types (jurisdiction, court, code, name, extension) VALUES
 ('illinois', 'cook:cd1', 'tif', 'TIFF image', 'tif');
INSERT INTO filing_datafields (jurisdiction, court, code, name, isvisible, isrequired,
  validationmessage, regularexpression) VALUES
 ('illinois', 'cook', 'FilingFilerType', 'Filer Type', 1, 1, 'Choose a filer type.', ''),
 ('illinois', 'cook:cd1', 'CaseInformationCaseSubType', 'Case Subtype', 1, 0, '', '');

-- Every Illinois court: suffixes, languages and filing statuses.
INSERT INTO filing_name_codes (jurisdiction, court, list, casecategory, code, name, displayorder)
SELECT c.jurisdiction, c.code, v.list, '', v.code, v.name, v.displayorder
FROM filing_courts c CROSS JOIN (
  SELECT 'suffix' AS list, 'Jr' AS code, 'Jr.' AS name, 1 AS displayorder UNION ALL
  SELECT 'suffix', 'Sr', 'Sr.', 2 UNION ALL
  SELECT 'suffix', 'II', 'II', 3 UNION ALL
  SELECT 'suffix', 'III', 'III', 4 UNION ALL
  SELECT 'suffix', 'IV', 'IV', 5 UNION ALL
  SELECT 'language', 'en', 'English', 1 UNION ALL
  SELECT 'language', 'es', 'Spanish', 2 UNION ALL
  SELECT 'language', 'pl', 'Polish', 3 UNION ALL
  SELECT 'language', 'zh', 'Chinese', 4 UNION ALL
  SELECT 'language', 'ar', 'Arabic', 5 UNION ALL
  SELECT 'filing_status', 'submitting', 'Submitting', 1 UNION ALL
  SELECT 'filing_status', 'submitted', 'Submitted', 2 UNION ALL
  SELECT 'filing_status', 'reviewed', 'Reviewed', 3 UNION ALL
  SELECT 'filing_status', 'accepted', 'Accepted', 4 UNION ALL
  SELECT 'filing_status', 'rejected', 'Rejected', 5 UNION ALL
  SELECT 'filing_status', 'cancelled', 'Cancelled', 6 UNION ALL
  SELECT 'filing_status', 'failed', 'Failed', 7) v
WHERE c.jurisdiction = 'illinois';
