package dev.streamcart.loadgen.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.testing.Folders;

/**
 * Freshness of the dashboard's data: the time from a payment's commit (the arrival of its 201: the
 * transaction committed before the answer was sent) to {@code GET /api/analytics/orders} counting
 * that paid order, through ingest-cdc, Kafka, the analytics Flink job and ClickHouse
 * ({@code order_totals_per_minute FINAL}). The goal: p99 under 3 s.
 *
 * <p>Starts the real platform as {@link FreshnessBenchmark} does, creates one product, then, one
 * sample at a time, places and pays an order and polls the analytics API every 5 ms until its
 * paid-order count over the last ten minutes grows. Arguments: {@code --samples 100},
 * {@code --warmup 10}, {@code --repository .}, {@code --data <folder>} (default
 * {@code loadgen/target/bench-dashboard-freshness}, emptied first).
 */
public final class DashboardFreshnessBenchmark {

    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);
    /** Below the payment risk check's velocity limit (more than 10 orders of a buyer in 24 h are blocked). */
    private static final int ORDERS_PER_SHOPPER = 8;
    private static final String PAID_ORDERS = "/api/analytics/orders?from=PT10M&granularity=minute";
    private static final String PIPELINE_LAG = "/api/analytics/pipeline-lag?from=PT10M&granularity=hour";

    private DashboardFreshnessBenchmark() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int samples = Integer.parseInt(options.getOrDefault("samples", "100"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        Path repository = Path.of(options.getOrDefault("repository", ".")).toAbsolutePath().normalize();
        Path data = Path.of(options.getOrDefault("data",
                repository.resolve("loadgen/target/bench-dashboard-freshness").toString())).toAbsolutePath();
        if (!Files.isDirectory(repository.resolve("serving-api"))) {
            System.err.println("--repository must be the StreamCart checkout with built modules; got " + repository);
            System.exit(2);
            return;
        }
        Folders.emptied(data);
        PlatformOptions platformOptions = PlatformOptions.defaults().withApiPort(0).withTraffic(false, List.of());
        try (Platform platform = Platform.start(new PlatformLayout(repository, data), platformOptions,
                message -> System.out.println("[platform] " + message))) {
            BenchmarkApi api = new BenchmarkApi(platform.endpoints().apiUrl());
            BenchmarkApi admin = api.login(platform.adminCredentials().email(), platform.adminCredentials().password());
            long seller = admin.create("/api/sellers", Map.of("name", "Bench seller",
                    "email", "bench-" + UUID.randomUUID() + "@example.com"));
            long category = admin.create("/api/categories", Map.of("name", "Bench"));
            long warehouse = admin.create("/api/warehouses", Map.of("name", "Bench warehouse", "region", "eu-west"));
            long product = admin.create("/api/products", Map.of("sellerId", seller, "categoryId", category,
                    "sku", "BENCH-D-" + UUID.randomUUID(), "name", "Bench product", "price", "9.99"));
            admin.create("/api/inventory/receipts", Map.of("productId", product, "warehouseId", warehouse,
                    "quantity", 1_000_000));
            ClickHouseProbe clickHouse = new ClickHouseProbe(platform.endpoints().clickHouseUrl());
            List<Double> freshness = new ArrayList<>();
            List<Double> inClickHouse = new ArrayList<>();
            int timeouts = 0;
            long shopperId = 0;
            BenchmarkApi shopper = null;
            for (int i = 0; i < warmup + samples; i++) {
                if (i % ORDERS_PER_SHOPPER == 0) {
                    // a fresh shopper now and then: the payment risk check blocks a buyer's 11th order in 24 h
                    String email = "bench-dashboard-" + UUID.randomUUID() + "@example.com";
                    shopperId = api.create("/api/users", Map.of("email", email, "password", "bench shopper password",
                            "firstName", "Bench", "lastName", "Shopper"));
                    shopper = api.login(email, "bench shopper password");
                }
                long before = paidOrders(admin);
                long rowsBefore = clickHouse.paidOrders();
                BenchmarkApi.Reply order = shopper.post("/api/orders", Map.of("userId", shopperId,
                        "items", List.of(Map.of("productId", product, "quantity", 1))));
                if (order.status() != 201) {
                    throw new IllegalStateException("order answered " + order.status() + ": " + order.body());
                }
                BenchmarkApi.Reply payment = shopper.post("/api/orders/" + order.body().path("id").asLong() + "/payments",
                        Map.of("method", "card", "cardNumber", "4242424242424242"));
                if (payment.status() / 100 != 2) {
                    throw new IllegalStateException("payment answered " + payment.status() + ": " + payment.body());
                }
                long committed = payment.arrivedNanos();
                Double millis = null;
                Double stored = null;
                while (System.nanoTime() < committed + SAMPLE_TIMEOUT.toNanos()) {
                    // first stage: the row in ClickHouse (CDC, Kafka, Flink's window firing, the sink's flush)
                    if (stored == null && clickHouse.paidOrders() > rowsBefore) {
                        stored = (System.nanoTime() - committed) / 1e6;
                    }
                    BenchmarkApi.Reply report = admin.get(PAID_ORDERS);
                    if (report.status() == 200 && report.body().path("summary").path("orders").asLong() > before) {
                        millis = (report.arrivedNanos() - committed) / 1e6;
                        break;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                if (millis == null) {
                    timeouts++;
                } else if (i >= warmup) {
                    freshness.add(millis);
                    inClickHouse.add(stored == null ? millis : stored);
                }
                if ((i + 1) % 10 == 0) {
                    System.out.printf(Locale.ROOT, "  %d/%d samples, last %.0f ms%n", i + 1, warmup + samples,
                            millis == null ? Double.NaN : millis);
                }
            }
            Percentiles p = Percentiles.of(freshness);
            System.out.println();
            System.out.println("dashboard freshness: payment commit (201) -> GET /api/analytics/orders counts it");
            System.out.printf(Locale.ROOT, "  samples %d (after %d warm-up), timeouts %d%n", p.count(), warmup, timeouts);
            System.out.printf(Locale.ROOT, "  p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms   mean %.1f ms%n",
                    p.p50(), p.p90(), p.p99(), p.max(), p.mean());
            Percentiles c = Percentiles.of(inClickHouse);
            System.out.println("  of which: payment commit -> the row in ClickHouse (order_totals_per_minute FINAL)");
            System.out.printf(Locale.ROOT, "  p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms   mean %.1f ms%n",
                    c.p50(), c.p90(), c.p99(), c.max(), c.mean());
            System.out.println("  pipeline lag the platform measured itself (GET /api/analytics/pipeline-lag, last 10 min):");
            for (JsonNode row : admin.get(PIPELINE_LAG).body().path("rows")) {
                System.out.printf(Locale.ROOT, "    %-10s events %d  p50 %d ms  p99 %d ms  max %d ms%n",
                        row.path("stage").asText(), row.path("events").asLong(), row.path("p50Ms").asLong(),
                        row.path("p99Ms").asLong(), row.path("maxMs").asLong());
            }
            System.out.println("  analytics settings from the environment: " + analyticsSettings());
            System.out.println("command: java -Xmx512m -cp 'loadgen/target/lib/*' "
                    + DashboardFreshnessBenchmark.class.getName() + " --samples " + samples + " --warmup " + warmup);
        }
    }

    /** The analytics job's tuning passed through the environment (ANALYTICS_*), so a figure names its settings. */
    private static String analyticsSettings() {
        Map<String, String> tuned = new TreeMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("ANALYTICS_")) {
                tuned.put(name, value);
            }
        });
        return tuned.isEmpty() ? "none (the job's defaults)" : tuned.toString();
    }

    private static long paidOrders(BenchmarkApi admin) {
        BenchmarkApi.Reply report = admin.get(PAID_ORDERS);
        return report.status() == 200 ? report.body().path("summary").path("orders").asLong() : 0;
    }

    private static Map<String, String> options(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IOException("usage: DashboardFreshnessBenchmark [--samples N] [--warmup N] "
                        + "[--repository dir] [--data dir]; got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
