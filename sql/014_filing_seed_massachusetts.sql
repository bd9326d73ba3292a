-- Seed code tables, part 3: Massachusetts. Three fileable courts: the
-- Boston Housing Court and Cambridge District Court (summary process and
-- small claims, written once for housing:boston and copied), and the Suffolk
-- Probate and Family Court with tables of its own. No Massachusetts court
-- has disclaimer requirements.

INSERT INTO filing_courts (jurisdiction, code, name, parent, initial, subsequent,
  allowfilingintononindexedcase, allowablecardtypes, iscounty,
  allowmultipleattorneys, allowmaxfeeamount, allowreturndate, showdamageamount,
  hasconditionalservicetypes, allowserviceoninitial, defaultdocumentdescription,
  allowindividualregistration, max_attachment_bytes, max_envelope_bytes) VALUES
 ('massachusetts', 'housing:boston', 'Boston Housing Court', '1', 1, 1, 0,
  'AMEX,MC,VISA', 0, 1, 0, 1, 1, 0, 'DEFAULT', '1', 1, 10485760, 26214400),
 ('massachusetts', 'district:cambridge', 'Cambridge District Court', '1', 1, 1, 0,
  'MC,VISA', 0, 1, 0, 1, 1, 0, 'TRUE', '1', 1, 10485760, 26214400),
 ('massachusetts', 'probate:suffolk', 'Suffolk Probate and Family Court', '1', 1, 1,
  1, 'AMEX,DISC,MC,VISA', 1, 0, 1, 0, 0, 1, 'FALSE', '2', 1, 20971520, 41943040);

INSERT INTO filing_categories (jurisdiction, court, code, name, ecfcasetype,
  procedureremedyinitial, damageamountinitial) VALUES
 ('massachusetts', 'housing:boston', 'SP', 'Summary Process', 'CivilCase', 'Required', 'Optional'),
 ('massachusetts', 'housing:boston', 'SC', 'Small Claims', 'CivilCase', 'Not Available', 'Required'),
 ('massachusetts', 'housing:boston', 'CV', 'Civil', 'CivilCase', 'Optional', 'Not Available');

INSERT INTO filing_case_types (jurisdiction, court, code, name, casecategory,
  initial, fee) VALUES
 ('massachusetts', 'housing:boston', 'SP01', 'Summary Process - Residential', 'SP', 1, 135.00),
 ('massachusetts', 'housing:boston', 'SP02', 'Summary Process - Commercial', 'SP', 1, 195.00),
 ('massachusetts', 'housing:boston', 'SC01', 'Small Claims - $7,000 or less', 'SC', 1, 50.00),
 ('massachusetts', 'housing:boston', 'CV01', 'Housing Conditions (Tenant Petition)', 'CV', 1, 0.00),
 ('massachusetts', 'housing:boston', 'CV02', 'Motion in Existing Case', 'CV', 0, 0.00);

INSERT INTO filing_codes (jurisdiction, court, code, name, fee, casecategory,
  casetypeid, filingtype, amountincontroversy, useduedate, isproposedorder) VALUES
 ('massachusetts', 'housing:boston', 'MA1001', 'Summary Process Summons and Complaint', 135.00, 'SP', 'SP01', 'Initial', 'Optional', 0, 0),
 ('massachusetts', 'housing:boston', 'MA1002', 'Summary Process Summons and Complaint (Commercial)', 195.00, 'SP', 'SP02', 'Initial', 'Required', 0, 0),
 ('massachusetts', 'housing:boston', 'MA1003', 'Statement of Small Claim', 50.00, 'SC', 'SC01', 'Initial', 'Required', 0, 0),
 ('massachusetts', 'housing:boston', 'MA1004', 'Tenant Petition for Repairs', 0.00, 'CV', 'CV01', 'Initial', 'Not Available', 0, 0),
 ('massachusetts', 'housing:boston', 'MA1010', 'Answer', 0.00, '', '', 'Subsequent', 'Not Available', 1, 0),
 ('massachusetts', 'housing:boston', 'MA1011', 'Motion', 0.00, '', '', 'Both', 'Not Available', 0, 0),
 ('massachusetts', 'housing:boston', 'MA1012', 'Affidavit of Indigency', 0.00, '', '', 'Both', 'Not Available', 0, 0),
 ('massachusetts', 'housing:boston', 'MA1013', 'Proposed Order', NULL, '', '', 'Both', 'Not Available', 0, 1);

