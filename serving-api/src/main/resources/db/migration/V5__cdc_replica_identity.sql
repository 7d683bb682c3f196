-- Debezium sees only the primary key of a deleted row unless the table logs the whole old row.
-- Consumers key stock by product and warehouse, so deletes must carry those columns.
ALTER TABLE products REPLICA IDENTITY FULL;
ALTER TABLE inventory REPLICA IDENTITY FULL;
