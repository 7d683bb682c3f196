package dev.streamcart.loadgen.stats;

import java.time.Duration;

/**
 * Checkout latencies for the whole run and for the current reporting interval. Callers are the
 * virtual users (record) and the reporter (take the interval), a few hundred times a second at
 * most, so one lock is plenty.
 */
public final class CheckoutLatencies {

    private final LatencyHistogram run = new LatencyHistogram();
    private LatencyHistogram interval = new LatencyHistogram();

    public synchronized void record(Duration latency) {
        run.record(latency);
        interval.record(latency);
    }

    /** Summarises the interval since the previous call and starts a new one. */
    public synchronized LatencySummary takeInterval() {
        LatencySummary summary = LatencySummary.of(interval);
        interval = new LatencyHistogram();
        return summary;
    }

    public synchronized LatencySummary wholeRun() {
        return LatencySummary.of(run);
    }
}
