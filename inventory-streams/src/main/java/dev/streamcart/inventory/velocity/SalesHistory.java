package dev.streamcart.inventory.velocity;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Net units sold per UTC hour over the last 7 days, in event time (the commit time of the
 * inventory changes), so a replay or a rebuild computes exactly the same figures. Hourly buckets
 * keep the state small (at most 168 entries) at the cost of hour-granular window edges.
 *
 * @param unitsByHour epoch hour to net units sold in that hour (negative when releases dominate)
 * @param since commit time of the first change seen for the product; null before any
 */
public record SalesHistory(SortedMap<Long, Integer> unitsByHour, @Nullable Instant since) {

    private static final long HOURS_PER_DAY = 24;
    private static final long WINDOW_HOURS = 7 * HOURS_PER_DAY;

    public SalesHistory {
        unitsByHour = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(unitsByHour, "unitsByHour")));
    }

    public static SalesHistory none() {
        return new SalesHistory(new TreeMap<>(), null);
    }

    /** This history with {@code units} added at {@code at}, and hours older than the 7-day window dropped. */
    public SalesHistory record(Instant at, int units) {
        Objects.requireNonNull(at, "at");
        long hour = epochHour(at);
        TreeMap<Long, Integer> next = new TreeMap<>(unitsByHour.tailMap(hour - WINDOW_HOURS + 1));
        if (units != 0) {
            next.merge(hour, units, Integer::sum);
        }
        Instant first = since == null || at.isBefore(since) ? at : since;
        return new SalesHistory(next, first);
    }

    /** Velocity as of {@code now}: the 24 h and 7 d windows ending at now's hour. */
    public SalesVelocity velocityAt(Instant now) {
        if (since == null) {
            return SalesVelocity.NONE;
        }
        long hour = epochHour(now);
        int last24h = Math.max(0, sum(hour - HOURS_PER_DAY + 1, hour));
        int last7d = Math.max(0, sum(hour - WINDOW_HOURS + 1, hour));
        // A product seen for 2 hours must not have its sales spread over 7 days: divide by the days
        // of history actually observed, but never by less than one day (a burst is not a pace).
        double observedDays = Duration.between(since, now).toMillis() / (double) Duration.ofDays(1).toMillis();
        double days = Math.min(7.0, Math.max(1.0, observedDays));
        return new SalesVelocity(last24h, last7d, last7d / days);
    }

    private int sum(long fromHour, long toHour) {
        return unitsByHour.subMap(fromHour, toHour + 1).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static long epochHour(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 3600);
    }
}
