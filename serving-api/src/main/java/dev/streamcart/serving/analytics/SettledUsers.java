package dev.streamcart.serving.analytics;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Who was active in the settled hours of a range ({@link KpiRows.Split#settled}), remembered for a
 * short while, so that the customers report counts a week's distinct users without ClickHouse
 * building a hash set of a million users on every request (0.15 s alone, seconds with four
 * dashboards asking at once), while those hours no longer change.
 *
 * <p>Distinct counts do not add up over the parts of a range; sets do. The users of a range are
 * those of its settled part plus the live part's users (its edges and last hours, read each time)
 * that are not among them, found by binary search in the remembered ids ({@link #countNotIn}). As in
 * {@link SettledProductSales}, the key is the SQL itself, and while analytics-flink replays a backlog
 * into hours that count as settled, a report trails it by at most the time to live.
 */
final class SettledUsers {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /** Eight bytes a user: the large profile's week (1M active users, 0.75M buyers) and its edge buckets. */
    private static final long MAX_ID_BYTES = 64L << 20;
    /** Counts are a row per bucket: a few hundred ranges and granularities. */
    private static final long MAX_COUNT_QUERIES = 512;

    private final ClickHouseReader clickHouse;
    private final Cache<String, long[]> ids;
    private final Cache<String, List<String[]>> counts;

    SettledUsers(ClickHouseReader clickHouse, Duration ttl) {
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.ids = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumWeight(MAX_ID_BYTES)
                .weigher((String sql, long[] users) -> (int) Math.min(Integer.MAX_VALUE, 16L + 8L * users.length))
                .build();
        this.counts = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_COUNT_QUERIES).build();
    }

    /** The distinct values of the first column of {@code sql} (user ids), ascending. */
    long[] ids(String sql) {
        return ids.get(sql, query -> distinctAscending(clickHouse.longColumns(query, 1)[0]));
    }

    /** The rows of {@code sql}, a query of counts over settled hours. */
    List<String[]> counts(String sql) {
        return counts.get(sql, clickHouse::rows);
    }

    /** How many of {@code candidates} (distinct) are not in {@code sortedIds}. */
    static long countNotIn(long[] sortedIds, long[] candidates) {
        long missing = 0;
        for (long candidate : candidates) {
            if (Arrays.binarySearch(sortedIds, candidate) < 0) {
                missing++;
            }
        }
        return missing;
    }

    static long[] distinctAscending(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int size = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (size == 0 || sorted[i] != sorted[size - 1]) {
                sorted[size++] = sorted[i];
            }
        }
        return size == sorted.length ? sorted : Arrays.copyOf(sorted, size);
    }
}
