package dev.streamcart.loadgen;

import java.time.Duration;

import dev.streamcart.loadgen.behaviour.BehaviourSettings;

/**
 * How many virtual users it takes to reach a checkout rate: sessions per second (rate divided by
 * conversion) times the length of a session (its views and pauses, plus checkout and payment),
 * with 50% headroom so the rate limiter, not the pool, sets the pace.
 */
final class WorkerSizing {

    static final int MIN_WORKERS = 4;
    static final int MAX_WORKERS = 256;
    /** Rough server time per request, for sizing only. */
    private static final double REQUEST_SECONDS = 0.05;

    private WorkerSizing() {}

    static int workersFor(double ordersPerSecond, BehaviourSettings behaviour, Duration thinkTime) {
        double sessionsPerSecond = ordersPerSecond / Math.max(behaviour.conversion(), 0.01);
        double think = thinkTime.toNanos() / 1e9;
        double sessionSeconds = (behaviour.meanViews() + 1) * think + (behaviour.meanViews() + 3) * REQUEST_SECONDS;
        long workers = (long) Math.ceil(sessionsPerSecond * sessionSeconds * 1.5);
        return (int) Math.max(MIN_WORKERS, Math.min(MAX_WORKERS, workers));
    }
}
