package dev.streamcart.ingest.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts published events and measures the capture lag: the time from a change's commit in
 * PostgreSQL to its event being acknowledged by Kafka.
 */
public final class CaptureStats {

    private final Clock clock;
    private final AtomicLong publishedEvents = new AtomicLong();
    private final AtomicLong lastLagMillis = new AtomicLong(-1);
    private final AtomicLong maxLagMillisSinceReport = new AtomicLong(-1);

    public CaptureStats(Clock clock) {
        this.clock = clock;
    }

    /** Records a batch whose events were all acknowledged; {@code newestCommit} is its last change's commit. */
    void batchPublished(int events, Instant newestCommit) {
        publishedEvents.addAndGet(events);
        long lag = Math.max(0, Duration.between(newestCommit, clock.instant()).toMillis());
        lastLagMillis.set(lag);
        maxLagMillisSinceReport.accumulateAndGet(lag, Math::max);
    }

    public long publishedEvents() {
        return publishedEvents.get();
    }

    /** Lag of the newest batch in milliseconds, -1 before the first. */
    public long lastLagMillis() {
        return lastLagMillis.get();
    }

    /** Largest lag since the previous call, -1 when nothing was published meanwhile. */
    long takeMaxLagMillis() {
        return maxLagMillisSinceReport.getAndSet(-1);
    }
}
