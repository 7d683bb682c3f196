package dev.streamcart.loadgen.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.loadgen.pacing.RateLimiter;
import dev.streamcart.loadgen.pacing.StopSignal;
import dev.streamcart.loadgen.pacing.Ticker;

/**
 * The spike's shoppers: buyers from a {@link BuyerPool} place a one-line order and pay it, open-loop
 * at a rate that the benchmark changes between phases (a shared {@link RateLimiter} per phase), with
 * enough workers that slow answers do not lower the rate asked. Every attempt is recorded: when it
 * started, how long checkout and payment took together, and how it ended, so the benchmark can chart
 * latency and shedding over time and check that no accepted order went missing.
 */
final class SpikeLoad implements AutoCloseable {

    /** How an attempt ended. */
    enum Outcome {
        /** Placed (201) and paid (2xx). */
        PAID,
        /** Checkout refused with 503: shed before anything was written. */
        SHED_AT_CHECKOUT,
        /** Placed, then the payment refused with 503: the order waits unpaid, as a real buyer's would. */
        SHED_AT_PAYMENT,
        /** Anything else: another status, or no answer. */
        FAILED
    }

    /**
     * One attempt.
     *
     * @param startedNanos when the checkout request was sent
     * @param millis checkout and payment together, as the buyer waited
     * @param orderId the order, when checkout accepted it (0 otherwise)
     * @param failure what failed, for {@link Outcome#FAILED}
     */
    record Attempt(long startedNanos, double millis, Outcome outcome, long orderId, String failure) {}

    private final RandomCheckouts checkouts;
    private final StopSignal stop = new StopSignal();
    private final List<Thread> workers = new ArrayList<>();
    private final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private volatile RateLimiter limiter;
    private volatile boolean paused = true;

    SpikeLoad(ApiClient api, ApiClient admin, long warehouse, BuyerPool buyers, List<Long> products) {
        this.checkouts = new RandomCheckouts(api, admin, warehouse, buyers, products);
        this.limiter = new RateLimiter(1, Ticker.SYSTEM);
    }

    /** Starts {@code workers} shoppers, idle until the first {@link #rate}. */
    void start(int workerCount) {
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "spike-shopper-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** From now on, {@code ordersPerSecond} attempts a second. */
    void rate(double ordersPerSecond) {
        limiter = new RateLimiter(ordersPerSecond, Ticker.SYSTEM);
        paused = false;
    }

    private void work() {
        while (!stop.isStopped()) {
            if (paused) {
                stop.sleepNanos(10_000_000L);
                continue;
            }
            if (limiter.acquire(stop)) {
                attempts.add(attempt());
            }
        }
    }

    private Attempt attempt() {
        long started = System.nanoTime();
        try {
            RandomCheckouts.Placed placed = checkouts.order();
            ApiClient.Response order = placed.order();
            if (order.status() == 503) {
                return new Attempt(started, millisSince(started, order.arrivedNanos()), Outcome.SHED_AT_CHECKOUT, 0, "");
            }
            if (order.status() == 409) {
                return new Attempt(started, millisSince(started, order.arrivedNanos()), Outcome.FAILED, 0,
                        "order 409 (restocked)");
            }
            if (order.status() != 201) {
                return new Attempt(started, millisSince(started, order.arrivedNanos()), Outcome.FAILED, 0,
                        "order " + order.status());
            }
            ApiClient.Response payment = checkouts.pay(placed);
            double millis = millisSince(started, payment.arrivedNanos());
            if (payment.status() == 503) {
                return new Attempt(started, millis, Outcome.SHED_AT_PAYMENT, order.id(), "");
            }
            if (payment.status() / 100 != 2) {
                return new Attempt(started, millis, Outcome.FAILED, order.id(), "payment " + payment.status());
            }
            return new Attempt(started, millis, Outcome.PAID, order.id(), "");
        } catch (RuntimeException e) {
            return new Attempt(started, millisSince(started, System.nanoTime()), Outcome.FAILED, 0,
                    e.getClass().getSimpleName());
        }
    }

    private static double millisSince(long startedNanos, long endNanos) {
        return (endNanos - startedNanos) / 1e6;
    }

    /** Every attempt finished so far. */
    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void close() {
        stop.stop();
        for (Thread worker : workers) {
            try {
                worker.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