INSERT INTO filing_components (jurisdiction, court, filingcode, code, name,
  required, allowmultiple, displayorder)
SELECT jurisdiction, court, code, 'LEAD', 'Lead Document', 1, 0, 1
FROM filing_codes WHERE jurisdiction = 'massachusetts' AND court = 'housing:boston'
UNION ALL
SELECT jurisdiction, court, code, 'ATT', 'Attachment', 0, 1, 2
FROM filing_codes WHERE jurisdiction = 'massachusetts' AND court = 'housing:boston';

INSERT INTO filing_document_types (jurisdiction, court, filingcode, code, name,
  iscourtuseonly, isdefault) VALUES
 ('massachusetts', 'housing:boston', '', 'PUB', 'Public', 0, 1),
 ('massachusetts', 'housing:boston', '', 'IMP', 'Impounded', 0, 0),
 ('massachusetts', 'housing:boston', 'MA1012', 'IMP', 'Impounded', 0, 1);

INSERT INTO filing_motion_types (jurisdiction, court, filingcode, code, name) VALUES
 ('massachusetts', 'housing:boston', 'MA1011', 'M01', 'Motion to Stay Execution'),
 ('massachusetts', 'housing:boston', 'MA1011', 'M02', 'Motion to Continue'),
 ('massachusetts', 'housing:boston', 'MA1011', 'M03', 'Motion to Remove Default');

INSERT INTO filing_party_types (jurisdiction, court, casetypeid, code, name,
  isavailablefornewparties, isrequired, displayorder) VALUES
 ('massachusetts', 'housing:boston', '', 'PL', 'Plaintiff', 1, 0, 1),
 ('massachusetts', 'housing:boston', '', 'DF', 'Defendant', 1, 0, 2),
 ('massachusetts', 'housing:boston', '', 'PT', 'Petitioner', 1, 0, 3),
 ('massachusetts', 'housing:boston', '', 'RS', 'Respondent', 1, 0, 4),
 ('massachusetts', 'housing:boston', 'SP01', 'PL', 'Plaintiff (Landlord)', 1, 1, 1),
 ('massachusetts', 'housing:boston', 'SP01', 'DF', 'Defendant (Tenant)', 1, 1, 2),
 ('massachusetts', 'housing:boston', 'SP02', 'PL', 'Plaintiff (Landlord)', 1, 1, 1),
 ('massachusetts', 'housing:boston', 'SP02', 'DF', 'Defendant (Tenant)', 1, 1, 2),
 ('massachusetts', 'housing:boston', 'SC01', 'PL', 'Plaintiff', 1, 1, 1),
 ('massachusetts', 'housing:boston', 'SC01', 'DF', 'Defendant', 1, 1, 2),
 ('massachusetts', 'housing:boston', 'CV01', 'PT', 'Petitioner (Tenant)', 1, 1, 1),
 ('massachusetts', 'housing:boston', 'CV01', 'RS', 'Respondent (Landlord)', 1, 1, 2);

