package dev.streamcart.serving.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.streamcart.serving.money.Money;

/**
 * Who shops and how they convert: active users and buyers (distinct over any bucket, so daily active
 * users are exact with {@code granularity=day}), revenue per buyer, the funnel with its stage rates,
 * and the recommendation variants' click-through and conversion.
 */
public final class CustomerReports {

    /** Distinct active users and buyers of a bucket; revenue per buyer = gross revenue / buyers. */
    public record CustomersBucket(Instant bucket, long activeUsers, long buyers, String revenue,
                                  String revenuePerBuyer) {}

    /** A funnel stage: its events, and the share of the previous and of the first stage. */
    public record FunnelStage(String stage, long events, BigDecimal rateFromPrevious, BigDecimal rateFromFirst) {}

    /** One recommendation variant: CTR = clicks / impressions, conversion = purchases / clicks. */
    public record VariantRow(String variant, long impressions, long clicks, long cartAdds, long purchases,
                             long purchasedUnits, String revenue, BigDecimal clickThroughRate,
                             BigDecimal conversionRate) {}

    static final List<String> FUNNEL = List.of("PRODUCT_VIEW", "CART_ADD", "CHECKOUT_START", "PAID");

    private final ClickHouseReader clickHouse;
    private final KpiRows kpiRows;

    public CustomerReports(ClickHouseReader clickHouse, KpiRows kpiRows) {
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.kpiRows = Objects.requireNonNull(kpiRows, "kpiRows");
    }

    public Report<CustomersBucket> customers(AnalyticsFilter filter) {
        List<String> columns = List.of("activity", "user_id");
        Map<Long, long[]> users = new HashMap<>();
        for (String[] row : clickHouse.rows("SELECT " + filter.granularity().bucketOf("t") + " AS b,"
                + " uniqExactIf(user_id, activity = 'ACTIVE'), uniqExactIf(user_id, activity = 'BUYER') FROM "
                + kpiRows.bucketed("user_activity", filter, columns, "") + " GROUP BY b")) {
            users.put(Long.parseLong(row[0]), new long[] {Long.parseLong(row[1]), Long.parseLong(row[2])});
        }
        Map<Long, Long> revenue = new HashMap<>();
        for (String[] row : clickHouse.rows("SELECT " + filter.granularity().bucketOf("minute") + " AS b,"
                + " sum(gross_cents) FROM " + clickHouse.table("order_totals_per_minute") + " FINAL"
                + " WHERE " + filter.timeRange("minute") + " AND currency = " + filter.currencyLiteral() + " GROUP BY b")) {
            revenue.put(Long.parseLong(row[0]), Long.parseLong(row[1]));
        }
        Map<Long, CustomersBucket> byBucket = new HashMap<>();
        for (long b : union(users.keySet(), revenue.keySet())) {
            long[] counts = users.getOrDefault(b, new long[2]);
            byBucket.put(b, customersBucket(Instant.ofEpochSecond(b), counts[0], counts[1], revenue.getOrDefault(b, 0L)));
        }
        List<CustomersBucket> series = Buckets.dense(filter, byBucket, at -> customersBucket(at, 0, 0, 0));
        // distinct over the whole range (not the sum of the buckets: a user active twice counts once)
        String[] whole = clickHouse.rows("SELECT uniqExactIf(user_id, activity = 'ACTIVE'),"
                + " uniqExactIf(user_id, activity = 'BUYER') FROM " + kpiRows.whole("user_activity", filter, columns, ""))
                .get(0);
        long totalRevenue = revenue.values().stream().mapToLong(Long::longValue).sum();
        long buyers = Long.parseLong(whole[1]);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("activeUsers", Long.parseLong(whole[0]));
        summary.put("buyers", buyers);
        summary.put("revenue", Money.formatCents(totalRevenue));
        summary.put("revenuePerBuyer", Ratios.averageMoney(totalRevenue, buyers));
        return Report.of(filter, CustomersBucket.class, series, summary);
    }

    public Report<FunnelStage> funnel(AnalyticsFilter filter) {
        String category = filter.categoryId() == null ? "" : " AND category_id = " + filter.categoryId().longValue();
        Map<String, Long> events = new HashMap<>();
        for (String[] row : clickHouse.rows("SELECT stage, sum(events) FROM " + clickHouse.table("funnel_per_minute")
                + " FINAL WHERE " + filter.timeRange("minute") + category + " GROUP BY stage")) {
            events.put(row[0], Long.parseLong(row[1]));
        }
        List<FunnelStage> stages = new ArrayList<>();
        long first = events.getOrDefault(FUNNEL.get(0), 0L);
        long previous = first;
        for (String stage : FUNNEL) {
            long count = events.getOrDefault(stage, 0L);
            stages.add(new FunnelStage(stage, count, stages.isEmpty() ? Ratios.rate(count, count) : Ratios.rate(count,
                    previous), Ratios.rate(count, first)));
            previous = count;
        }
        return Report.of(filter, FunnelStage.class, stages, Map.of("conversionRate",
                Ratios.rate(events.getOrDefault("PAID", 0L), first)));
    }

    public Report<VariantRow> variants(AnalyticsFilter filter) {
        List<VariantRow> rows = new ArrayList<>();
        for (String[] row : clickHouse.rows("SELECT variant, sum(impressions), sum(clicks), sum(cart_adds),"
                + " sum(purchases), sum(purchased_units), sum(revenue_cents) FROM "
                + clickHouse.table("recommendation_variants_per_minute") + " FINAL WHERE " + filter.timeRange("minute")
                + " AND (currency = " + filter.currencyLiteral() + " OR currency = '') GROUP BY variant ORDER BY variant")) {
            long impressions = Long.parseLong(row[1]);
            long clicks = Long.parseLong(row[2]);
            long purchases = Long.parseLong(row[4]);
            rows.add(new VariantRow(row[0], impressions, clicks, Long.parseLong(row[3]), purchases,
                    Long.parseLong(row[5]), Money.formatCents(Long.parseLong(row[6])), Ratios.rate(clicks, impressions),
                    Ratios.rate(purchases, clicks)));
        }
        return Report.of(filter, VariantRow.class, rows, null);
    }

    private static CustomersBucket customersBucket(Instant at, long active, long buyers, long revenueCents) {
        return new CustomersBucket(at, active, buyers, Money.formatCents(revenueCents),
                Ratios.averageMoney(revenueCents, buyers));
    }

    private static List<Long> union(Set<Long> a, Set<Long> b) {
        TreeSet<Long> all = new TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
