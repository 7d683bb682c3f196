package dev.streamcart.ingest.capture;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs events/s and capture lag every 10 s, so an operator sees at once whether CDC keeps up, and
 * the outbox rows sent to the dead-letter topic since start, once there are any.
 */
public final class ThroughputReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputReporter.class);
    private static final long PERIOD_SECONDS = 10;

    private final CaptureStats stats;
    private final LongSupplier deadLettered;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cdc-throughput-reporter");
        thread.setDaemon(true);
        return thread;
    });
    private long previousCount;

    public ThroughputReporter(CaptureStats stats, LongSupplier deadLettered) {
        this.stats = stats;
        this.deadLettered = deadLettered;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::report, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    private void report() {
        long count = stats.publishedEvents();
        long maxLag = stats.takeMaxLagMillis();
        double perSecond = (count - previousCount) / (double) PERIOD_SECONDS;
        previousCount = count;
        if (maxLag < 0) {
            LOG.info("cdc: 0 events/s (idle), {} events in total", count);
        } else {
            LOG.info("cdc: {} events/s, lag max {} ms, last {} ms, {} events in total",
                    String.format("%.1f", perSecond), maxLag, stats.lastLagMillis(), count);
        }
        long letters = deadLettered.getAsLong();
        if (letters > 0) {
            LOG.warn("cdc: {} outbox row(s) sent to the dead-letter topic since start", letters);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