INSERT INTO filing_optional_services (jurisdiction, court, filingcode, code, name,
  displayorder, fee, multiplier, altfeedesc, hasfeeprompt, feeprompttext) VALUES
 ('massachusetts', 'housing:boston', 'MA1001', 'OS1', 'Constable Service', 1, 40.00, 1, NULL, 0, NULL),
 ('massachusetts', 'housing:boston', 'MA1002', 'OS1', 'Constable Service', 1, 40.00, 1, NULL, 0, NULL),
 ('massachusetts', 'housing:boston', 'MA1003', 'OS2', 'Certified Mail Service', 1, 15.00, 1, NULL, 0, NULL),
 ('massachusetts', 'housing:boston', 'MA1011', 'OS3', 'Copies', 2, NULL, 0,
  '$1.00 per page', 1, 'Enter the copy fee ($1.00 per page)');

INSERT INTO filing_service_types (jurisdiction, court, code, name, servicemethod,
  fee, disclaimertext, displayorder) VALUES
 ('massachusetts', 'housing:boston', 'ES', 'E-Service', 'Electronic', 0.00, NULL, 1),
 ('massachusetts', 'housing:boston', 'FCM', 'First-Class Mail', 'Paper', 0.00,
  'The filer mails the documents and files a certificate of service.', 2);

INSERT INTO filing_cross_references (jurisdiction, court, casetypeid, code, name,
  isdefault, isrequired, validationregex, customvalidationfailuremessage) VALUES
 ('massachusetts', 'housing:boston', 'CV02', 'XR1', 'Existing Docket Number', 1, 1,
  '^[0-9]{2}-?[A-Z]{1,3}-?[0-9]{1,6}$', 'Use the docket number, such as 23-SP-1234.'),
 ('massachusetts', 'housing:boston', 'SP01', 'XR2', 'Prior Summary Process Docket', 0, 0,
  '^[0-9]{2}-?SP-?[0-9]{1,6}$', 'Use the form 22-SP-987.');

INSERT INTO filing_name_codes (jurisdiction, court, list, casecategory, code, name,
  displayorder) VALUES
 ('massachusetts', 'housing:boston', 'procedure_remedy', 'SP', 'PR1', 'Possession Only', 1),
 ('massachusetts', 'housing:boston', 'procedure_remedy', 'SP', 'PR2', 'Possession and Rent', 2),
 ('massachusetts', 'housing:boston', 'procedure_remedy', 'CV', 'PR3', 'Injunctive Relief', 1),
 ('massachusetts', 'housing:boston', 'damage_amount', 'SP', 'DA1', 'Rent $5,000 or less', 1),
 ('massachusetts', 'housing:boston', 'damage_amount', 'SP', 'DA2', 'Rent over $5,000', 2),
 ('massachusetts', 'housing:boston', 'damage_amount', 'SC', 'DA3', '$7,000 or less', 1);

INSERT INTO filing_file_types (jurisdiction, court, code, name, extension) VALUES
 ('massachusetts', 'housing:boston', 'pdf', 'PDF', 'pdf');

INSERT INTO filing_filer_types (jurisdiction, court, code, name, isdefault) VALUES
 ('massachusetts', 'housing:boston', 'SRL', 'Self-Represented Litigant', 1),
 ('massachusetts', 'housing:boston', 'ATTY', 'Attorney', 0);

-- Cambridge District Court: the same tables as the Housing Court.
INSERT INTO filing_categories SELECT t.jurisdiction, 'district:cambridge', t.code, t.name,
  t.ecfcasetype, t.procedureremedyinitial, t.procedureremedysubsequent,
  t.damageamountinitial, t.damageamountsubsequent
FROM filing_categories t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_case_types SELECT t.jurisdiction, 'district:cambridge', t.code, t.name,
  t.casecategory, t.initial, t.fee, t.willfileddate, t.efspcode
FROM filing_case_types t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_codes SELECT t.jurisdiction, 'district:cambridge', t.code, t.name, t.fee,
  t.casecategory, t.casetypeid, t.filingtype, t.iscourtuseonly, t.civilclaimamount,
  t.probateestateamount, t.amountincontroversy, t.useduedate, t.isproposedorder, t.efspcode
