-- The matter face's rendered record, kept beside doc_casegate and doc_ref as a
-- cache of the rows: written by LegalServer writes, cleared by every other
-- write (an LAA write, a document upload, a change to what a matter embeds),
-- and filled again by the next read (see src/cases/ls_model.c).
ALTER TABLE cases ADD COLUMN IF NOT EXISTS doc_matter MEDIUMTEXT NULL AFTER doc_ref;
