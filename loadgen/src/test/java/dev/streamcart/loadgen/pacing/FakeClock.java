package dev.streamcart.loadgen.pacing;

import java.util.ArrayList;
import java.util.List;

/**
 * A clock that only moves when told to, or when someone sleeps on it: sleeping advances the time
 * at once, so pacing is tested without real waiting.
 */
public final class FakeClock implements Ticker, Sleeper {

    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized boolean sleepNanos(long nanos) {
        if (nanos > 0) {
            sleeps.add(nanos);
            now += nanos;
        }
        return true;
    }

    public synchronized void advanceNanos(long nanos) {
        now += nanos;
    }

    public synchronized void advanceMillis(long millis) {
        advanceNanos(millis * 1_000_000L);
    }

    /** Every non-zero sleep requested so far, in nanoseconds. */
    public synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
