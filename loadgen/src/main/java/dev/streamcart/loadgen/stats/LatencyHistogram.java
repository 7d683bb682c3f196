package dev.streamcart.loadgen.stats;

import java.time.Duration;

/**
 * Latencies in log-linear buckets (the HdrHistogram layout, kept tiny): values below 128 µs are
 * exact, larger ones fall into one of 64 buckets per power of two, so any percentile is within
 * 1.6% of the true value while memory stays fixed however long the simulator runs.
 * Not thread-safe; {@link CheckoutLatencies} guards it.
 */
public final class LatencyHistogram {

    private static final int EXACT_LIMIT = 128;
    private static final int SUB_BUCKETS = 64;
    /** Covers values up to 2^38 µs (about 76 hours); larger values are clamped. */
    private static final int MAX_MAGNITUDE = 31;
    private static final long MAX_MICROS = (1L << (MAX_MAGNITUDE + 7)) - 1;

    private final long[] counts = new long[EXACT_LIMIT + MAX_MAGNITUDE * SUB_BUCKETS];
    private long total;

    public void record(Duration latency) {
        recordMicros(latency.toNanos() / 1_000);
    }

    public void recordMicros(long micros) {
        long value = Math.min(Math.max(micros, 0), MAX_MICROS);
        counts[indexOf(value)]++;
        total++;
    }

    public long count() {
        return total;
    }

    /**
     * The smallest recorded value v such that at least {@code percentile}% of the values are
     * less than or equal to v (reported as the upper edge of its bucket), or zero when empty.
     */
    public Duration percentile(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be within [0, 100], was " + percentile);
        }
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100d * total));
        long seen = 0;
        for (int index = 0; index < counts.length; index++) {
            seen += counts[index];
            if (seen >= rank) {
                return Duration.ofNanos(upperEdgeOf(index) * 1_000);
            }
        }
        return Duration.ofNanos(MAX_MICROS * 1_000);
    }

    static int indexOf(long micros) {
        if (micros < EXACT_LIMIT) {
            return (int) micros;
        }
        // shift so that the value's top bits land in [64, 128)
        int magnitude = 63 - Long.numberOfLeadingZeros(micros) - 6;
        int subBucket = (int) (micros >> magnitude) - SUB_BUCKETS;
        return EXACT_LIMIT + (magnitude - 1) * SUB_BUCKETS + subBucket;
    }

    static long upperEdgeOf(int index) {
        if (index < EXACT_LIMIT) {
            return index;
        }
        int magnitude = (index - EXACT_LIMIT) / SUB_BUCKETS + 1;
        long subBucket = (index - EXACT_LIMIT) % SUB_BUCKETS + SUB_BUCKETS;
        return ((subBucket + 1) << magnitude) - 1;
    }
}
