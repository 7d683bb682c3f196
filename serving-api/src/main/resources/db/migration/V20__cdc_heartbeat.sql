-- The replication slot only advances when ingest-cdc receives a change of a published table. With
-- the shop quiet but other tables busy (sessions, carts, idempotency keys), PostgreSQL keeps every
-- WAL segment since the last captured change, until the disk fills. ingest-cdc's heartbeat action
-- query (Debezium's heartbeat.action.query) rewrites this one row every heartbeat interval; the row
-- is published, so a change reaches the connector, whose committed offset then moves the slot's
-- confirmed_flush_lsn past everything before it.
CREATE TABLE cdc_heartbeat (
    id      SMALLINT PRIMARY KEY CHECK (id = 1),
    beat_at TIMESTAMPTZ NOT NULL
);
INSERT INTO cdc_heartbeat (id, beat_at) VALUES (1, now());
COMMENT ON TABLE cdc_heartbeat IS 'One row, rewritten by ingest-cdc''s heartbeat so the replication slot advances while the captured tables are idle';

ALTER PUBLICATION streamcart_cdc ADD TABLE cdc_heartbeat;
