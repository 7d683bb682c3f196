package dev.streamcart.loadgen.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.schemas.bench.BenchmarkResult;
import dev.streamcart.serving.payments.risk.RiskScorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Freshness of the dashboard's data: the time from a payment's commit (the arrival of its 201: the
 * transaction committed before the answer was sent) to {@code GET /api/analytics/orders} counting
 * that paid order, through ingest-cdc, Kafka, the analytics Flink job and ClickHouse. The goal:
 * p99 under 2 s while the platform absorbs half of its maximum checkout rate.
 *
 * <p>Starts the real platform as {@link FreshnessBenchmark} does, with one measured seller whose
 * product nothing else buys and a background seller whose products {@link BackgroundOrders} buy
 * and pay at {@code --background-orders-per-second}. Then, one sample at a time, a buyer of the
 * {@link BuyerPool} places and pays an order of the measured product, and the benchmark polls every
 * 5 ms both ClickHouse ({@link ClickHouseProbe}: when the seller's row counts it) and the API's
 * orders report sliced to the measured seller (when the report counts it), so the pipeline's share
 * and the API's are told apart. {@code --help} lists the options.
 */
@Command(name = "dashboard-freshness-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Payment commit to GET /api/analytics/orders counting the order, under background orders.")
public final class DashboardFreshnessBenchmark implements Callable<Integer> {

    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);
    private static final int BACKGROUND_PRODUCTS = 40;
    private static final int BACKGROUND_STOCK = 5_000;
    private static final int BACKGROUND_SECONDS_OF_BUYERS = 120;
    private static final String PIPELINE_LAG = "/api/analytics/pipeline-lag?from=PT10M&granularity=hour";

    @Option(names = "--samples", defaultValue = "100", description = "measured payments (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--warmup", defaultValue = "10", description = "payments measured and dropped first (default ${DEFAULT-VALUE})")
    int warmup;

    @Mixin
    FreshnessOptions options = new FreshnessOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new DashboardFreshnessBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (options.smoke) {
            samples = 8;
            warmup = 2;
        }
        Path root = options.root();
        Path folder = options.dataFolder("bench-dashboard-freshness");
        try (Platform platform = BenchmarkPlatform.start(root, folder, BenchmarkPlatform.options(options.gatewayLatencyMillis))) {
            ApiClient api = BenchmarkClient.forApi(platform.endpoints().apiUrl());
            ApiClient admin = BenchmarkPlatform.admin(api, platform);
            long category = admin.create("/api/categories", Map.of("name", "Bench"));
            long warehouse = admin.create("/api/warehouses", Map.of("name", "Bench warehouse", "region", "eu-west"));
            long measuredSeller = admin.create("/api/sellers", Map.of("name", "Measured seller",
                    "email", "bench-measured-" + UUID.randomUUID() + "@example.com"));
            long product = product(admin, measuredSeller, category, warehouse, "BENCH-D-", 1_000_000);
            long backgroundSeller = admin.create("/api/sellers", Map.of("name", "Background seller",
                    "email", "bench-background-" + UUID.randomUUID() + "@example.com"));
            List<Long> background = new ArrayList<>();
            for (int i = 0; i < BACKGROUND_PRODUCTS; i++) {
                background.add(product(admin, backgroundSeller, category, warehouse, "BENCH-DB-", BACKGROUND_STOCK));
            }
            String paidOrders = "/api/analytics/orders?from=PT10M&granularity=minute&sellerId=" + measuredSeller;
            int buyersNeeded = (int) Math.ceil(options.backgroundRate * BACKGROUND_SECONDS_OF_BUYERS / RiskScorer.VELOCITY_LIMIT)
                    + warmup + samples;
            List<Double> freshness = new ArrayList<>();
            List<Double> inClickHouse = new ArrayList<>();
            int timeouts = 0;
            try (ClickHouseProbe clickHouse = new ClickHouseProbe(platform.endpoints().clickHouseUrl(), measuredSeller);
                    BuyerPool buyers = BuyerPool.open(platform.endpoints().jdbcUrl(), "postgres", "postgres", buyersNeeded);
                    BackgroundOrders load = new BackgroundOrders(api, admin, warehouse, buyers, background)) {
                System.out.println("[bench] " + buyersNeeded + " buyers signed in; background orders at " + options.backgroundRate + "/s");
                load.start(options.backgroundRate);
                for (int i = 0; i < warmup + samples; i++) {
                    ApiClient buyer = api.withToken(buyers.next().token());
                    long before = count(admin, paidOrders);
                    long rowsBefore = clickHouse.paidOrders();
                    long order = buyer.post("/api/orders", Map.of("items", List.of(Map.of("productId", product, "quantity", 1))))
                            .expect(201, "order of the measured product").id();
                    ApiClient.Response payment = buyer.post("/api/orders/" + order + "/payments",
                            Map.of("method", "card", "cardNumber", "4242424242424242")).expect(201, "payment of order " + order);
                    long committed = payment.arrivedNanos();
                    Double millis = null;
                    Double stored = null;
                    while (System.nanoTime() < committed + SAMPLE_TIMEOUT.toNanos()) {
                        // first stage: the row in ClickHouse (CDC, Kafka, Flink's window firing, the sink's flush)
                        if (stored == null && clickHouse.paidOrders() > rowsBefore) {
                            stored = (System.nanoTime() - committed) / 1e6;
                        }
                        ApiClient.Response report = admin.get(paidOrders);
                        if (report.status() == 200 && report.json().path("summary").path("orders").asLong() > before) {
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
                double backgroundPaid = load.paidPerSecond();
                Percentiles p = Percentiles.of(freshness);
                Percentiles c = Percentiles.of(inClickHouse);
                String command = command();
                print(p, c, timeouts, admin, load, command);
                if (options.results != null) {
                    result(p, c, freshness, inClickHouse, timeouts, backgroundPaid, load).build(command).write(options.results);
                }
            }
        }
        return 0;
    }

    private BenchmarkResult.Builder result(Percentiles api, Percentiles clickHouse, List<Double> freshness,
            List<Double> inClickHouse, int timeouts, double backgroundPaid, BackgroundOrders load) {
        List<BenchmarkResult.Point> total = new ArrayList<>();
        List<BenchmarkResult.Point> stored = new ArrayList<>();
        for (int i = 0; i < freshness.size(); i++) {
            total.add(new BenchmarkResult.Point(i + 1, freshness.get(i)));
            stored.add(new BenchmarkResult.Point(i + 1, inClickHouse.get(i)));
        }
        return BenchmarkResult.builder("dashboard_freshness")
                .figure("dashboard_freshness.p50_ms", api.p50())
                .figure("dashboard_freshness.p90_ms", api.p90())
                .figure("dashboard_freshness.p99_ms", api.p99())
                .figure("dashboard_freshness.max_ms", api.max())
                .figure("dashboard_freshness.clickhouse_p50_ms", clickHouse.p50())
                .figure("dashboard_freshness.clickhouse_p99_ms", clickHouse.p99())
                .figure("dashboard_freshness.timeouts", timeouts)
                .figure("dashboard_freshness.background_orders_per_s", backgroundPaid)
                .chart(new BenchmarkResult.Chart("dashboard-freshness-samples", "Payment commit to the dashboard counting it",
                        "sample", "ms", List.of(new BenchmarkResult.Line("API report", total),
                                new BenchmarkResult.Line("row in ClickHouse", stored))))
                .note(String.format(Locale.ROOT, "%d samples after %d warm-up, %d timeouts; background %.1f orders/s asked, "
                        + "%.1f paid/s achieved (%d placed, %d paid; failures %s)", api.count(), warmup, timeouts, options.backgroundRate,
                        backgroundPaid, load.placed(), load.paid(), load.failures().isEmpty() ? "none" : load.failures()))
                .note(String.format(Locale.ROOT, "stage split (p50 / p99 ms): commit -> row in ClickHouse %.1f / %.1f; "
                        + "commit -> API report %.1f / %.1f", clickHouse.p50(), clickHouse.p99(), api.p50(), api.p99()))
                .note("analytics settings from the environment: " + analyticsSettings());
    }

    private void print(Percentiles p, Percentiles c, int timeouts, ApiClient admin, BackgroundOrders load, String command) {
        System.out.println();
        System.out.println("dashboard freshness: payment commit (201) -> GET /api/analytics/orders (the measured seller) counts it");
        System.out.printf(Locale.ROOT, "  samples %d (after %d warm-up), timeouts %d%n", p.count(), warmup, timeouts);
        System.out.printf(Locale.ROOT, "  p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms   mean %.1f ms%n",
                p.p50(), p.p90(), p.p99(), p.max(), p.mean());
        System.out.println("  of which: payment commit -> the row in ClickHouse (product_sales_per_minute FINAL)");
        System.out.printf(Locale.ROOT, "  p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms   mean %.1f ms%n",
                c.p50(), c.p90(), c.p99(), c.max(), c.mean());
        System.out.printf(Locale.ROOT, "  background: %d orders placed, %d paid (target %.1f/s); failures %s%n",
                load.placed(), load.paid(), options.backgroundRate, load.failures().isEmpty() ? "none" : load.failures());
        System.out.println("  pipeline lag the platform measured itself (GET /api/analytics/pipeline-lag, last 10 min):");
        for (JsonNode row : admin.get(PIPELINE_LAG).json().path("rows")) {
            System.out.printf(Locale.ROOT, "    %-10s events %d  p50 %d ms  p99 %d ms  max %d ms%n",
                    row.path("stage").asText(), row.path("events").asLong(), row.path("p50Ms").asLong(),
                    row.path("p99Ms").asLong(), row.path("maxMs").asLong());
        }
        System.out.println("  analytics settings from the environment: " + analyticsSettings());
        System.out.println("command: " + command);
    }

    private String command() {
        return "java -Xmx512m -cp 'loadgen/target/lib/*' " + DashboardFreshnessBenchmark.class.getName() + " --samples " + samples
                + " --warmup " + warmup + options.commandLine();
    }

    private static long product(ApiClient admin, long seller, long category, long warehouse, String skuPrefix, int stock) {
        long product = admin.create("/api/products", Map.of("sellerId", seller, "categoryId", category,
                "sku", skuPrefix + UUID.randomUUID(), "name", "Bench product", "price", "9.99"));
        admin.create("/api/inventory/receipts", Map.of("productId", product, "warehouseId", warehouse, "quantity", stock));
        return product;
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

    private static long count(ApiClient admin, String report) {
        ApiClient.Response reply = admin.get(report);
        return reply.status() == 200 ? reply.json().path("summary").path("orders").asLong() : 0;
    }
}
