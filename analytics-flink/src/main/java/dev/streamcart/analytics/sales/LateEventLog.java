package dev.streamcart.analytics.sales;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Reports events that came after the allowed lateness without a log line per event: the first one
 * with its details, then at most one line per interval saying how many more were dropped. A job
 * that falls behind can drop millions of events; a line each buried every other message and filled
 * the disk (6.5 million lines in one seeded run).
 */
public final class LateEventLog implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final String what;
    private final long intervalMillis;
    // per task instance; a restarted task starts counting again
    private long dropped;
    private long droppedSinceLine;
    private long lastLineMillis;

    /** @param what names the events in the lines, e.g. {@code payments} */
    public LateEventLog(String what, Duration interval) {
        this.what = Objects.requireNonNull(what, "what");
        this.intervalMillis = interval.toMillis();
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("interval must be at least 1 ms, was " + interval);
        }
    }

    /** Counts one late event; returns the line to log now, or null when this one only adds to the count. */
    public @Nullable String record(Object event, long nowMillis) {
        dropped++;
        if (dropped == 1) {
            lastLineMillis = nowMillis;
            return String.format(Locale.ROOT, "%s arrived after the allowed lateness and is not counted; raise "
                    + "analytics.allowed-lateness-ms (further ones are summed up every %d s)", event, intervalMillis / 1000);
        }
        droppedSinceLine++;
        if (nowMillis - lastLineMillis < intervalMillis) {
            return null;
        }
        String line = String.format(Locale.ROOT, "%,d more %s arrived after the allowed lateness and were not counted "
                + "(%,d since this task started; the last: %s)", droppedSinceLine, what, dropped, event);
        droppedSinceLine = 0;
        lastLineMillis = nowMillis;
        return line;
    }

    /** Late events counted since this task started. */
    public long dropped() {
        return dropped;
    }
}
