-- Recomputes the hours [${from}, ${to}) (epoch seconds, whole hours) of region_sales_per_hour from the minute rows.
INSERT INTO ${database}.region_sales_per_hour
    (hour, region, currency, orders, units, revenue_cents, refunded_units, refunded_cents, version)
SELECT toDateTime(intDiv(toUInt32(minute), 3600) * 3600) AS rolled_hour, region, currency,
    sum(orders), sum(units), sum(revenue_cents), sum(refunded_units), sum(refunded_cents), sum(version)
FROM ${database}.product_sales_per_minute FINAL
WHERE minute >= toDateTime(${from}) AND minute < toDateTime(${to})
GROUP BY rolled_hour, region, currency
