-- Personal access tokens: long-lived bearer tokens for integrations
-- (casegate-admin token create USER [--days N]). Only the SHA-256 of a
-- token is kept; the token itself is printed once. A token acts as its
-- user, with the user's scopes read at request time, until it expires or
-- is revoked.

CREATE TABLE personal_tokens (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id      BIGINT UNSIGNED NOT NULL,
  token_hash   CHAR(64) NOT NULL,
  created_at   DATETIME(6) NOT NULL,
  expires_at   DATETIME(6) NOT NULL,
  revoked_at   DATETIME(6) NULL,
  UNIQUE KEY personal_tokens_hash (token_hash),
  KEY personal_tokens_user (user_id),
  CONSTRAINT personal_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
