package dev.streamcart.loadgen.checkoutbench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.loadgen.benchmark.BuyerPool;
import org.jspecify.annotations.Nullable;

/**
 * Closed-loop checkout load: every client places an order of 3 different products (1 unit each) as
 * the pool's next buyer and pays it by card, then starts the next one at once. Only orders whose
 * payment answered 201 within the measured window count; the warm-up before it is discarded.
 */
final class CheckoutLoad {

    /**
     * What one run measured; latencies are of checkout plus payment, per order.
     *
     * @param perSecond the measured window second by second: orders paid, and their p50 and p99
     */
    record Result(int clients, long paidOrders, Map<String, Long> failures, Duration measured, double ordersPerSecond,
                  Duration p50, Duration p99, List<Second> perSecond) {

        long failureCount() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One second of the measured window. */
    record Second(int second, long paidOrders, double p50Millis, double p99Millis) {}

    static final int ITEMS_PER_ORDER = 3;
    private static final String APPROVED_CARD = "4242424242424242";

    private final List<Long> products;
    private final ApiClient api;
    private final BuyerPool buyers;
    private final int clients;

    CheckoutLoad(BenchShop shop, ApiClient api, BuyerPool buyers, int clients) {
        if (shop.products().size() < ITEMS_PER_ORDER) {
            throw new IllegalArgumentException("need at least " + ITEMS_PER_ORDER + " products");
        }
        this.products = shop.products();
        this.api = api;
        this.buyers = buyers;
        this.clients = clients;
    }

    Result run(Duration warmUp, Duration measured) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        List<Shopper> shoppers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Shopper shopper = new Shopper(measureFrom, measureUntil, failures);
            shoppers.add(shopper);
            Thread thread = new Thread(shopper, "bench-shopper-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] latencies = shoppers.stream().flatMapToLong(s -> Arrays.stream(s.latencies())).sorted().toArray();
        double seconds = measured.toNanos() / 1e9;
        Map<String, Long> failureCounts = new TreeMap<>();
        failures.forEach((kind, count) -> failureCounts.put(kind, count.get()));
        return new Result(clients, latencies.length, failureCounts, measured, latencies.length / seconds,
                Duration.ofNanos(percentile(latencies, 0.50)), Duration.ofNanos(percentile(latencies, 0.99)),
                perSecond(shoppers, measureFrom, (int) Math.ceil(seconds)));
    }

    private static List<Second> perSecond(List<Shopper> shoppers, long measureFrom, int seconds) {
        List<List<Long>> buckets = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            buckets.add(new ArrayList<>());
        }
        for (Shopper shopper : shoppers) {
            long[] ends = shopper.ends();
            long[] latencies = shopper.latencies();
            for (int i = 0; i < ends.length; i++) {
                int second = (int) ((ends[i] - measureFrom) / 1_000_000_000L);
                buckets.get(Math.min(second, seconds - 1)).add(latencies[i]);
            }
        }
        List<Second> result = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            long[] sorted = buckets.get(s).stream().mapToLong(Long::longValue).sorted().toArray();
            result.add(new Second(s + 1, sorted.length, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6));
        }
        return result;
    }

    private static long percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))];
    }

    private final class Shopper implements Runnable {

        private final long measureFrom;
        private final long measureUntil;
        private final Map<String, AtomicLong> failures;
        private long[] latencies = new long[1024];
        private long[] ends = new long[1024];
        private int count;

        Shopper(long measureFrom, long measureUntil, Map<String, AtomicLong> failures) {
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.failures = failures;
        }

        @Override
        public void run() {
            while (System.nanoTime() < measureUntil) {
                long began = System.nanoTime();
                String failure = checkoutAndPay();
                long ended = System.nanoTime();
                if (failure != null) {
                    if (began >= measureFrom) {
                        failures.computeIfAbsent(failure, kind -> new AtomicLong()).incrementAndGet();
                    }
                } else if (began >= measureFrom && ended <= measureUntil) {
                    record(ended - began, ended);
                }
            }
        }

        /** Null when the order was placed and its payment approved; otherwise what failed ("payment 402"). */
        private @Nullable String checkoutAndPay() {
            List<Map<String, Object>> items = new ArrayList<>(ITEMS_PER_ORDER);
            for (long product : threeDifferentProducts()) {
                items.add(Map.of("productId", product, "quantity", 1));
            }
            try {
                ApiClient buyer = api.withToken(buyers.next().token());
                ApiClient.Response order = buyer.post("/api/orders", Map.of("items", items));
                if (order.status() != 201) {
                    return "order " + order.status();
                }
                ApiClient.Response payment = buyer.post("/api/orders/" + order.id() + "/payments",
                        Map.of("method", "card", "cardNumber", APPROVED_CARD));
                return payment.status() == 201 ? null : "payment " + payment.status();
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName();
            }
        }

        private long[] threeDifferentProducts() {
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

        private void record(long latencyNanos, long endNanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            latencies[count] = latencyNanos;
            ends[count++] = endNanos;
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }

        long[] ends() {
            return Arrays.copyOf(ends, count);
        }
    }
}
