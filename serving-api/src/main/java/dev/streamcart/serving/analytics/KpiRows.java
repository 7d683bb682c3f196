package dev.streamcart.serving.analytics;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.HourlyRollups;

/**
 * Where a report reads the rows of a per-minute KPI table over a filter's range: the range's whole,
 * settled hours from the smallest hourly roll-up ({@link HourlyRollups}) that holds every column the
 * report needs, and the rest (the range's edges, the last hours, any minute-grained report) from the
 * minute table. A week of the large profile is then 0.5M product rows instead of 1.6M, and 35 region
 * rows instead of 1.6M.
 *
 * <p>An hour is settled once it ended {@link #SETTLED_AFTER} ago: analytics-flink re-fires a minute
 * for late events up to its allowed lateness (10 minutes) after the minute, and recomputes the
 * hours it wrote at every checkpoint (5 s), so by then the hourly rows equal the sum of the minute
 * rows. Only a backlog (the job replaying hours behind the wall clock) can leave an hour's roll-up a
 * checkpoint behind its minute rows.
 */
final class KpiRows {

    static final Duration SETTLED_AFTER = Duration.ofMinutes(15);

    /**
     * Tables whose rows are all key: a replaced row equals its replacement, and every report over
     * them counts distinct keys (uniqExact), so they need no FINAL (0.6 s of a week of the large profile).
     */
    private static final Set<String> KEY_ONLY_TABLES = Set.of("user_activity");

    private final ClickHouseClient clickHouse;
    private final Clock clock;

    KpiRows(ClickHouseClient clickHouse, Clock clock) {
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A subquery over {@code minuteTable}'s rows in the filter's range that meet {@code conditions}
     * (SQL starting with {@code AND}, over {@code columns} only), with the row's time as {@code t}
     * and {@code columns} under their own names, for a query that buckets {@code t} by the filter's
     * granularity ({@link Granularity#bucketOf}).
     */
    String bucketed(String minuteTable, AnalyticsFilter filter, List<String> columns, String conditions) {
        return of(minuteTable, filter, columns, conditions, filter.granularity() == Granularity.MINUTE);
    }

    /** The same, for a query over the whole range at once (top lists, totals): whole hours always may come from a roll-up. */
    String whole(String minuteTable, AnalyticsFilter filter, List<String> columns, String conditions) {
        return of(minuteTable, filter, columns, conditions, false);
    }

    /**
     * The rows of a whole-range query in two parts: the settled whole hours from a roll-up (absent when
     * no roll-up holds the columns, or no whole hour has settled) and the rest from the minute rows.
     * A report may remember what it read of the settled part ({@link SettledProductSales}): those
     * hours no longer change, except while analytics-flink replays a backlog.
     */
    Split split(String minuteTable, AnalyticsFilter filter, List<String> columns, String conditions) {
        return split(minuteTable, filter, columns, conditions, false);
    }

    /** Two subqueries (each a SELECT without parentheses) whose rows together are the range's. */
    record Split(Optional<String> settled, String live) {

        String union() {
            return "(" + settled.map(rows -> rows + " UNION ALL ").orElse("") + live + ")";
        }
    }

    private String of(String minuteTable, AnalyticsFilter filter, List<String> columns, String conditions,
                      boolean minuteBuckets) {
        return split(minuteTable, filter, columns, conditions, minuteBuckets).union();
    }

    private Split split(String minuteTable, AnalyticsFilter filter, List<String> columns, String conditions,
                        boolean minuteBuckets) {
        long from = filter.from().getEpochSecond();
        long to = filter.to().getEpochSecond();
        long firstHour = HourlyRollups.hourOf(from + HourlyRollups.HOUR_SECONDS - 1);
        long settledUntil = HourlyRollups.hourOf(Math.min(to, clock.instant().minus(SETTLED_AFTER).getEpochSecond()));
        Optional<HourlyRollups> rollup = minuteBuckets || settledUntil <= firstHour
                ? Optional.empty() : smallestHolding(minuteTable, columns);
        String selected = String.join(", ", columns);
        String merged = KEY_ONLY_TABLES.contains(minuteTable) ? "" : " FINAL";
        if (rollup.isEmpty()) {
            return new Split(Optional.empty(), "SELECT minute AS t, " + selected + " FROM " + clickHouse.qualified(minuteTable)
                    + merged + " WHERE " + filter.timeRange("minute") + conditions);
        }
        return new Split(Optional.of("SELECT hour AS t, " + selected + " FROM " + clickHouse.qualified(rollup.get().table())
                + merged + " WHERE hour >= toDateTime(" + firstHour + ") AND hour < toDateTime(" + settledUntil + ")"
                + conditions),
                "SELECT minute AS t, " + selected + " FROM " + clickHouse.qualified(minuteTable) + merged
                + " WHERE ((minute >= toDateTime(" + from + ") AND minute < toDateTime(" + firstHour + "))"
                + " OR (minute >= toDateTime(" + settledUntil + ") AND minute < toDateTime(" + to + ")))" + conditions);
    }

    private static Optional<HourlyRollups> smallestHolding(String minuteTable, List<String> columns) {
        // fewer columns, fewer keys per hour: a region roll-up has 5 rows an hour, a product one 10^5
        return HourlyRollups.of(minuteTable).stream()
                .filter(rollup -> new HashSet<>(rollup.columns()).containsAll(columns))
                .min(Comparator.comparingInt(rollup -> rollup.columns().size()));
    }

    /** The columns a filter's category, seller and region slices read ({@link SalesReports#slices}). */
    static List<String> sliceColumns(AnalyticsFilter filter) {
        Set<String> columns = new HashSet<>();
        if (filter.categoryId() != null) {
            columns.add("category_id");
        }
        if (filter.sellerId() != null) {
            columns.add("seller_id");
        }
        if (filter.region() != null) {
            columns.add("region");
        }
        return List.copyOf(columns);
    }
}
