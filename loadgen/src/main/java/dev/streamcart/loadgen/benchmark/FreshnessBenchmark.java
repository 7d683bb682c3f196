package dev.streamcart.loadgen.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.schemas.bench.BenchmarkResult;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.serving.payments.risk.RiskScorer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Freshness of the stock read model: the time from an order's commit in PostgreSQL to the new
 * available stock showing on {@code GET /api/stock/{id}}, under background orders.
 *
 * <p>Starts the real platform the way the end-to-end test does (every service a child JVM on
 * embedded PostgreSQL, Kafka, the registry and ClickHouse, through local-stack's {@link Platform}),
 * creates a small catalogue and a {@link BuyerPool}, starts {@link BackgroundOrders}, then
 * repeatedly places a one-unit order (as the pool's next buyer) for a measured product (which nothing else touches), takes the arrival of its 201 as the
 * commit time (the transaction committed before the answer was sent, so this errs on the short
 * side by the answer's transfer time only), and polls the stock endpoint every millisecond until
 * the new available shows. Prints p50/p90/p99/max of the samples and the command line, and splits
 * each sample into its CDC, inventory-streams and API parts with a {@link StageWatcher}.
 *
 * <p>It signs in as the launcher's operator account ({@link Platform#adminCredentials()}). {@code --help}
 * lists the options; {@code --results} writes the figures for {@code ./platform bench}.
 */
@Command(name = "freshness-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Order commit to the new available stock on GET /api/stock/{id}, under background orders.")
public final class FreshnessBenchmark implements Callable<Integer> {

    private static final int MEASURED_PRODUCTS = 10;
    private static final int MEASURED_STOCK = 100_000;
    private static final int BACKGROUND_PRODUCTS = 40;
    private static final int BACKGROUND_STOCK = 5_000;
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CATALOG_VISIBLE = Duration.ofSeconds(120);
    /** Enough buyers for a minute of background orders before the pool has to make more. */
    private static final int BACKGROUND_SECONDS_OF_BUYERS = 60;

    @Option(names = "--samples", defaultValue = "200", description = "measured orders (default ${DEFAULT-VALUE})")
    int samples;

    /** The JVMs on the measured path, whose pauses the report shows beside the samples. */
    private static final List<String> STAGE_SERVICES = List.of("ingest-cdc", "inventory-streams", "serving-api");

    @Option(names = "--warmup", defaultValue = "20", description = "orders measured and dropped first (default ${DEFAULT-VALUE})")
    int warmup;

    @Mixin
    FreshnessOptions options = new FreshnessOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new FreshnessBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (options.smoke) {
            samples = 20;
            warmup = 5;
        }
        Path root = options.root();
        Path folder = options.dataFolder("bench-freshness");
        try (Platform platform = BenchmarkPlatform.start(root, folder, BenchmarkPlatform.options(options.gatewayLatencyMillis))) {
            ApiClient api = BenchmarkClient.forApi(platform.endpoints().apiUrl());
            ApiClient admin = BenchmarkPlatform.admin(api, platform);

            long seller = admin.create("/api/sellers", Map.of("name", "Bench seller", "email", "bench-" + UUID.randomUUID() + "@example.com"));
            long category = admin.create("/api/categories", Map.of("name", "Bench"));
            long warehouse = admin.create("/api/warehouses", Map.of("name", "Bench warehouse", "region", "eu-west"));
            List<Long> measured = products(admin, seller, category, warehouse, MEASURED_PRODUCTS, MEASURED_STOCK, "M");
            List<Long> background = products(admin, seller, category, warehouse, BACKGROUND_PRODUCTS, BACKGROUND_STOCK, "B");
            Map<Long, Integer> available = new HashMap<>();
            measured.forEach(product -> available.put(product, MEASURED_STOCK));
            awaitVisible(api, available, CATALOG_VISIBLE);
            int buyersNeeded = (int) Math.ceil(options.backgroundRate * BACKGROUND_SECONDS_OF_BUYERS / RiskScorer.VELOCITY_LIMIT)
                    + warmup + samples;
            System.out.println("[bench] catalogue visible in the read model; signing in " + buyersNeeded
                    + " buyers; starting background orders at " + options.backgroundRate + "/s");

            List<Sample> taken = new ArrayList<>();
            int timeouts = 0;
            long started = System.nanoTime();
            try (BuyerPool buyers = BuyerPool.open(platform.endpoints().jdbcUrl(), "postgres", "postgres", buyersNeeded);
                    StageWatcher stages = new StageWatcher(platform.endpoints().bootstrapServers(),
                        new SchemaRegistryClient(platform.endpoints().schemaRegistryUrl()), Set.copyOf(measured));
                    BackgroundOrders load = new BackgroundOrders(api, admin, warehouse, buyers, background)) {
                load.start(options.backgroundRate);
                WhatRanBeside beside = new WhatRanBeside(platform.layout());
                WhatRanBeside.Opened window = beside.open();
                for (int i = 0; i < warmup + samples; i++) {
                    if (i == warmup) {
                        window = beside.open();
                    }
                    long product = measured.get(i % measured.size());
                    Sample sample = sample(api, buyers.next(), product, available, stages);
                    if (sample == null) {
                        timeouts++;
                    } else if (i >= warmup) {
                        taken.add(sample);
                    }
                    if ((i + 1) % 50 == 0) {
                        System.out.printf(Locale.ROOT, "[bench] %d samples taken%n", i + 1);
                    }
                    // spread the orders over the commit intervals instead of locking step with them
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + ThreadLocalRandom.current().nextInt(60)));
                }
                WhatRanBeside.Window ran = window.close(STAGE_SERVICES);
                double elapsed = (System.nanoTime() - started) / 1e9;
                double backgroundPaid = load.paidPerSecond();
                Percentiles total = Percentiles.of(taken.stream().map(Sample::totalMillis).toList());
                String command = command();
                report(total, timeouts, load, elapsed, command);
                System.out.println("  beside the measured samples (cores on average; each stage's JVM at safepoints):");
                ran.lines().forEach(line -> System.out.println("    " + line));
                Map<String, Percentiles> split = new LinkedHashMap<>();
                split.put("cdc", stage("commit -> inventory-changes (ingest-cdc)", taken, Sample::cdcMillis));
                split.put("streams", stage("inventory-changes -> stock-levels committed (inventory-streams)", taken, Sample::streamsMillis));
                split.put("served", stage("stock-levels -> GET /api/stock (replica + HTTP)", taken, Sample::servedMillis));
                if (options.results != null) {
                    BenchmarkResult.Builder result = result(total, split, taken, timeouts, backgroundPaid, load);
                    ran.lines().forEach(line -> result.note("beside the samples: " + line));
                    result.build(command).write(options.results);
                }
            }
        }
        return 0;
    }

    private BenchmarkResult.Builder result(Percentiles total, Map<String, Percentiles> split, List<Sample> taken, int timeouts,
            double backgroundPaid, BackgroundOrders load) {
        BenchmarkResult.Builder result = BenchmarkResult.builder("stock_freshness")
                .figure("stock_freshness.p50_ms", total.p50())
                .figure("stock_freshness.p90_ms", total.p90())
                .figure("stock_freshness.p99_ms", total.p99())
                .figure("stock_freshness.max_ms", total.max())
                .figure("stock_freshness.timeouts", timeouts)
                .figure("stock_freshness.background_orders_per_s", backgroundPaid);
        split.forEach((stage, p) -> {
            if (p.count() > 0) {
                result.figure("stock_freshness." + stage + "_p50_ms", p.p50()).figure("stock_freshness." + stage + "_p99_ms", p.p99());
            }
        });
        List<BenchmarkResult.Point> totals = new ArrayList<>();
        List<BenchmarkResult.Point> cdc = new ArrayList<>();
        List<BenchmarkResult.Point> streams = new ArrayList<>();
        List<BenchmarkResult.Point> served = new ArrayList<>();
        for (int i = 0; i < taken.size(); i++) {
            Sample sample = taken.get(i);
            totals.add(new BenchmarkResult.Point(i + 1, sample.totalMillis()));
            int x = i + 1;
            sample.cdcMillis().ifPresent(ms -> cdc.add(new BenchmarkResult.Point(x, ms)));
            sample.streamsMillis().ifPresent(ms -> streams.add(new BenchmarkResult.Point(x, ms)));
            sample.servedMillis().ifPresent(ms -> served.add(new BenchmarkResult.Point(x, ms)));
        }
        return result.chart(new BenchmarkResult.Chart("stock-freshness-samples", "Order commit to new stock on GET /api/stock",
                        "sample", "ms", List.of(new BenchmarkResult.Line("total", totals), new BenchmarkResult.Line("ingest-cdc", cdc),
                                new BenchmarkResult.Line("inventory-streams", streams), new BenchmarkResult.Line("replica + HTTP", served))))
                .note(String.format(Locale.ROOT, "%d samples after %d warm-up, %d timeouts; background %.1f orders/s asked, "
                        + "%.1f paid/s achieved (%d placed, %d paid; failures %s)", total.count(), warmup, timeouts, options.backgroundRate,
                        backgroundPaid, load.placed(), load.paid(), load.failures().isEmpty() ? "none" : load.failures()))
                .note(stageNote(split));
    }

    private static String stageNote(Map<String, Percentiles> split) {
        StringBuilder note = new StringBuilder("stage split (p50 / p99 ms):");
        split.forEach((stage, p) -> note.append(p.count() == 0 ? String.format(Locale.ROOT, " %s not observed;", stage)
                : String.format(Locale.ROOT, " %s %.1f / %.1f;", stage, p.p50(), p.p99())));
        return note.toString();
    }

    private String command() {
        return "java -Xmx512m -cp 'loadgen/target/lib/*' " + FreshnessBenchmark.class.getName() + " --samples " + samples
                + " --warmup " + warmup + options.commandLine();
    }

    /** One measurement: the whole path and, when the watcher saw them, its three parts. */
    private record Sample(double totalMillis, Optional<Double> cdcMillis, Optional<Double> streamsMillis,
            Optional<Double> servedMillis) {}

    /** One order, then polls until its reservation shows; null when it did not within the timeout. */
    private static @Nullable Sample sample(ApiClient api, BuyerPool.Buyer buyer, long product,
            Map<Long, Integer> available, StageWatcher stages) {
        ApiClient.Response order = api.withToken(buyer.token()).post("/api/orders", Map.of("userId", buyer.userId(),
                "items", List.of(Map.of("productId", product, "quantity", 1))));
        if (order.status() != 201) {
            throw new IllegalStateException("order for measured product " + product + " answered " + order.status()
                    + ": " + order.body());
        }
        int expected = available.merge(product, -1, Integer::sum);
        long committed = order.arrivedNanos();
        long deadline = committed + SAMPLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Response stock = api.get("/api/stock/" + product);
            if (stock.status() == 200 && stock.json().path("available").asInt() <= expected) {
                return split(committed, stock.arrivedNanos(), product, expected, stages);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return null;
    }

    /** The watcher reads on its own: give it a moment to catch up before asking what it saw. */
    private static Sample split(long committed, long shown, long product, int expected, StageWatcher stages) {
        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while ((stages.changeSeen(product, expected).isEmpty() || stages.levelSeen(product, expected).isEmpty())
                && System.nanoTime() < wait) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        OptionalLong change = stages.changeSeen(product, expected);
        OptionalLong level = stages.levelSeen(product, expected);
        return new Sample((shown - committed) / 1e6,
                change.isPresent() ? Optional.of((change.getAsLong() - committed) / 1e6) : Optional.empty(),
                change.isPresent() && level.isPresent()
                        ? Optional.of((level.getAsLong() - change.getAsLong()) / 1e6) : Optional.empty(),
                level.isPresent() ? Optional.of((shown - level.getAsLong()) / 1e6) : Optional.empty());
    }

    private static Percentiles stage(String name, List<Sample> samples, Function<Sample, Optional<Double>> part) {
        List<Double> millis = samples.stream().map(part).flatMap(Optional::stream).toList();
        Percentiles p = millis.isEmpty() ? Percentiles.none() : Percentiles.of(millis);
        if (p.count() == 0) {
            System.out.println("  " + name + ": not observed");
        } else {
            System.out.printf(Locale.ROOT, "  %-66s p50 %7.1f ms  p99 %7.1f ms  (%d samples)%n", name + ":", p.p50(), p.p99(), p.count());
        }
        return p;
    }

    static List<Long> products(ApiClient admin, long seller, long category, long warehouse, int count, int stock,
            String prefix) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long product = admin.create("/api/products", Map.of("sellerId", seller, "categoryId", category,
                    "sku", "BENCH-" + prefix + "-" + UUID.randomUUID(), "name", "Bench product " + prefix + i, "price", "9.99"));
            admin.create("/api/inventory/receipts", Map.of("productId", product, "warehouseId", warehouse, "quantity", stock));
            ids.add(product);
        }
        return ids;
    }

    static void awaitVisible(ApiClient api, Map<Long, Integer> available, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<Long, Integer> product : available.entrySet()) {
            while (true) {
                ApiClient.Response stock = api.get("/api/stock/" + product.getKey());
                if (stock.status() == 200 && stock.json().path("available").asInt() == product.getValue()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("product " + product.getKey() + " never showed in the stock read model");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    private void report(Percentiles p, int timeouts, BackgroundOrders load, double elapsedSeconds, String command) {
        System.out.println();
        System.out.println("freshness: order commit (201) -> new available on GET /api/stock/{id}");
        System.out.printf(Locale.ROOT, "  samples %d (after %d warm-up), timeouts %d%n", p.count(), warmup, timeouts);
        System.out.printf(Locale.ROOT, "  p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms   mean %.1f ms%n",
                p.p50(), p.p90(), p.p99(), p.max(), p.mean());
        System.out.printf(Locale.ROOT, "  background: %d orders placed, %d paid in %.0f s (target %.1f/s); failures %s%n",
                load.placed(), load.paid(), elapsedSeconds, options.backgroundRate, load.failures().isEmpty() ? "none" : load.failures());
        System.out.printf(Locale.ROOT, "  %d cores, load average %.1f at the end%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("command: " + command);
    }
}
