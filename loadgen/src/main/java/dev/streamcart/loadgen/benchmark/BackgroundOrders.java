package dev.streamcart.loadgen.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.loadgen.pacing.RateLimiter;
import dev.streamcart.loadgen.pacing.StopSignal;
import dev.streamcart.loadgen.pacing.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Background load while freshness is measured: buyers from a {@link BuyerPool} place and pay orders
 * for other products at a fixed rate, so the measured path (CDC, Kafka, the Streams apps, Flink, the
 * API) carries real traffic. The rate is open-loop (a shared {@link RateLimiter}), with enough
 * workers that a slow answer does not lower it. A product that runs short is restocked by the admin.
 */
final class BackgroundOrders implements AutoCloseable {

    /**
     * Workers per order a second: an order and its payment take up to ~250 ms under load with the
     * payment provider's default latency (Little's law: workers = rate x time in the system).
     */
    private static final double WORKERS_PER_ORDER_PER_SECOND = 0.3;
    private static final int MAX_WORKERS = 128;

    private final RandomCheckouts checkouts;
    private final StopSignal stop = new StopSignal();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong paid = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private long startedNanos;

    BackgroundOrders(ApiClient api, ApiClient admin, long warehouse, BuyerPool buyers, List<Long> products) {
        this.checkouts = new RandomCheckouts(api, admin, warehouse, buyers, products);
    }

    /** Starts {@code ordersPerSecond} checkouts a second, each followed by its payment. */
    void start(double ordersPerSecond) {
        startedNanos = System.nanoTime();
        if (ordersPerSecond <= 0) {
            return;
        }
        RateLimiter limiter = new RateLimiter(ordersPerSecond, Ticker.SYSTEM);
        int count = Math.min(MAX_WORKERS, Math.max(2, (int) Math.ceil(ordersPerSecond * WORKERS_PER_ORDER_PER_SECOND)));
        for (int i = 0; i < count; i++) {
            Thread worker = new Thread(() -> {
                while (limiter.acquire(stop)) {
                    orderQuietly();
                }
            }, "background-orders-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    private void orderQuietly() {
        try {
            String failure = order();
            if (failure != null) {
                failures.computeIfAbsent(failure, kind -> new AtomicLong()).incrementAndGet();
            }
        } catch (RuntimeException e) {
            failures.computeIfAbsent(e.getClass().getSimpleName(), kind -> new AtomicLong()).incrementAndGet();
        }
    }

    /** Null when the order was placed and paid; otherwise what failed. */
    private @Nullable String order() {
        RandomCheckouts.Placed checkout = checkouts.order();
        ApiClient.Response order = checkout.order();
        if (order.status() == 409) {
            return "order 409 (restocked)";
        }
        if (order.status() != 201) {
            return "order " + order.status();
        }
        placed.incrementAndGet();
        ApiClient.Response payment = checkouts.pay(checkout);
        if (payment.status() / 100 != 2) {
            return "payment " + payment.status();
        }
        paid.incrementAndGet();
        return null;
    }

    long placed() {
        return placed.get();
    }

    long paid() {
        return paid.get();
    }

    /** Failures by kind ("payment 402"), sorted. */
    Map<String, Long> failures() {
        Map<String, Long> counts = new TreeMap<>();
        failures.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    /** Orders paid per second since {@link #start}. */
    double paidPerSecond() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return seconds > 0 ? paid.get() / seconds : 0;
    }

    @Override
    public void close() {
        stop.stop();
        for (Thread worker : workers) {
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
