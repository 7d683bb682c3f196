package dev.streamcart.serving.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.serving.money.Money;
import org.jspecify.annotations.Nullable;

/**
 * The technical KPIs: payment success by method and decline reasons, fulfilment times, pipeline
 * lag (ClickHouse's per-minute lag rows plus, when Kafka is configured, the live consumer-group lag
 * of the Streams apps) and inventory accuracy.
 */
public final class OperationsReports {

    /** Payment attempts of one method; success rate = succeeded / attempts. */
    public record PaymentMethodRow(String method, long attempts, long succeeded, long failed, BigDecimal successRate,
                                   String succeededAmount) {}

    /** Failed attempts per method and decline reason, most frequent first. */
    public record DeclineRow(String method, String reason, long attempts, BigDecimal share) {}

    /** Fulfilment step durations of the orders whose later step fell in the bucket, in seconds. */
    public record FulfilmentBucket(Instant bucket, String step, long orders, long p50Seconds, long p95Seconds) {}

    /** One pipeline stage in a bucket: events measured and the worst minute's p50/p99/max lag, in ms. */
    public record LagBucket(Instant bucket, String stage, long events, long p50Ms, long p99Ms, long maxMs) {}

    /** One inventory check: how many products matched PostgreSQL. */
    public record AccuracyCheck(Instant checkedAt, long productsChecked, long mismatches, BigDecimal accuracy) {}

    static final String PAID_TO_SHIPPED = "paid_to_shipped";
    static final String SHIPPED_TO_DELIVERED = "shipped_to_delivered";

    private final ClickHouseClient clickHouse;
    private final @Nullable ConsumerGroupLag consumerLag;

    public OperationsReports(ClickHouseClient clickHouse, @Nullable ConsumerGroupLag consumerLag) {
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.consumerLag = consumerLag;
    }

    public Report<PaymentMethodRow> payments(AnalyticsFilter filter) {
        List<PaymentMethodRow> rows = new ArrayList<>();
        long attempts = 0;
        long succeeded = 0;
        for (List<String> row : clickHouse.rows("SELECT method, sum(attempts) AS total_attempts,"
                + " sumIf(attempts, outcome = 'SUCCEEDED'), sumIf(attempts, outcome = 'FAILED'),"
                + " sumIf(amount_cents, outcome = 'SUCCEEDED') FROM " + clickHouse.qualified("payments_per_minute")
                + " FINAL WHERE " + filter.timeRange("minute") + " AND currency = " + filter.currencyLiteral()
                + " GROUP BY method ORDER BY total_attempts DESC, method")) {
            long all = Long.parseLong(row.get(1));
            long ok = Long.parseLong(row.get(2));
            rows.add(new PaymentMethodRow(row.get(0), all, ok, Long.parseLong(row.get(3)), Ratios.rate(ok, all),
                    Money.formatCents(Long.parseLong(row.get(4)))));
            attempts += all;
            succeeded += ok;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("attempts", attempts);
        summary.put("succeeded", succeeded);
        summary.put("successRate", Ratios.rate(succeeded, attempts));
        return Report.of(filter, PaymentMethodRow.class, rows, summary);
    }

    public Report<DeclineRow> declines(AnalyticsFilter filter) {
        List<List<String>> found = clickHouse.rows("SELECT method, reason, sum(attempts) AS total_attempts FROM "
                + clickHouse.qualified("payments_per_minute") + " FINAL WHERE " + filter.timeRange("minute")
                + " AND currency = " + filter.currencyLiteral() + " AND outcome = 'FAILED'"
                + " GROUP BY method, reason ORDER BY total_attempts DESC, method, reason");
        long failed = found.stream().mapToLong(row -> Long.parseLong(row.get(2))).sum();
        List<DeclineRow> rows = found.stream().map(row -> new DeclineRow(row.get(0), row.get(1).isEmpty() ? "unknown" : row.get(1),
                Long.parseLong(row.get(2)), Ratios.rate(Long.parseLong(row.get(2)), failed))).toList();
        return Report.of(filter, DeclineRow.class, rows, Map.of("failed", failed));
    }

    public Report<FulfilmentBucket> fulfilment(AnalyticsFilter filter) {
        List<FulfilmentBucket> rows = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String[] step : new String[][] {{PAID_TO_SHIPPED, "paid_at", "shipped_at"},
                {SHIPPED_TO_DELIVERED, "shipped_at", "delivered_at"}}) {
            String duration = "toInt64(toUInt32(" + step[2] + ")) - toInt64(toUInt32(" + step[1] + "))";
            String where = " FROM " + clickHouse.qualified("order_fulfilment") + " FINAL WHERE " + filter.timeRange(step[2])
                    + " AND toUInt32(" + step[1] + ") > 0 AND " + step[2] + " >= " + step[1];
            for (List<String> row : clickHouse.rows("SELECT " + filter.granularity().bucketOf(step[2]) + " AS b, count(),"
                    + " quantileExact(0.5)(" + duration + "), quantileExact(0.95)(" + duration + ")" + where
                    + " GROUP BY b ORDER BY b")) {
                rows.add(new FulfilmentBucket(Instant.ofEpochSecond(Long.parseLong(row.get(0))), step[0],
                        Long.parseLong(row.get(1)), Long.parseLong(row.get(2)), Long.parseLong(row.get(3))));
            }
            List<String> whole = clickHouse.rows("SELECT count(), quantileExact(0.5)(" + duration + "), quantileExact(0.95)("
                    + duration + ")" + where).get(0);
            long orders = Long.parseLong(whole.get(0));
            summary.put(step[0], Map.of("orders", orders, "p50Seconds", orders == 0 ? 0 : Long.parseLong(whole.get(1)),
                    "p95Seconds", orders == 0 ? 0 : Long.parseLong(whole.get(2))));
        }
        rows.sort((a, b) -> a.bucket().compareTo(b.bucket()));
        return Report.of(filter, FulfilmentBucket.class, rows, summary);
    }

