package dev.streamcart.serving.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
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

    private static final String USER_ACTIVITY = "user_activity";
    private static final List<String> ACTIVITY_COLUMNS = List.of("activity", "user_id");
    /** The activities of user_activity's rows, in the order of the counts below. */
    private static final List<String> ACTIVITIES = List.of("ACTIVE", "BUYER");
    private static final String QUOTED_ACTIVITIES = ACTIVITIES.stream().map(activity -> "'" + activity + "'")
            .collect(Collectors.joining(", "));
    private static final int ACTIVE = 0;
    private static final int BUYER = 1;
    private static final String DISTINCT_USERS =
            "uniqExactIf(user_id, activity = 'ACTIVE'), uniqExactIf(user_id, activity = 'BUYER')";

    private final ClickHouseClient clickHouse;
    private final KpiRows kpiRows;
    private final SettledUsers settledUsers;

    public CustomerReports(ClickHouseClient clickHouse, KpiRows kpiRows) {
        this(clickHouse, kpiRows, SettledUsers.DEFAULT_TTL);
    }

    CustomerReports(ClickHouseClient clickHouse, KpiRows kpiRows, Duration settledUsersTtl) {
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.kpiRows = Objects.requireNonNull(kpiRows, "kpiRows");
        this.settledUsers = new SettledUsers(clickHouse, settledUsersTtl);
    }

    public Report<CustomersBucket> customers(AnalyticsFilter filter) {
        KpiRows.Split rows = kpiRows.split(USER_ACTIVITY, filter, ACTIVITY_COLUMNS, "");
        ActiveUsers users = filter.granularity() == Granularity.MINUTE || rows.settled().isEmpty()
                ? countedInClickHouse(filter)
                : unionOfSettledAndLive(filter, rows.settled().get(), rows.live());
        Map<Long, Long> revenue = new HashMap<>();
        for (List<String> row : clickHouse.rows("SELECT " + filter.granularity().bucketOf("minute") + " AS b,"
                + " sum(gross_cents) FROM " + clickHouse.qualified("order_totals_per_minute") + " FINAL"
                + " WHERE " + filter.timeRange("minute") + " AND currency = " + filter.currencyLiteral() + " GROUP BY b")) {
            revenue.put(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)));
        }
        Map<Long, CustomersBucket> byBucket = new HashMap<>();
        for (long b : union(users.perBucket().keySet(), revenue.keySet())) {
            long[] counts = users.perBucket().getOrDefault(b, new long[ACTIVITIES.size()]);
            byBucket.put(b, customersBucket(Instant.ofEpochSecond(b), counts[ACTIVE], counts[BUYER],
                    revenue.getOrDefault(b, 0L)));
        }
        List<CustomersBucket> series = Buckets.dense(filter, byBucket, at -> customersBucket(at, 0, 0, 0));
        long totalRevenue = revenue.values().stream().mapToLong(Long::longValue).sum();
        long buyers = users.whole()[BUYER];
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("activeUsers", users.whole()[ACTIVE]);
        summary.put("buyers", buyers);
        summary.put("revenue", Money.formatCents(totalRevenue));
        summary.put("revenuePerBuyer", Ratios.averageMoney(totalRevenue, buyers));
        return Report.of(filter, CustomersBucket.class, series, summary);
    }

    /** Distinct users per activity ({@link #ACTIVITIES} order): per bucket, and over the whole range (not their sum). */
    private record ActiveUsers(Map<Long, long[]> perBucket, long[] whole) {}

    /** Both counts straight from ClickHouse: minute buckets, or a range without a settled hour. */
    private ActiveUsers countedInClickHouse(AnalyticsFilter filter) {
        Map<Long, long[]> perBucket = new HashMap<>();
        for (List<String> row : clickHouse.rows("SELECT " + filter.granularity().bucketOf("t") + " AS b, " + DISTINCT_USERS
                + " FROM " + kpiRows.bucketed(USER_ACTIVITY, filter, ACTIVITY_COLUMNS, "") + " GROUP BY b")) {
            perBucket.put(Long.parseLong(row.get(0)), counts(row, 1));
        }
        List<String> whole = clickHouse.rows("SELECT " + DISTINCT_USERS + " FROM "
                + kpiRows.whole(USER_ACTIVITY, filter, ACTIVITY_COLUMNS, "")).get(0);
        return new ActiveUsers(perBucket, counts(whole, 0));
    }

    /**
     * The settled hours' users are remembered ({@link SettledUsers}); only the live part (the range's
     * edges and last hours) is read each time, and its users that the settled part lacks are added.
     */
    private ActiveUsers unionOfSettledAndLive(AnalyticsFilter filter, String settled, String liveRows) {
        String bucketOf = filter.granularity().bucketOf("t");
        Map<Long, long[]> perBucket = new HashMap<>();
        for (List<String> row : settledUsers.counts("SELECT " + bucketOf + " AS b, " + DISTINCT_USERS + " FROM (" + settled
                + ") GROUP BY b")) {
            perBucket.put(Long.parseLong(row.get(0)), counts(row, 1));
        }
        int settledBuckets = perBucket.size();
        long[] whole = counts(settledUsers.counts("SELECT " + DISTINCT_USERS + " FROM (" + settled + ")").get(0), 0);
        // one pass over the live rows for every activity: (activity's index, bucket, user)
        long[][] live = clickHouse.longColumns("SELECT indexOf([" + QUOTED_ACTIVITIES + "], activity) - 1 AS a, " + bucketOf
                + " AS b, user_id FROM (" + liveRows + ") WHERE activity IN (" + QUOTED_ACTIVITIES + ")"
                + " GROUP BY a, b, user_id", 3);
        for (int activity = 0; activity < ACTIVITIES.size(); activity++) {
            long[][] liveOfActivity = rowsOf(live, activity);
            if (liveOfActivity[0].length == 0) {
                continue;
            }
            String settledIds = "SELECT DISTINCT user_id FROM (" + settled + ") WHERE activity = '"
                    + ACTIVITIES.get(activity) + "'";
            UserSet settledInRange = settledUsers.ids(settledIds);
            whole[activity] = settledInRange.unionSize(UserSet.of(liveOfActivity[1]));
            for (Map.Entry<Long, UserSet> liveInBucket : UserSet.byBucket(liveOfActivity[0], liveOfActivity[1]).entrySet()) {
                long bucket = liveInBucket.getKey();
                long[] counts = perBucket.computeIfAbsent(bucket, b -> new long[ACTIVITIES.size()]);
                UserSet settledInBucket = counts[activity] == 0 ? UserSet.EMPTY
                        // every settled hour in one bucket (a day of them by day): that bucket's users are the whole part's
                        : settledBuckets == 1 ? settledInRange
                        : settledUsers.ids(settledIds + " AND " + bucketOf + " = " + bucket);
                counts[activity] = settledInBucket.unionSize(liveInBucket.getValue());
            }
        }
        return new ActiveUsers(perBucket, whole);
    }

    /** The bucket and user columns of those {@code live} rows (activity, bucket, user) that are of {@code activity}. */
    private static long[][] rowsOf(long[][] live, int activity) {
        int size = 0;
        for (long rowActivity : live[0]) {
            if (rowActivity == activity) {
                size++;
            }
        }
        long[][] columns = new long[2][size];
        for (int row = 0, next = 0; row < live[0].length; row++) {
            if (live[0][row] == activity) {
                columns[0][next] = live[1][row];
                columns[1][next++] = live[2][row];
            }
        }
        return columns;
    }

    private static long[] counts(List<String> row, int first) {
        long[] counts = new long[ACTIVITIES.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Long.parseLong(row.get(first + i));
        }
        return counts;
    }

    public Report<FunnelStage> funnel(AnalyticsFilter filter) {
        String category = filter.categoryId() == null ? "" : " AND category_id = " + filter.categoryId().longValue();
        Map<String, Long> events = new HashMap<>();
        for (List<String> row : clickHouse.rows("SELECT stage, sum(events) FROM " + clickHouse.qualified("funnel_per_minute")
                + " FINAL WHERE " + filter.timeRange("minute") + category + " GROUP BY stage")) {
            events.put(row.get(0), Long.parseLong(row.get(1)));
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
        for (List<String> row : clickHouse.rows("SELECT variant, sum(impressions), sum(clicks), sum(cart_adds),"
                + " sum(purchases), sum(purchased_units), sum(revenue_cents) FROM "
                + clickHouse.qualified("recommendation_variants_per_minute") + " FINAL WHERE " + filter.timeRange("minute")
                + " AND (currency = " + filter.currencyLiteral() + " OR currency = '') GROUP BY variant ORDER BY variant")) {
            long impressions = Long.parseLong(row.get(1));
            long clicks = Long.parseLong(row.get(2));
            long purchases = Long.parseLong(row.get(4));
            rows.add(new VariantRow(row.get(0), impressions, clicks, Long.parseLong(row.get(3)), purchases,
                    Long.parseLong(row.get(5)), Money.formatCents(Long.parseLong(row.get(6))), Ratios.rate(clicks, impressions),
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
