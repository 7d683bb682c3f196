package dev.streamcart.loadgen.stats;

import java.time.Duration;
import java.util.Objects;

/** Median and tail of a set of latencies. */
public record LatencySummary(long count, Duration p50, Duration p99) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Duration.ZERO, Duration.ZERO);

    public LatencySummary {
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p99, "p99");
    }

    public static LatencySummary of(LatencyHistogram histogram) {
        return new LatencySummary(histogram.count(), histogram.percentile(50), histogram.percentile(99));
    }
}