FROM filing_codes t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_components SELECT t.jurisdiction, 'district:cambridge', t.filingcode,
  t.code, t.name, t.required, t.allowmultiple, t.displayorder, t.efspcode
FROM filing_components t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_document_types SELECT t.jurisdiction, 'district:cambridge', t.filingcode,
  t.code, t.name, t.iscourtuseonly, t.isdefault, t.efspcode
FROM filing_document_types t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_motion_types SELECT t.jurisdiction, 'district:cambridge', t.filingcode,
  t.code, t.name
FROM filing_motion_types t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_party_types SELECT t.jurisdiction, 'district:cambridge', t.casetypeid,
  t.code, t.name, t.isavailablefornewparties, t.isrequired, t.amount,
  t.numberofpartiestoignore, t.sendforredaction, t.dateofdeath, t.displayorder, t.efspcode
FROM filing_party_types t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_optional_services SELECT t.jurisdiction, 'district:cambridge', t.filingcode,
  t.code, t.name, t.displayorder, t.fee, t.multiplier, t.altfeedesc, t.hasfeeprompt,
  t.feeprompttext
FROM filing_optional_services t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_service_types SELECT t.jurisdiction, 'district:cambridge', t.code, t.name,
  t.servicemethod, t.fee, t.disclaimertext, t.displayorder
FROM filing_service_types t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_cross_references SELECT t.jurisdiction, 'district:cambridge', t.casetypeid,
  t.code, t.name, t.isdefault, t.isrequired, t.validationregex,
  t.customvalidationfailuremessage
FROM filing_cross_references t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_name_codes SELECT t.jurisdiction, 'district:cambridge', t.list,
  t.casecategory, t.code, t.name, t.displayorder
FROM filing_name_codes t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_file_types SELECT t.jurisdiction, 'district:cambridge', t.code, t.name,
  t.extension
FROM filing_file_types t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
INSERT INTO filing_filer_types SELECT t.jurisdiction, 'district:cambridge', t.code, t.name,
  t.isdefault, t.efspcode
FROM filing_filer_types t WHERE t.jurisdiction = 'massachusetts' AND t.court = 'housing:boston';
UPDATE filing_codes SET fee = 65.00
WHERE jurisdiction = 'massachusetts' AND court = 'district:cambridge' AND code = 'MA1003';

-- Suffolk Probate and Family Court.
INSERT INTO filing_categories (jurisdiction, court, code, name, ecfcasetype) VALUES
 ('massachusetts', 'probate:suffolk', 'DR', 'Domestic Relations', 'DomesticCase'),
 ('massachusetts', 'probate:suffolk', 'PE', 'Probate and Estates', 'CivilCase');
INSERT INTO filing_case_types (jurisdiction, court, code, name, casecategory,
  initial, fee) VALUES
 ('massachusetts', 'probate:suffolk', 'DR01', 'Divorce - 1B (Contested)', 'DR', 1, 215.00),
 ('massachusetts', 'probate:suffolk', 'DR02', 'Divorce - 1A (Joint Petition)', 'DR', 1, 215.00),
 ('massachusetts', 'probate:suffolk', 'DR03', 'Complaint for Modification', 'DR', 0, 100.00),
 ('massachusetts', 'probate:suffolk', 'PE01', 'Informal Probate of Will', 'PE', 1, 375.00);
INSERT INTO filing_case_subtypes (jurisdiction, court, casetype, code, name) VALUES
 ('massachusetts', 'probate:suffolk', 'DR01', 'MC', 'With Minor Children'),
 ('massachusetts', 'probate:suffolk', 'DR01', 'NC', 'No Minor Children');
