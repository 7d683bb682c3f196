-- The live KPIs of the dashboard (contract 4). Shared rules for every table below:
--  * ReplacingMergeTree(version) with a deterministic key: the writer re-writes a row whenever its
--    window fires again (early firings, late events, replays after a restart) with a version at
--    least as large, so replays never double count. Readers always query with FINAL.
--  * minute is the UTC minute of the event's occurredAt (event time, never processing time).
--    Hourly and daily figures are rolled up at query time from the minute rows (exact sums).
--  * Money is integer cents with its currency; amounts of different currencies are never added.
--  * Unknown dimensions are 0 (ids) or '' (strings), never NULL, so they can be keys.

-- Paid order lines per product (ORDER_PAID), with the seller, category and the buyer's region, and
-- refunded amounts per product in the minute of the refund. Revenue by category, seller, region and
-- top products come from here; net revenue = revenue_cents - refunded_cents.
CREATE TABLE IF NOT EXISTS ${database}.product_sales_per_minute (
    minute DateTime,
    product_id UInt64,
    seller_id UInt64,
    category_id UInt64,
    region String,
    currency String,
    orders UInt64,
    units UInt64,
    revenue_cents Int64,
    refunded_units UInt64,
    refunded_cents Int64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (minute, product_id, seller_id, category_id, region, currency);

-- Whole orders per minute: paid orders and their gross (ORDER_PAID totalCents, tax and shipping
-- included), refunds (ORDER_REFUNDED / ORDER_PARTIALLY_REFUNDED, by refund time) and their amount.
-- Average order value = gross_cents / paid_orders over any range.
CREATE TABLE IF NOT EXISTS ${database}.order_totals_per_minute (
    minute DateTime,
    currency String,
    paid_orders UInt64,
    gross_cents Int64,
    refunds UInt64,
    refunded_cents Int64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (minute, currency);

-- Who was active when: one row per (minute, activity, user). ACTIVE = any signed-in clickstream
-- event or order event; BUYER = paid an order. Distinct users over any range (daily active users,
-- revenue per buyer) are uniqExact(user_id) over these rows, exact for every roll-up.
CREATE TABLE IF NOT EXISTS ${database}.user_activity (
    minute DateTime,
    activity String,
    user_id UInt64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (minute, activity, user_id);

-- The conversion funnel per minute: stage PRODUCT_VIEW, CART_ADD (clickstream, by the event's
-- category), CHECKOUT_START (clickstream) and PAID (paid orders). category_id 0 = event without a
-- category; the whole funnel is the sum over categories per stage.
CREATE TABLE IF NOT EXISTS ${database}.funnel_per_minute (
    minute DateTime,
    category_id UInt64,
    stage String,
    events UInt64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (minute, category_id, stage);

-- Payment attempts per minute by method and outcome: SUCCEEDED (ORDER_PAID) or FAILED
-- (PAYMENT_FAILED, with its decline reason; '' for successes).
CREATE TABLE IF NOT EXISTS ${database}.payments_per_minute (
    minute DateTime,
    method String,
    outcome String,
    reason String,
    currency String,
    attempts UInt64,
    amount_cents Int64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (minute, method, outcome, reason, currency);

-- One row per paid order with the times of its fulfilment steps (epoch 0 = not reached yet);
-- version grows with every step known. p50/p95 of paid->shipped and shipped->delivered are
-- quantileExact over these rows at query time, grouped by the minute of the later step.
CREATE TABLE IF NOT EXISTS ${database}.order_fulfilment (
    order_id UInt64,
    paid_at DateTime,
    shipped_at DateTime,
    delivered_at DateTime,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY order_id;

-- Pipeline lag per minute and stage, in milliseconds: 'cdc' = Kafka record timestamp of an
-- order event minus its commit time (occurredAt); 'analytics' = the Flink job's processing time
-- minus the record timestamp.
CREATE TABLE IF NOT EXISTS ${database}.pipeline_lag_per_minute (
    minute DateTime,
    stage String,
    events UInt64,
    p50_ms UInt64,
    p99_ms UInt64,
    max_ms UInt64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (minute, stage);

-- Inventory accuracy: each check compares every product's real-time stock with PostgreSQL's
-- (written by serving-api's periodic check). Accuracy = 1 - mismatches / products_checked.
CREATE TABLE IF NOT EXISTS ${database}.inventory_accuracy (
    checked_at DateTime,
    products_checked UInt64,
    mismatches UInt64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY checked_at;

-- Recommendations A/B per minute and variant: impressions (RECOMMENDATION_IMPRESSION click events,
-- one per product shown), clicks (PRODUCT_VIEW carrying the variant), cart adds (CART_ADD carrying
-- it) and purchases (paid order lines carrying it: lines, units, revenue). CTR = clicks /
-- impressions, conversion = purchases / clicks.
CREATE TABLE IF NOT EXISTS ${database}.recommendation_variants_per_minute (
    minute DateTime,
    variant String,
    currency String,
    impressions UInt64,
    clicks UInt64,
    cart_adds UInt64,
    purchases UInt64,
    purchased_units UInt64,
    revenue_cents Int64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (minute, variant, currency);
