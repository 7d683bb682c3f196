package dev.streamcart.loadgen.pacing;

import java.util.Objects;

/**
 * Spaces permits evenly at a fixed rate, shared by every virtual user. Each caller reserves the
 * next free slot under a lock and waits outside it, so callers never wait for each other's
 * sleep. An idle limiter does not bank permits: after a pause, traffic resumes at the target rate
 * instead of bursting.
 */
public final class RateLimiter {

    private final Ticker ticker;
    private final long intervalNanos;
    private long nextFreeSlot;
    private boolean started;

    public RateLimiter(double permitsPerSecond, Ticker ticker) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("permitsPerSecond must be positive, was " + permitsPerSecond);
        }
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.intervalNanos = Math.max(1L, Math.round(1_000_000_000d / permitsPerSecond));
    }

    /**
     * Reserves the next permit and returns how long the caller must wait before using it
     * (zero when it may go now).
     */
    public synchronized long reserve() {
        long now = ticker.nanoTime();
        long slot = started && nextFreeSlot - now > 0 ? nextFreeSlot : now;
        started = true;
        nextFreeSlot = slot + intervalNanos;
        return slot - now;
    }

    /**
     * Takes one permit, waiting through {@code sleeper} as long as needed.
     *
     * @return false when the wait was cut short because the run is stopping
     */
    public boolean acquire(Sleeper sleeper) {
        long wait = reserve();
        return wait <= 0 || sleeper.sleepNanos(wait);
    }
}