INSERT INTO filing_codes (jurisdiction, court, code, name, fee, casecategory,
  casetypeid, filingtype, probateestateamount, useduedate, isproposedorder) VALUES
 ('massachusetts', 'probate:suffolk', 'PF2001', 'Complaint for Divorce', 215.00, 'DR', 'DR01', 'Initial', 'Not Available', 0, 0),
 ('massachusetts', 'probate:suffolk', 'PF2002', 'Joint Petition for Divorce', 215.00, 'DR', 'DR02', 'Initial', 'Not Available', 0, 0),
 ('massachusetts', 'probate:suffolk', 'PF2003', 'Complaint for Modification', 100.00, 'DR', 'DR03', 'Subsequent', 'Not Available', 0, 0),
 ('massachusetts', 'probate:suffolk', 'PF2004', 'Petition for Informal Probate', 375.00, 'PE', 'PE01', 'Initial', 'Required', 0, 0),
 ('massachusetts', 'probate:suffolk', 'PF2010', 'Financial Statement', 0.00, '', '', 'Both', 'Not Available', 1, 0),
 ('massachusetts', 'probate:suffolk', 'PF2011', 'Motion', 0.00, '', '', 'Both', 'Not Available', 0, 0);
INSERT INTO filing_components (jurisdiction, court, filingcode, code, name,
  required, allowmultiple, displayorder)
SELECT jurisdiction, court, code, 'LEAD', 'Lead Document', 1, 0, 1
FROM filing_codes WHERE jurisdiction = 'massachusetts' AND court = 'probate:suffolk'
UNION ALL
SELECT jurisdiction, court, code, 'ATT', 'Attachment', 0, 1, 2
FROM filing_codes WHERE jurisdiction = 'massachusetts' AND court = 'probate:suffolk';
INSERT INTO filing_document_types (jurisdiction, court, filingcode, code, name,
  iscourtuseonly, isdefault) VALUES
 ('massachusetts', 'probate:suffolk', '', 'PUB', 'Public', 0, 1),
 ('massachusetts', 'probate:suffolk', '', 'IMP', 'Impounded', 0, 0),
 ('massachusetts', 'probate:suffolk', 'PF2010', 'IMP', 'Impounded', 0, 1);
INSERT INTO filing_motion_types (jurisdiction, court, filingcode, code, name) VALUES
 ('massachusetts', 'probate:suffolk', 'PF2011', 'M10', 'Motion for Temporary Orders'),
 ('massachusetts', 'probate:suffolk', 'PF2011', 'M11', 'Motion for Short Order of Notice');
INSERT INTO filing_party_types (jurisdiction, court, casetypeid, code, name,
  isavailablefornewparties, isrequired, displayorder) VALUES
 ('massachusetts', 'probate:suffolk', '', 'PL', 'Plaintiff', 1, 0, 1),
 ('massachusetts', 'probate:suffolk', '', 'DF', 'Defendant', 1, 0, 2),
 ('massachusetts', 'probate:suffolk', '', 'PT', 'Petitioner', 1, 0, 3),
 ('massachusetts', 'probate:suffolk', 'DR01', 'PL', 'Plaintiff', 1, 1, 1),
 ('massachusetts', 'probate:suffolk', 'DR01', 'DF', 'Defendant', 1, 1, 2),
 ('massachusetts', 'probate:suffolk', 'DR02', 'PT', 'Co-Petitioner', 1, 1, 1),
 ('massachusetts', 'probate:suffolk', 'PE01', 'PT', 'Petitioner', 1, 1, 1),
 ('massachusetts', 'probate:suffolk', 'PE01', 'DC', 'Decedent', 1, 1, 2);
UPDATE filing_party_types SET dateofdeath = 'Required'
WHERE jurisdiction = 'massachusetts' AND court = 'probate:suffolk' AND code = 'DC';
INSERT INTO filing_optional_services (jurisdiction, court, filingcode, code, name,
  displayorder, fee, multiplier, altfeedesc, hasfeeprompt, feeprompttext) VALUES
 ('massachusetts', 'probate:suffolk', 'PF2001', 'OS5', 'Summons', 1, 5.00, 1, NULL, 0, NULL),
 ('massachusetts', 'probate:suffolk', 'PF2004', 'OS6', 'Certificate of Appointment', 1, 20.00, 1, NULL, 0, NULL),
 ('massachusetts', 'probate:suffolk', 'PF2004', 'OS7', 'Legal Notice Publication', 2, NULL, 0,
  'Set by the newspaper', 1, 'Enter the publication fee quoted by the newspaper');
