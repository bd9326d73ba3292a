-- A LegalServer document's type (a lookup, document_type) and the programs
-- it belongs to (the program lookup of 025, any number): written on upload
-- (parts "type" and "programs") and by PATCH, read as lookup objects.
INSERT INTO ls_lookups (uuid, tbl, type_name, name, list_order)
SELECT LOWER(CONCAT(SUBSTR(h, 1, 8), '-', SUBSTR(h, 9, 4), '-8', SUBSTR(h, 14, 3),
         '-', ELT(1 + (CONV(SUBSTR(h, 17, 1), 16, 10) & 3), '8', '9', 'a', 'b'),
         SUBSTR(h, 18, 3), '-', SUBSTR(h, 21, 12))),
       'document_type', 'Document Type', name, list_order
FROM (SELECT s.*, SHA2(CONCAT('casegate:lookup:document_type:', name), 256) AS h
      FROM (SELECT 'Court Filing' AS name, 1 AS list_order
            UNION ALL SELECT 'Court Order', 2
            UNION ALL SELECT 'Correspondence', 3
            UNION ALL SELECT 'Evidence', 4
            UNION ALL SELECT 'Identification', 5
            UNION ALL SELECT 'Income Verification', 6
            UNION ALL SELECT 'Lease', 7
            UNION ALL SELECT 'Notice', 8
            UNION ALL SELECT 'Other', 9) s) x
ORDER BY list_order;

ALTER TABLE ls_documents
  ADD COLUMN type_id BIGINT UNSIGNED NULL AFTER title,
  ADD KEY ls_documents_type (type_id),
  ADD CONSTRAINT ls_documents_type_fk FOREIGN KEY (type_id) REFERENCES ls_lookups (id);

CREATE TABLE ls_document_programs (
  document_id BIGINT UNSIGNED NOT NULL,
  program_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (document_id, program_id),
  KEY ls_document_programs_program (program_id),
  CONSTRAINT ls_document_programs_doc_fk FOREIGN KEY (document_id)
    REFERENCES ls_documents (id) ON DELETE CASCADE,
  CONSTRAINT ls_document_programs_program_fk FOREIGN KEY (program_id)
    REFERENCES ls_lookups (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