    public Report<LagBucket> pipelineLag(AnalyticsFilter filter) {
        List<LagBucket> rows = new ArrayList<>();
        for (List<String> row : clickHouse.rows("SELECT " + filter.granularity().bucketOf("minute") + " AS b, stage,"
                + " sum(events), max(p50_ms), max(p99_ms), max(max_ms) FROM " + clickHouse.qualified("pipeline_lag_per_minute")
                + " FINAL WHERE " + filter.timeRange("minute") + " GROUP BY b, stage ORDER BY b, stage")) {
            rows.add(new LagBucket(Instant.ofEpochSecond(Long.parseLong(row.get(0))), row.get(1), Long.parseLong(row.get(2)),
                    Long.parseLong(row.get(3)), Long.parseLong(row.get(4)), Long.parseLong(row.get(5))));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        // the most recent bucket of each stage: what the pipeline looks like now
        Map<String, LagBucket> latest = new LinkedHashMap<>();
        rows.forEach(row -> latest.put(row.stage(), row));
        summary.put("latest", latest.values());
        summary.put("consumerGroups", consumerLag == null ? null : consumerLag.lag());
        return Report.of(filter, LagBucket.class, rows, summary);
    }

    public Report<AccuracyCheck> inventoryAccuracy(AnalyticsFilter filter) {
        List<AccuracyCheck> rows = new ArrayList<>();
        for (List<String> row : clickHouse.rows("SELECT toUInt32(checked_at), products_checked, mismatches FROM "
                + clickHouse.qualified("inventory_accuracy") + " FINAL WHERE " + filter.timeRange("checked_at")
                + " ORDER BY checked_at")) {
            long checked = Long.parseLong(row.get(1));
            long mismatches = Long.parseLong(row.get(2));
            rows.add(new AccuracyCheck(Instant.ofEpochSecond(Long.parseLong(row.get(0))), checked, mismatches,
                    accuracy(checked, mismatches)));
        }
        return Report.of(filter, AccuracyCheck.class, rows, rows.isEmpty() ? null : Map.of("latest",
                rows.get(rows.size() - 1)));
    }

    /** 1 - mismatches / checked; 1 when nothing was checked (nothing disagreed). */
    static BigDecimal accuracy(long checked, long mismatches) {
        return checked == 0 ? BigDecimal.ONE.setScale(4) : BigDecimal.ONE.setScale(4).subtract(Ratios.rate(mismatches,
                checked));
    }
}