INSERT INTO filing_service_types (jurisdiction, court, code, name, servicemethod,
  fee, disclaimertext, displayorder) VALUES
 ('massachusetts', 'probate:suffolk', 'ES', 'E-Service', 'Electronic', 0.00, NULL, 1),
 ('massachusetts', 'probate:suffolk', 'SHF', 'Sheriff or Constable', 'Paper', 0.00,
  'Service of a complaint for divorce must be made in hand.', 2);
INSERT INTO filing_cross_references (jurisdiction, court, casetypeid, code, name,
  isdefault, isrequired, validationregex, customvalidationfailuremessage) VALUES
 ('massachusetts', 'probate:suffolk', 'DR03', 'XR5', 'Original Divorce Docket', 1, 1,
  '^SU[0-9]{2}D[0-9]{4}[A-Z]{2}$', 'Use the docket number of the judgment, such as SU19D1234DR.');
INSERT INTO filing_file_types (jurisdiction, court, code, name, extension) VALUES
 ('massachusetts', 'probate:suffolk', 'pdf', 'PDF', 'pdf');
INSERT INTO filing_filer_types (jurisdiction, court, code, name, isdefault) VALUES
 ('massachusetts', 'probate:suffolk', 'SRL', 'Self-Represented Litigant', 1),
 ('massachusetts', 'probate:suffolk', 'ATTY', 'Attorney', 0),
 ('massachusetts', 'probate:suffolk', 'DOR', 'Department of Revenue', 0);
INSERT INTO filing_datafields (jurisdiction, court, code, name, isvisible, isrequired,
  validationmessage, regularexpression) VALUES
 ('massachusetts', 'probate:suffolk', 'CaseInformationCaseSubType', 'Case Subtype', 1, 1,
  'Choose whether there are minor children.', ''),
 ('massachusetts', 'probate:suffolk', 'PartyGender', 'Party Gender', 1, 0, '', '');

-- Every Massachusetts court: suffixes, languages and filing statuses.
INSERT INTO filing_name_codes (jurisdiction, court, list, casecategory, code, name, displayorder)
SELECT c.jurisdiction, c.code, v.list, '', v.code, v.name, v.displayorder
FROM filing_courts c CROSS JOIN (
  SELECT 'suffix' AS list, 'Jr' AS code, 'Jr.' AS name, 1 AS displayorder UNION ALL
  SELECT 'suffix', 'Sr', 'Sr.', 2 UNION ALL
  SELECT 'suffix', 'II', 'II', 3 UNION ALL
  SELECT 'suffix', 'III', 'III', 4 UNION ALL
  SELECT 'language', 'en', 'English', 1 UNION ALL
  SELECT 'language', 'es', 'Spanish', 2 UNION ALL
  SELECT 'language', 'pt', 'Portuguese', 3 UNION ALL
  SELECT 'language', 'ht', 'Haitian Creole', 4 UNION ALL
  SELECT 'language', 'vi', 'Vietnamese', 5 UNION ALL
  SELECT 'filing_status', 'submitting', 'Submitting', 1 UNION ALL
  SELECT 'filing_status', 'submitted', 'Submitted', 2 UNION ALL
  SELECT 'filing_status', 'accepted', 'Accepted', 3 UNION ALL
  SELECT 'filing_status', 'rejected', 'Rejected', 4 UNION ALL
  SELECT 'filing_status', 'cancelled', 'Cancelled', 5) v
WHERE c.jurisdiction = 'massachusetts';
