package dev.streamcart.loadgen.benchmark;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background load while freshness is measured: signed-in shoppers place and pay orders for other
 * products at a fixed rate, so the measured path (CDC, Kafka, inventory-streams, the API's replica)
 * carries real traffic. A product that runs short is restocked by the admin.
 */
final class BackgroundOrders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundOrders.class);
    private static final int TASKS = 4;
    private static final int RESTOCK_UNITS = 5_000;

    private final List<BenchmarkApi> shoppers;
    private final List<Long> shopperIds;
    private final List<Long> products;
    private final BenchmarkApi admin;
    private final long warehouse;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong paid = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    BackgroundOrders(BenchmarkApi admin, long warehouse, List<BenchmarkApi> shoppers, List<Long> shopperIds, List<Long> products) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.warehouse = warehouse;
        this.shoppers = List.copyOf(shoppers);
        this.shopperIds = List.copyOf(shopperIds);
        this.products = List.copyOf(products);
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(TASKS, runnable -> {
            Thread thread = new Thread(runnable, "background-orders-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts {@code ordersPerSecond} checkouts a second, each followed by its payment. */
    void start(double ordersPerSecond) {
        if (ordersPerSecond <= 0) {
            return;
        }
        long periodMicros = Math.max(1, Math.round(TASKS * 1_000_000 / ordersPerSecond));
        for (int task = 0; task < TASKS; task++) {
            scheduler.scheduleAtFixedRate(this::orderQuietly, task * periodMicros / TASKS, periodMicros, TimeUnit.MICROSECONDS);
        }
    }

    private void orderQuietly() {
        try {
            order();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: count and carry on
            failed.incrementAndGet();
            LOG.debug("background order failed", e);
        }
    }

    private void order() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int shopper = random.nextInt(shoppers.size());
        long product = products.get(random.nextInt(products.size()));
        BenchmarkApi api = shoppers.get(shopper);
        BenchmarkApi.Reply order = api.post("/api/orders", Map.of("userId", shopperIds.get(shopper),
                "items", List.of(Map.of("productId", product, "quantity", 1 + random.nextInt(2)))));
        if (order.status() == 409) {
            admin.create("/api/inventory/receipts", Map.of("productId", product, "warehouseId", warehouse, "quantity", RESTOCK_UNITS));
            return;
        }
        if (order.status() != 201) {
            failed.incrementAndGet();
            return;
        }
        placed.incrementAndGet();
        BenchmarkApi.Reply payment = api.post("/api/orders/" + order.id() + "/payments",
                Map.of("method", "card", "cardNumber", "4242424242424242"));
        if (payment.status() / 100 == 2) {
            paid.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    long placed() {
        return placed.get();
    }

    long paid() {
        return paid.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
