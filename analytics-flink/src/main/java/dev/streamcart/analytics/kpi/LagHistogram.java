package dev.streamcart.analytics.kpi;

/**
 * Lags of one stage in one minute, in log-linear buckets: exact below 128 ms, then 64 buckets per
 * power of two (at most 1.6% too high), so a window keeps a fixed ~18 KB however many events it
 * sees. The count and the maximum are exact. A mutable Flink POJO, updated in place.
 */
public final class LagHistogram {

    private static final int EXACT_BELOW = 128;
    private static final int SUB_BUCKET_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Lags are capped at 2^41 ms (70 years): beyond any clock skew worth measuring. */
    private static final int HIGHEST_BIT = 40;
    static final int BUCKETS = EXACT_BELOW + (HIGHEST_BIT - SUB_BUCKET_BITS) * SUB_BUCKETS;

    public long[] counts = new long[BUCKETS];
    public long events;
    public long maxMillis;

    public LagHistogram() {}

    void add(long lagMillis) {
        long lag = Math.min(Math.max(lagMillis, 0), (1L << (HIGHEST_BIT + 1)) - 1);
        counts[bucketOf(lag)]++;
        events++;
        maxMillis = Math.max(maxMillis, lag);
    }

    void addAll(LagHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        events += other.events;
        maxMillis = Math.max(maxMillis, other.maxMillis);
    }

    /** The nearest-rank quantile {@code q} (0 < q <= 1), as its bucket's upper bound, never above the maximum. */
    long quantile(double q) {
        if (events == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * events));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBoundOf(i), maxMillis);
            }
        }
        return maxMillis;
    }

    static int bucketOf(long lag) {
        if (lag < EXACT_BELOW) {
            return (int) lag;
        }
        int highestBit = 63 - Long.numberOfLeadingZeros(lag);
        int shift = highestBit - SUB_BUCKET_BITS;
        int subBucket = (int) ((lag >>> shift) & (SUB_BUCKETS - 1));
        return EXACT_BELOW + (highestBit - (SUB_BUCKET_BITS + 1)) * SUB_BUCKETS + subBucket;
    }

    static long upperBoundOf(int bucket) {
        if (bucket < EXACT_BELOW) {
            return bucket;
        }
        int highestBit = (bucket - EXACT_BELOW) / SUB_BUCKETS + SUB_BUCKET_BITS + 1;
        int subBucket = (bucket - EXACT_BELOW) % SUB_BUCKETS;
        int shift = highestBit - SUB_BUCKET_BITS;
        return ((long) (SUB_BUCKETS + subBucket + 1) << shift) - 1;
    }
}
