-- The matter's client marked on its person: client_of is the case's id on
-- the one person that is the case's client (the person with the client
-- role, else its first), NULL on the others. A read or a search of matters
-- finds the client by it (a unique key) instead of choosing among the
-- case's people each time: a client filter is then one index lookup, and
-- (date_of_birth, client_of) answers the date-of-birth search from the index
-- alone, in case order.
--
-- Kept so by every writer: the trigger below marks a case's first person as
-- it is inserted (the API's writes, and rows loaded by SQL alike), and a
-- write that deletes the client marks the next (src/cases/model.c,
-- part_replace). The client role is only ever given to the person marked
-- (src/cases/ls_model.c), so no insert changes who the client is.
ALTER TABLE persons
  ADD COLUMN client_of BIGINT UNSIGNED NULL,
  ADD UNIQUE KEY persons_client_of (client_of),
  ADD CONSTRAINT persons_client_of_case CHECK (client_of IS NULL OR client_of = case_id);

UPDATE persons p
  JOIN (SELECT c.id AS case_id,
               (SELECT x.id FROM persons x WHERE x.case_id = c.id
                ORDER BY x.role <=> 'client' DESC, x.id LIMIT 1) AS person_id
        FROM cases c) k ON k.person_id = p.id
  SET p.client_of = k.case_id;

ALTER TABLE persons DROP INDEX persons_dob, ADD KEY persons_dob (date_of_birth, client_of);

CREATE TRIGGER persons_client BEFORE INSERT ON persons FOR EACH ROW
  SET NEW.client_of = IF(EXISTS (SELECT 1 FROM persons x
                                 WHERE x.client_of = NEW.case_id),
                         NULL, NEW.case_id);
