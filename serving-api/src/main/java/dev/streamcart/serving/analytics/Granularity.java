package dev.streamcart.serving.analytics;

import java.util.Locale;

/**
 * The bucket size of a time series. Every bucket is rolled up at query time from the minute rows,
 * so hourly and daily figures are exact sums. Buckets are whole multiples of their length since the
 * epoch (UTC), computed with integer arithmetic so the ClickHouse server's time zone never shifts them.
 */
public enum Granularity {
    MINUTE(60),
    HOUR(3_600),
    DAY(86_400);

    private final long seconds;

    Granularity(long seconds) {
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }

    /** ClickHouse expression of the bucket's start, epoch seconds, for a DateTime column. */
    String bucketOf(String column) {
        return "intDiv(toUInt32(" + column + "), " + seconds + ") * " + seconds;
    }

    /** The start of the bucket holding {@code epochSecond}. */
    long floor(long epochSecond) {
        return Math.floorDiv(epochSecond, seconds) * seconds;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
