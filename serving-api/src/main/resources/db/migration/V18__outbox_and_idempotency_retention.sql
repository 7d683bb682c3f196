-- The outbox is a hand-off, not an archive: ingest-cdc reads events from the WAL (which the
-- replication slot keeps until they are published), so a row is only kept for a short window
-- (outbox.retention, default 15 minutes) for inspection, then deleted by serving-api's sweeper.
-- Idempotency keys expire after 24 hours (idempotency.retention): a retry after that is a new request.
CREATE INDEX outbox_created_idx ON outbox (created_at);
COMMENT ON TABLE outbox IS 'Domain events, written in the transaction of their change; captured from the WAL by ingest-cdc; rows deleted after outbox.retention';
COMMENT ON TABLE idempotency_keys IS 'First response per Idempotency-Key and endpoint; expires after idempotency.retention (24 h)';
