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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import org.jspecify.annotations.Nullable;

/**
 * Freshness of the stock read model: the time from an order's commit in PostgreSQL to the new
 * available stock showing on {@code GET /api/stock/{id}}, under background orders.
 *
 * <p>Starts the real platform the way the end-to-end test does (every service a child JVM on
 * embedded PostgreSQL, Kafka, the registry and ClickHouse, through local-stack's {@link Platform}),
 * creates a small catalogue, starts {@link BackgroundOrders}, then repeatedly places a one-unit
 * order for a measured product (which nothing else touches), takes the arrival of its 201 as the
 * commit time (the transaction committed before the answer was sent, so this errs on the short
 * side by the answer's transfer time only), and polls the stock endpoint every millisecond until
 * the new available shows. Prints p50/p90/p99/max of the samples and the command line, and splits
 * each sample into its CDC, inventory-streams and API parts with a {@link StageWatcher}.
 *
 * <p>It signs in as the launcher's operator account ({@link Platform#adminCredentials()}). Arguments: {@code --samples 200}, {@code --warmup 20},
 * {@code --background-orders-per-second 10}, {@code --repository .}, {@code --data <folder>}
 * (default {@code loadgen/target/bench-freshness}, emptied first).
 */
public final class FreshnessBenchmark {

    private static final int MEASURED_PRODUCTS = 10;
    private static final int MEASURED_STOCK = 100_000;
    private static final int BACKGROUND_PRODUCTS = 40;
    private static final int BACKGROUND_STOCK = 5_000;
    private static final int SHOPPERS = 8;
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CATALOG_VISIBLE = Duration.ofSeconds(120);

