-- revenue, orders and AOV per hour and currency (net = gross - refunds)
-- (aliases never reuse a column name: 18.16 would resolve the column to the alias)
SELECT toStartOfHour(minute) AS hour, currency, sum(paid_orders) AS paid, sum(gross_cents) AS gross,
       sum(refunded_cents) AS refunded, gross - refunded AS net, gross / paid AS aov
FROM streamcart.order_totals_per_minute FINAL
WHERE minute >= now() - 86400 GROUP BY hour, currency ORDER BY hour;

-- revenue by category and seller per day; top products by revenue
SELECT toDate(minute) AS day, category_id, seller_id, sum(revenue_cents) AS revenue, sum(refunded_cents) AS refunded
FROM streamcart.product_sales_per_minute FINAL GROUP BY day, category_id, seller_id ORDER BY day, revenue DESC;
SELECT product_id, sum(revenue_cents) AS revenue, sum(units) AS units_sold FROM streamcart.product_sales_per_minute FINAL
WHERE minute >= now() - 86400 GROUP BY product_id ORDER BY revenue DESC LIMIT 10;

-- daily active users and buyers (exact distinct counts over minute rows)
SELECT toDate(minute) AS day, uniqExact(user_id) AS users FROM streamcart.user_activity FINAL
WHERE activity = 'ACTIVE' GROUP BY day ORDER BY day;

-- the funnel per hour (sum over categories), payment success by method per hour
SELECT toStartOfHour(minute) AS hour, stage, sum(events) AS stage_events FROM streamcart.funnel_per_minute FINAL GROUP BY hour, stage;
SELECT toStartOfHour(minute) AS hour, method, sumIf(attempts, outcome = 'SUCCEEDED') / sum(attempts) AS success_rate
FROM streamcart.payments_per_minute FINAL GROUP BY hour, method ORDER BY hour;

-- fulfilment times, p50/p95 per day of shipment
SELECT toDate(shipped_at) AS day, quantileExact(0.5)(toUInt32(shipped_at) - toUInt32(paid_at)) AS p50_s,
       quantileExact(0.95)(toUInt32(shipped_at) - toUInt32(paid_at)) AS p95_s
FROM streamcart.order_fulfilment FINAL WHERE shipped_at > toDateTime(0) GROUP BY day ORDER BY day;

-- pipeline lag per hour: the worst minute's p99 (percentiles of minutes do not add up; max does)
SELECT toStartOfHour(minute) AS hour, stage, sum(events) AS lagged_events, max(p99_ms) AS worst_p99_ms, max(max_ms) AS worst_ms
FROM streamcart.pipeline_lag_per_minute FINAL GROUP BY hour, stage ORDER BY hour;
