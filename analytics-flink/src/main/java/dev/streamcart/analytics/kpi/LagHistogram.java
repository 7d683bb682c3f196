package dev.streamcart.analytics.kpi;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Lags of one stage in one minute, in log-linear buckets: exact below 128 ms, then 64 buckets per
 * power of two (at most 1.6% too high). The count and the maximum are exact. A mutable Flink POJO.
 *
 * <p>Only the buckets that hold samples are kept ({@link #buckets}, ascending, with their
 * {@link #counts}): with RocksDB every sample reads and rewrites its window's histogram, and a
 * minute's lags fall in tens of buckets, not in all 2,304 (an 18 KB dense array per sample made
 * this the job's slowest operator). Histograms of earlier releases, dense and without
 * {@code buckets}, are read as they are and made sparse on first use.
 */
public final class LagHistogram {

    private static final int EXACT_BELOW = 128;
    private static final int SUB_BUCKET_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Lags are capped at 2^41 ms (70 years): beyond any clock skew worth measuring. */
    private static final int HIGHEST_BIT = 40;
    static final int BUCKETS = EXACT_BELOW + (HIGHEST_BIT - SUB_BUCKET_BITS) * SUB_BUCKETS;

    /** The indexes of the buckets that hold samples, ascending; null in a dense histogram of an earlier release. */
    public int @Nullable [] buckets = new int[0];
    /** Samples per bucket of {@link #buckets} (in a dense histogram: per bucket index). */
    public long[] counts = new long[0];
    public long events;
    public long maxMillis;

    public LagHistogram() {}

    void add(long lagMillis) {
        makeSparse();
        long lag = Math.min(Math.max(lagMillis, 0), (1L << (HIGHEST_BIT + 1)) - 1);
        addToBucket(bucketOf(lag), 1);
        events++;
        maxMillis = Math.max(maxMillis, lag);
    }

    void addAll(LagHistogram other) {
        makeSparse();
        other.makeSparse();
        for (int i = 0; i < other.buckets.length; i++) {
            addToBucket(other.buckets[i], other.counts[i]);
        }
        events += other.events;
        maxMillis = Math.max(maxMillis, other.maxMillis);
    }

    /** The nearest-rank quantile {@code q} (0 < q <= 1), as its bucket's upper bound, never above the maximum. */
    long quantile(double q) {
        makeSparse();
        if (events == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * events));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBoundOf(buckets[i]), maxMillis);
            }
        }
        return maxMillis;
    }

    private void addToBucket(int bucket, long samples) {
        int at = Arrays.binarySearch(buckets, bucket);
        if (at >= 0) {
            counts[at] += samples;
            return;
        }
        int insertAt = -at - 1;
        int[] grownBuckets = new int[buckets.length + 1];
        long[] grownCounts = new long[counts.length + 1];
        System.arraycopy(buckets, 0, grownBuckets, 0, insertAt);
        System.arraycopy(counts, 0, grownCounts, 0, insertAt);
        grownBuckets[insertAt] = bucket;
        grownCounts[insertAt] = samples;
        System.arraycopy(buckets, insertAt, grownBuckets, insertAt + 1, buckets.length - insertAt);
        System.arraycopy(counts, insertAt, grownCounts, insertAt + 1, counts.length - insertAt);
        buckets = grownBuckets;
        counts = grownCounts;
    }

    /** Turns a dense histogram restored from an earlier release's state into the sparse form. */
    private void makeSparse() {
        if (buckets != null) {
            return;
        }
        long[] dense = counts == null ? new long[0] : counts;
        int used = 0;
        for (long count : dense) {
            used += count == 0 ? 0 : 1;
        }
        int[] sparseBuckets = new int[used];
        long[] sparseCounts = new long[used];
        for (int bucket = 0, next = 0; bucket < dense.length; bucket++) {
            if (dense[bucket] != 0) {
                sparseBuckets[next] = bucket;
                sparseCounts[next++] = dense[bucket];
            }
        }
        buckets = sparseBuckets;
        counts = sparseCounts;
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
