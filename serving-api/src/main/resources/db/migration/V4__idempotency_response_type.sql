-- A replayed response keeps the media type of the first one: application/json for a success,
-- application/problem+json for a committed failure such as a declined payment (402).
ALTER TABLE idempotency_keys ADD COLUMN response_type VARCHAR(100) NOT NULL DEFAULT 'application/json';
