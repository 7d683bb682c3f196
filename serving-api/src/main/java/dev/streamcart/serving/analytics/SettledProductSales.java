package dev.streamcart.serving.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;

/**
 * Units and revenue per product over the settled hours of a range ({@link KpiRows.Split#settled}),
 * remembered for a short while. Ranking the products of a week groups every product sold in it
 * (450k in the large profile's week: 0.15 s of ClickHouse, several times that with four dashboards
 * asking at once), while those hours no longer change: only the range's edges and its last hours
 * do, and they are read again each time. The key is the settled part's SQL itself, which names the
 * roll-up, the hours and every filter; the entry lives {@link #DEFAULT_TTL}, so while
 * analytics-flink replays a backlog into hours that count as settled, a ranking trails it by about that
 * (the first request after it still gets the old sums while they are read again).
 */
final class SettledProductSales {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /** Remembered answers are refreshed in the background after their time to live, and dropped unread after this many. */
    static final int STALE_AFTER_TTL = 5;
    /** About 24 bytes a product: a few filters' weeks of a million products. */
    private static final long MAX_BYTES = 48L << 20;

    /** Sums per product, product ids ascending. */
    record Sums(long[] productIds, long[] units, long[] revenueCents) {

        static final Sums NONE = new Sums(new long[0], new long[0], new long[0]);

        Sums {
            if (productIds.length != units.length || productIds.length != revenueCents.length) {
                throw new IllegalArgumentException("sums differ in length");
            }
        }

        int size() {
            return productIds.length;
        }

        /** Rows of {@code product_id, units, revenue_cents} in product id order. */
        static Sums of(List<List<String>> rows) {
            long[] ids = new long[rows.size()];
            long[] units = new long[rows.size()];
            long[] revenue = new long[rows.size()];
            for (int i = 0; i < ids.length; i++) {
                List<String> row = rows.get(i);
                ids[i] = Long.parseLong(row.get(0));
                units[i] = Long.parseLong(row.get(1));
                revenue[i] = Long.parseLong(row.get(2));
                if (i > 0 && ids[i] <= ids[i - 1]) {
                    throw new IllegalArgumentException("product sums must come in ascending product id order");
                }
            }
            return new Sums(ids, units, revenue);
        }

        int weight() {
            return (int) Math.min(Integer.MAX_VALUE, 64L + 3L * Long.BYTES * productIds.length);
        }
    }

    private final LoadingCache<String, Sums> remembered;

    /**
     * @param ttl how long sums are served as they were read; after that the next request still gets
     *            them while they are read again in the background, and sums nobody asked for in
     *            {@link #STALE_AFTER_TTL} times that are dropped
     */
    SettledProductSales(ClickHouseClient clickHouse, Duration ttl) {
        Objects.requireNonNull(clickHouse, "clickHouse");
        this.remembered = Caffeine.newBuilder()
                .refreshAfterWrite(ttl)
                .expireAfterWrite(ttl.multipliedBy(STALE_AFTER_TTL))
                .maximumWeight(MAX_BYTES)
                .weigher((String key, Sums sums) -> sums.weight())
                .build(rows -> Sums.of(clickHouse.rows("SELECT product_id, sum(units),"
                        + " sum(revenue_cents) FROM (" + rows + ") GROUP BY product_id ORDER BY product_id")));
    }

    /** The sums over {@code settledRows} (a subquery with product_id, units and revenue_cents). */
    Sums of(String settledRows) {
        return remembered.get(settledRows);
    }
}
