-- Request-rate counters per principal (or client address) in fixed buckets.
-- Not business data: a MEMORY table, so a hit never waits for a durable
-- commit; a database restart forgets the counts.
CREATE TABLE rate_hits (
  k      VARCHAR(200) NOT NULL,
  bucket BIGINT NOT NULL,
  n      INT NOT NULL,
  PRIMARY KEY USING BTREE (k, bucket)
) ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
