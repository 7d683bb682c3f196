package dev.streamcart.loadgen.checkoutbench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop checkout load: every client, as its own customer, places an order of 3 different
 * products (1 unit each) and pays it by card, then starts the next one at once. Only orders whose
 * payment answered 201 within the measured window count; the warm-up before it is discarded.
 */
final class CheckoutLoad {

    /** What one run measured; latencies are of checkout plus payment, per order. */
    record Result(int clients, long paidOrders, long failures, Duration measured, double ordersPerSecond,
                  Duration p50, Duration p99, long lastPaidOrderId) {}

    static final int ITEMS_PER_ORDER = 3;
    private static final String APPROVED_CARD = "4242424242424242";

    private final BenchShop shop;

    CheckoutLoad(BenchShop shop) {
        if (shop.products().size() < ITEMS_PER_ORDER) {
            throw new IllegalArgumentException("need at least " + ITEMS_PER_ORDER + " products");
        }
        this.shop = shop;
    }

    Result run(Duration warmUp, Duration measured) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        AtomicLong failures = new AtomicLong();
        AtomicLong lastPaid = new AtomicLong();
        List<Shopper> shoppers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (BenchClient customer : shop.customers()) {
            Shopper shopper = new Shopper(customer, measureFrom, measureUntil, failures, lastPaid);
            shoppers.add(shopper);
            Thread thread = new Thread(shopper, "bench-shopper-" + threads.size());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] latencies = shoppers.stream().flatMapToLong(s -> Arrays.stream(s.latencies())).sorted().toArray();
        double seconds = measured.toNanos() / 1e9;
        return new Result(shoppers.size(), latencies.length, failures.get(), measured, latencies.length / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), lastPaid.get());
    }

    private static Duration percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Duration.ZERO;
        }
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return Duration.ofNanos(sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))]);
    }

    private final class Shopper implements Runnable {

        private final BenchClient customer;
        private final long measureFrom;
        private final long measureUntil;
        private final AtomicLong failures;
        private final AtomicLong lastPaid;
        private long[] latencies = new long[1024];
        private int count;

        Shopper(BenchClient customer, long measureFrom, long measureUntil, AtomicLong failures, AtomicLong lastPaid) {
            this.customer = customer;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.failures = failures;
            this.lastPaid = lastPaid;
        }

        @Override
        public void run() {
            while (System.nanoTime() < measureUntil) {
                long began = System.nanoTime();
                long paidOrder = checkoutAndPay();
                long ended = System.nanoTime();
                if (paidOrder < 0) {
                    if (began >= measureFrom) {
                        failures.incrementAndGet();
                    }
                } else if (began >= measureFrom && ended <= measureUntil) {
                    record(ended - began);
                    lastPaid.accumulateAndGet(paidOrder, Math::max);
                }
            }
        }

        /** The id of the paid order, or -1 when checkout or payment was refused. */
        private long checkoutAndPay() {
            List<Map<String, Object>> items = new ArrayList<>(ITEMS_PER_ORDER);
            for (long product : threeDifferentProducts()) {
                items.add(Map.of("productId", product, "quantity", 1));
            }
            try {
                BenchClient.Reply order = customer.post("/api/orders", Map.of("items", items), UUID.randomUUID().toString());
                if (order.status() != 201) {
                    return -1;
                }
                BenchClient.Reply payment = customer.post("/api/orders/" + order.id() + "/payments",
                        Map.of("method", "card", "cardNumber", APPROVED_CARD), UUID.randomUUID().toString());
                return payment.status() == 201 ? order.id() : -1;
            } catch (RuntimeException e) {
                return -1;
            }
        }

        private long[] threeDifferentProducts() {
            List<Long> products = shop.products();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long[] chosen = new long[ITEMS_PER_ORDER];
            int found = 0;
            while (found < ITEMS_PER_ORDER) {
                long candidate = products.get(random.nextInt(products.size()));
                boolean taken = false;
                for (int i = 0; i < found; i++) {
                    taken |= chosen[i] == candidate;
                }
                if (!taken) {
                    chosen[found++] = candidate;
                }
            }
            return chosen;
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }
    }
}
