-- Per-minute sales by category (contract 4). One row per (minute, category_id); the Flink job
-- re-writes a row each time its window fires again (early firings, late events) with a larger
-- version, and ReplacingMergeTree keeps the row with the largest version. Readers query with FINAL.
-- minute: UTC minute of the ORDER_PAID event's occurredAt; revenue_cents: sum(quantity * unit price).
CREATE TABLE IF NOT EXISTS ${database}.sales_per_minute (
    minute DateTime,
    category_id UInt64,
    orders UInt64,
    units UInt64,
    revenue_cents Int64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (minute, category_id);
