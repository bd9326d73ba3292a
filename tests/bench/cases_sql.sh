#!/usr/bin/env bash
# cases_sql.sh N: prints the SQL that adds N cases to the bench database, each
# with 2 notes and 2 people, the way POST /cases/ would store them (uuid from
# UUID(), org_id NULL, external_id NULL, UTC timestamps; persons.name_norm is
# a generated column and left to the server). For tests/bench/run.sh, fed to
# `mariadb -uroot casegate` over the stack's socket: one transaction,
# INSERT ... SELECT from the SEQUENCE engine's seq_1_to_N, so 100,000 cases
# take seconds instead of 100,000 POSTs.
#
# The data is derived from each case's internal id, so it is the same on
# every run:
#   - case_type CCQ for every third case, else CLA;
#   - a note "Other" and a note "Adaptation";
#   - person 1 lives at postcode E<1..25> <0..9>AB, chosen by id mod 250
#     (so E13 3AB is the postcode of the cases with id mod 250 = 123: 400 of
#     100,000), person 2 at N<1..25> <0..9>XY, chosen by (id div 250) mod 250;
#   - names, addresses, phone numbers, emails and dates of birth vary too.
# Postcodes are stored normalised ("OUT IN"), as the API stores them.
set -euo pipefail

n=${1:-}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 N" >&2; exit 2; }

cat <<SQL
SET @before := (SELECT IFNULL(MAX(id), 0) FROM cases);
SET @ts := UTC_TIMESTAMP(6);
START TRANSACTION;
INSERT INTO cases (uuid, case_type, external_id, org_id, created_at, updated_at)
  SELECT UUID(), IF(seq MOD 3 = 0, 'CCQ', 'CLA'), NULL, NULL, @ts, @ts
  FROM seq_1_to_$n;
INSERT INTO case_notes (uuid, case_id, note_type, content, created_at, updated_at)
  SELECT UUID(), c.id, IF(k.seq = 1, 'Other', 'Adaptation'),
    IF(k.seq = 1,
       CONCAT('Client called about case ', c.id,
              ': rent arrears, the landlord has served a section 21 notice.'),
       'Needs a callback after 5pm; prefers email to letters.'),
    @ts, @ts
  FROM cases c JOIN seq_1_to_2 k WHERE c.id > @before;
INSERT INTO persons (uuid, case_id, name, address, phone_number, postcode, email,
                     date_of_birth, created_at, updated_at)
  SELECT UUID(), c.id,
    CONCAT(ELT(1 + (c.id + k.seq) MOD 8, 'John', 'Jane', 'Amir', 'Siobhan',
               'Wei', 'Olu', 'Marta', 'Dev'),
           ' ', ELT(1 + (c.id DIV 8) MOD 8, 'Doe', 'Smith', 'Khan', 'Murphy',
               'Chen', 'Adeyemi', 'Nowak', 'Patel'), '-', c.id),
    CONCAT(1 + c.id MOD 300, IF(k.seq = 1, ' High Street', ' Station Road'),
           ', London'),
    CONCAT('01632 ', LPAD((c.id * 2 + k.seq) MOD 1000000, 6, '0')),
    IF(k.seq = 1,
       CONCAT('E', (c.id MOD 250) DIV 10 + 1, ' ', c.id MOD 10, 'AB'),
       CONCAT('N', ((c.id DIV 250) MOD 250) DIV 10 + 1, ' ',
              (c.id DIV 250) MOD 10, 'XY')),
    CONCAT(IF(k.seq = 1, 'client', 'partner'), '.', c.id, '@example.com'),
    DATE('1940-01-01') + INTERVAL (c.id * 7 + k.seq * 3) MOD 25000 DAY,
    @ts, @ts
  FROM cases c JOIN seq_1_to_2 k WHERE c.id > @before;
COMMIT;
SQL