    private FreshnessBenchmark() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int samples = Integer.parseInt(options.getOrDefault("samples", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
        double backgroundRate = Double.parseDouble(options.getOrDefault("background-orders-per-second", "10"));
        Path repository = Path.of(options.getOrDefault("repository", ".")).toAbsolutePath().normalize();
        Path data = Path.of(options.getOrDefault("data",
                repository.resolve("loadgen/target/bench-freshness").toString())).toAbsolutePath();
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
            // the launcher's operator account (PLATFORM_ADMIN_PASSWORD, or the one it generated), as the e2e tests sign in
            BenchmarkApi admin = api.login(platform.adminCredentials().email(), platform.adminCredentials().password());

            long seller = admin.create("/api/sellers", Map.of("name", "Bench seller", "email", "bench-" + UUID.randomUUID() + "@example.com"));
            long category = admin.create("/api/categories", Map.of("name", "Bench"));
            long warehouse = admin.create("/api/warehouses", Map.of("name", "Bench warehouse", "region", "eu-west"));
            List<Long> measured = products(admin, seller, category, warehouse, MEASURED_PRODUCTS, MEASURED_STOCK, "M");
            List<Long> background = products(admin, seller, category, warehouse, BACKGROUND_PRODUCTS, BACKGROUND_STOCK, "B");
            List<BenchmarkApi> shoppers = new ArrayList<>();
            List<Long> shopperIds = new ArrayList<>();
            for (int i = 0; i < SHOPPERS; i++) {
                String email = "bench-shopper-" + i + "-" + UUID.randomUUID() + "@example.com";
                String password = "bench shopper password " + i;
                shopperIds.add(api.create("/api/users", Map.of("email", email, "password", password,
                        "firstName", "Bench", "lastName", "Shopper" + i)));
                shoppers.add(api.login(email, password));
            }
            Map<Long, Integer> available = new HashMap<>();
            measured.forEach(product -> available.put(product, MEASURED_STOCK));
            awaitVisible(api, available, CATALOG_VISIBLE);
            System.out.println("[bench] catalogue visible in the read model; starting background orders at "
                    + backgroundRate + "/s");

            List<Double> freshness = new ArrayList<>();
            List<Double> cdc = new ArrayList<>();
            List<Double> streams = new ArrayList<>();
            List<Double> served = new ArrayList<>();
            int timeouts = 0;
            long started = System.nanoTime();
            try (StageWatcher stages = new StageWatcher(platform.endpoints().bootstrapServers(),
                        new SchemaRegistryClient(platform.endpoints().schemaRegistryUrl()), Set.copyOf(measured));
                    BackgroundOrders load = new BackgroundOrders(admin, warehouse, shoppers, shopperIds, background)) {
                load.start(backgroundRate);
                for (int i = 0; i < warmup + samples; i++) {
                    long product = measured.get(i % measured.size());
                    BenchmarkApi shopper = shoppers.get(i % shoppers.size());
                    Sample sample = sample(shopper, shopperIds.get(i % shoppers.size()), api, product, available, stages);
                    if (sample == null) {
                        timeouts++;
                    } else if (i >= warmup) {
                        freshness.add(sample.totalMillis());
                        sample.cdcMillis().ifPresent(cdc::add);
                        sample.streamsMillis().ifPresent(streams::add);
                        sample.servedMillis().ifPresent(served::add);
                    }
                    if ((i + 1) % 50 == 0) {
                        System.out.printf(Locale.ROOT, "[bench] %d samples taken%n", i + 1);
                    }
                    // spread the orders over the commit intervals instead of locking step with them
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + ThreadLocalRandom.current().nextInt(60)));
                }
                double elapsed = (System.nanoTime() - started) / 1e9;
                report(Percentiles.of(freshness), timeouts, samples, warmup, backgroundRate, load, elapsed);
                stage("commit -> inventory-changes (ingest-cdc)", cdc);
                stage("inventory-changes -> stock-levels committed (inventory-streams)", streams);
                stage("stock-levels -> GET /api/stock (replica + HTTP)", served);
            }
        }
    }

    /** One measurement: the whole path and, when the watcher saw them, its three parts. */
    private record Sample(double totalMillis, Optional<Double> cdcMillis, Optional<Double> streamsMillis,
            Optional<Double> servedMillis) {}

    /** One order, then polls until its reservation shows; null when it did not within the timeout. */
    private static @Nullable Sample sample(BenchmarkApi shopper, long shopperId, BenchmarkApi api, long product,
            Map<Long, Integer> available, StageWatcher stages) {
        BenchmarkApi.Reply order = shopper.post("/api/orders", Map.of("userId", shopperId,
                "items", List.of(Map.of("productId", product, "quantity", 1))));
        if (order.status() != 201) {
            throw new IllegalStateException("order for measured product " + product + " answered " + order.status()
                    + ": " + order.body());
        }
        int expected = available.merge(product, -1, Integer::sum);
        long committed = order.arrivedNanos();
        long deadline = committed + SAMPLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            BenchmarkApi.Reply stock = api.get("/api/stock/" + product);
            if (stock.status() == 200 && stock.body().path("available").asInt() <= expected) {
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

    private static void stage(String name, List<Double> millis) {
        if (millis.isEmpty()) {
            System.out.println("  " + name + ": not observed");
            return;
        }
        Percentiles p = Percentiles.of(millis);
        System.out.printf(Locale.ROOT, "  %-66s p50 %7.1f ms  p99 %7.1f ms  (%d samples)%n", name + ":", p.p50(), p.p99(), p.count());
    }

    private static List<Long> products(BenchmarkApi admin, long seller, long category, long warehouse, int count, int stock,
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

    private static void awaitVisible(BenchmarkApi api, Map<Long, Integer> available, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<Long, Integer> product : available.entrySet()) {
            while (true) {
                BenchmarkApi.Reply stock = api.get("/api/stock/" + product.getKey());
                if (stock.status() == 200 && stock.body().path("available").asInt() == product.getValue()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("product " + product.getKey() + " never showed in the stock read model");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    private static void report(Percentiles p, int timeouts, int samples, int warmup, double backgroundRate,
            BackgroundOrders load, double elapsedSeconds) {
        System.out.println();
        System.out.println("freshness: order commit (201) -> new available on GET /api/stock/{id}");
        System.out.printf(Locale.ROOT, "  samples %d (after %d warm-up), timeouts %d%n", p.count(), warmup, timeouts);
        System.out.printf(Locale.ROOT, "  p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms   mean %.1f ms%n",
                p.p50(), p.p90(), p.p99(), p.max(), p.mean());
        System.out.printf(Locale.ROOT, "  background: %d orders placed, %d paid, %d failed in %.0f s (target %.1f/s)%n",
                load.placed(), load.paid(), load.failed(), elapsedSeconds, backgroundRate);
        System.out.printf(Locale.ROOT, "  %d cores, load average %.1f at the end%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("command: java -Xmx512m -cp 'loadgen/target/lib/*' "
                + FreshnessBenchmark.class.getName() + " --samples " + samples + " --warmup " + warmup
                + " --background-orders-per-second " + backgroundRate);
    }

    private static Map<String, String> options(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IOException("usage: FreshnessBenchmark [--samples N] [--warmup N] "
                        + "[--background-orders-per-second R] [--repository dir] [--data dir]; got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
