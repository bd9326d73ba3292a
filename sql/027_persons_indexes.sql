-- Indexes no query uses, dropped: every person written paid for them.
--   persons_name (name(64)): person_name is a substring match (LIKE '%x%'),
--     and conflict checks compare name_norm (indexed by persons_name_norm);
--   persons_phone (phone_number): phone filters compare the digits
--     (REGEXP_REPLACE), which no index on the column serves;
--   persons_case (case_id): persons_role (case_id, role) begins with it and
--     serves the foreign key and every lookup by case.
ALTER TABLE persons DROP INDEX IF EXISTS persons_name, DROP INDEX IF EXISTS persons_phone,
  DROP INDEX IF EXISTS persons_case;
