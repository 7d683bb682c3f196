package dev.streamcart.serving.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;

/**
 * Who was active in the settled hours of a range ({@link KpiRows.Split#settled}), remembered for a
 * short while, so that the customers report counts a week's distinct users without ClickHouse
 * building a hash set of a million users on every request (0.15 s alone, seconds with four
 * dashboards asking at once), while those hours no longer change.
 *
 * <p>Distinct counts do not add up over the parts of a range; sets do. The users of a range are the
 * union of its settled part's remembered users and its live part's (its edges and last hours, read
 * each time), counted as {@link UserSet#unionSize}. As in
 * {@link SettledProductSales}, the key is the SQL itself, and while analytics-flink replays a backlog
 * into hours that count as settled, a report trails it by about the time to live.
 */
final class SettledUsers {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /**
     * A bitmap takes about a bit a user where ids are dense (40-130 KB for the large profile's week of
     * 1M active users) and up to a few bytes where they are sparse: hundreds of ranges' users.
     */
    private static final long MAX_ID_BYTES = 64L << 20;
    /** Counts are a row per bucket: a few hundred ranges and granularities. */
    private static final long MAX_COUNT_QUERIES = 512;

    private final LoadingCache<String, UserSet> ids;
    private final LoadingCache<String, List<List<String>>> counts;

    /**
     * @param ttl how long an answer is served as it was read; after that the next request still gets
     *            it while it is read again in the background (a million ids take a second to fetch),
     *            and an answer nobody asked for in {@link SettledProductSales#STALE_AFTER_TTL} times
     *            that is dropped
     */
    SettledUsers(ClickHouseClient clickHouse, Duration ttl) {
        Objects.requireNonNull(clickHouse, "clickHouse");
        this.ids = Caffeine.newBuilder()
                .refreshAfterWrite(ttl)
                .expireAfterWrite(ttl.multipliedBy(SettledProductSales.STALE_AFTER_TTL))
                .maximumWeight(MAX_ID_BYTES)
                .weigher((String sql, UserSet users) -> (int) Math.min(Integer.MAX_VALUE, 64L + users.bytes()))
                .build(sql -> UserSet.of(clickHouse.longColumns(sql, 1)[0]));
        this.counts = Caffeine.newBuilder()
                .refreshAfterWrite(ttl)
                .expireAfterWrite(ttl.multipliedBy(SettledProductSales.STALE_AFTER_TTL))
                .maximumSize(MAX_COUNT_QUERIES)
                .build(clickHouse::rows);
    }

    /** The distinct values of the first column of {@code sql} (user ids). */
    UserSet ids(String sql) {
        return ids.get(sql);
    }

    /** The rows of {@code sql}, a query of counts over settled hours. */
    List<List<String>> counts(String sql) {
        return counts.get(sql);
    }
}
