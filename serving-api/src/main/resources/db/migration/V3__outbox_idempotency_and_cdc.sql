-- Transactional outbox: a domain event is a row written in the same transaction as the change it
-- describes; ingest-cdc reads it from the WAL and publishes it. Rows are kept (an audit trail and a
-- replay source), never deleted by the API.
CREATE TABLE outbox (
    id             UUID PRIMARY KEY,
    aggregate_type VARCHAR(64) NOT NULL,
    aggregate_id   VARCHAR(64) NOT NULL,
    event_type     VARCHAR(64) NOT NULL,
    payload        JSONB NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX outbox_aggregate_idx ON outbox (aggregate_type, aggregate_id);

-- First response of every request that carried an Idempotency-Key, written in the same transaction
-- as the request's effect: a retry finds it and returns it without doing anything again.
CREATE TABLE idempotency_keys (
    idempotency_key VARCHAR(255) NOT NULL,
    endpoint        VARCHAR(255) NOT NULL,
    request_hash    CHAR(64) NOT NULL,
    response_status INTEGER NOT NULL,
    response_body   TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (idempotency_key, endpoint)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- What ingest-cdc captures. Later migrations ALTER PUBLICATION ... ADD TABLE when more is captured.
CREATE PUBLICATION streamcart_cdc FOR TABLE outbox, products, inventory;
