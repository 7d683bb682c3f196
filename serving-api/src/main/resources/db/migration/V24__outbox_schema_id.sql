-- The outbox payload is Avro's JSON encoding of the event record; schema_id is the registry id of
-- the schema it was written with, so ingest-cdc decodes and publishes every field the writer knew,
-- including fields ingest-cdc was not built with. NULL only where serving-api runs without Kafka
-- (no registry): ingest-cdc sends such a row to outbox-dead-letters.
ALTER TABLE outbox ADD COLUMN schema_id integer;
COMMENT ON COLUMN outbox.schema_id IS 'Schema-registry id of the payload''s writer schema (subject <topic>-value)';
