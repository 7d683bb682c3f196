-- Hourly roll-ups of the two largest per-minute KPI tables, so that reports over days read one row
-- per hour instead of one per minute (a week of the large profile: 1.6M product rows and 6.4M
-- activity rows per minute against 0.5M and 2.3M per hour, and 5 rows per hour per region).
--  * Each is derived data: an hour's rows are recomputed from the minute rows (with FINAL) by the
--    statements of the clickhouse-rollups folder, after minute rows of that hour were written (the
--    analytics job does it at every checkpoint). The version is the sum of the minute rows' versions,
--    which only grows as they grow, so ReplacingMergeTree keeps the newest recomputation; readers
--    query with FINAL, like the minute tables.
--  * hour is the UTC hour's start; whole hours of a range come from here, its edges and the hours
--    still open to late events from the minute tables (serving-api's analytics reports).
--  * The scripts below fill them from the minute rows already there (the same statements as the
--    clickhouse-rollups folder over all time).

-- Product sales per hour without the buyer's region: top products, seller sales, units, category and
-- seller slices.
CREATE TABLE IF NOT EXISTS ${database}.product_sales_per_hour (
    hour DateTime,
    product_id UInt64,
    seller_id UInt64,
    category_id UInt64,
    currency String,
    orders UInt64,
    units UInt64,
    revenue_cents Int64,
    refunded_units UInt64,
    refunded_cents Int64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (hour, product_id, seller_id, category_id, currency);

-- Product sales per hour and buyer region, summed over products: the regions report and the units
-- of unsliced or region-sliced order reports.
CREATE TABLE IF NOT EXISTS ${database}.region_sales_per_hour (
    hour DateTime,
    region String,
    currency String,
    orders UInt64,
    units UInt64,
    revenue_cents Int64,
    refunded_units UInt64,
    refunded_cents Int64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (hour, region, currency);

-- Who was active in which hour: distinct users over whole hours (uniqExact over these rows is
-- exact, as it is over the minute rows).
CREATE TABLE IF NOT EXISTS ${database}.user_activity_per_hour (
    hour DateTime,
    activity String,
    user_id UInt64,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (hour, activity, user_id);

INSERT INTO ${database}.product_sales_per_hour
    (hour, product_id, seller_id, category_id, currency, orders, units, revenue_cents, refunded_units, refunded_cents, version)
SELECT toDateTime(intDiv(toUInt32(minute), 3600) * 3600) AS rolled_hour, product_id, seller_id, category_id, currency,
    sum(orders), sum(units), sum(revenue_cents), sum(refunded_units), sum(refunded_cents), sum(version)
FROM ${database}.product_sales_per_minute FINAL
GROUP BY rolled_hour, product_id, seller_id, category_id, currency;

INSERT INTO ${database}.region_sales_per_hour
    (hour, region, currency, orders, units, revenue_cents, refunded_units, refunded_cents, version)
SELECT toDateTime(intDiv(toUInt32(minute), 3600) * 3600) AS rolled_hour, region, currency,
    sum(orders), sum(units), sum(revenue_cents), sum(refunded_units), sum(refunded_cents), sum(version)
FROM ${database}.product_sales_per_minute FINAL
GROUP BY rolled_hour, region, currency;

INSERT INTO ${database}.user_activity_per_hour (hour, activity, user_id, version)
SELECT toDateTime(intDiv(toUInt32(minute), 3600) * 3600) AS rolled_hour, activity, user_id, sum(version)
FROM ${database}.user_activity FINAL
GROUP BY rolled_hour, activity, user_id;
