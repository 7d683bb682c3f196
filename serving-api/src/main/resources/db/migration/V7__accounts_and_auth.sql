-- Accounts and security (issue 3): roles, bearer tokens, seller accounts owned by a user,
-- and customer preferences.

ALTER TABLE users ADD COLUMN role VARCHAR(16) NOT NULL DEFAULT 'customer'
    CHECK (role IN ('customer', 'seller', 'admin'));

-- A seller business is run by one user account; rows from before accounts existed have none.
ALTER TABLE sellers ADD COLUMN user_id BIGINT REFERENCES users(id);
CREATE UNIQUE INDEX sellers_user_idx ON sellers (user_id) WHERE user_id IS NOT NULL;

-- Only the SHA-256 of a bearer token is stored: a copy of this table does not let anyone log in.
CREATE TABLE auth_tokens (
    token_hash  CHAR(64) PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id);

CREATE TABLE user_preferences (
    user_id                 BIGINT PRIMARY KEY REFERENCES users(id),
    language                VARCHAR(8) NOT NULL DEFAULT 'en',
    currency                CHAR(3) NOT NULL DEFAULT 'USD',
    marketing_emails        BOOLEAN NOT NULL DEFAULT FALSE,
    favourite_category_ids  BIGINT[] NOT NULL DEFAULT '{}',
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One default address of each type per user, enforced by the database, not only by the API.
CREATE UNIQUE INDEX user_addresses_one_default_idx ON user_addresses (user_id, address_type) WHERE is_default;
