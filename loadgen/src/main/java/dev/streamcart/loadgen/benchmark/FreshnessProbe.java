package dev.streamcart.loadgen.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.loadgen.pacing.StopSignal;

/**
 * Stock freshness over time, one sample after another: a one-unit order of a product that nothing
 * else buys, then {@code GET /api/stock/{id}} every millisecond until the new available shows. A
 * checkout shed with 503 waits a second (its {@code Retry-After}) and is counted, like a buyer's.
 */
final class FreshnessProbe implements AutoCloseable {

    /** One sample: seconds since the run started when the order committed, and its freshness. */
    record Sample(double atSeconds, double millis) {}

    private static final long SAMPLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long BETWEEN_SAMPLES_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ApiClient api;
    private final BuyerPool buyers;
    private final List<Long> products;
    private final Map<Long, Integer> available;
    private final long startedNanos;
    private final StopSignal stop = new StopSignal();
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final Thread thread;

    FreshnessProbe(ApiClient api, BuyerPool buyers, Map<Long, Integer> available, long startedNanos) {
        this.api = Objects.requireNonNull(api, "api");
        this.buyers = Objects.requireNonNull(buyers, "buyers");
        this.available = new HashMap<>(available);
        this.products = List.copyOf(available.keySet());
        this.startedNanos = startedNanos;
        this.thread = new Thread(this::run, "freshness-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int next = 0;
        while (!stop.isStopped()) {
            try {
                long product = products.get(next++ % products.size());
                sample(product);
            } catch (RuntimeException e) {
                System.out.println("[spike] freshness probe: " + e);
            }
            stop.sleepNanos(BETWEEN_SAMPLES_NANOS);
        }
    }

    private void sample(long product) {
        BuyerPool.Buyer buyer = buyers.next();
        ApiClient.Response order = api.withToken(buyer.token()).post("/api/orders", Map.of("userId", buyer.userId(),
                "items", List.of(Map.of("productId", product, "quantity", 1))));
        if (order.status() == 503) {
            shed.incrementAndGet();
            stop.sleepNanos(TimeUnit.SECONDS.toNanos(1));
            return;
        }
        order.expect(201, "the probe's order of product " + product);
        int expected = available.merge(product, -1, Integer::sum);
        long committed = order.arrivedNanos();
        while (System.nanoTime() - committed < SAMPLE_TIMEOUT_NANOS && !stop.isStopped()) {
            ApiClient.Response stock = api.get("/api/stock/" + product);
            if (stock.status() == 200 && stock.json().path("available").asInt() <= expected) {
                samples.add(new Sample((committed - startedNanos) / 1e9, (stock.arrivedNanos() - committed) / 1e6));
                return;
            }
            stop.sleepNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        timeouts.incrementAndGet();
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    long shed() {
        return shed.get();
    }

    long timeouts() {
        return timeouts.get();
    }

    @Override
    public void close() {
        stop.stop();
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(SAMPLE_TIMEOUT_NANOS) + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
