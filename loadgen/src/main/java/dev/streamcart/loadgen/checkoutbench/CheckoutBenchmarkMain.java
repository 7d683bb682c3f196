package dev.streamcart.loadgen.checkoutbench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.loadgen.benchmark.BenchmarkClient;
import dev.streamcart.loadgen.benchmark.BenchmarkPlatform;
import dev.streamcart.loadgen.benchmark.BuyerPool;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.bench.BenchmarkResult;
import dev.streamcart.serving.payments.risk.RiskScorer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checkout plus payment throughput of the whole running platform, as a ratio to pgbench's TPC-B
 * rate on the same PostgreSQL in the same run. Starts the platform exactly as {@code ./platform up}
 * does (every service a child JVM, CDC, both Streams apps, Flink and the API; no simulated traffic),
 * creates a store and thousands of buyers, runs N concurrent clients each placing and paying orders
 * of 3 items, then runs {@code pgbench -i} and {@code pgbench -c N -T S} against the platform's
 * PostgreSQL, and prints both. A benchmark, not a test: nothing is asserted, the figures are printed
 * and, with {@code --results}, written for {@code ./platform bench}.
 */
@Command(name = "checkout-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Checkout+payment orders/s of the running platform vs pgbench TPC-B tps on the same PostgreSQL.")
public final class CheckoutBenchmarkMain implements Callable<Integer> {

    /** A ceiling of what one client can place a second, to make enough buyers before the clock starts. */
    private static final int CLIENT_ORDERS_PER_SECOND_CEILING = 60;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients, and pgbench clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured checkout window (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warm-up-seconds", defaultValue = "90",
            description = "Checkout load before measuring. Ten JVMs compile their hot code at once on 2 cores: after 20 s "
                    + "of warm-up a run measured 21.7 orders/s, after 90 s 53.4 (default ${DEFAULT-VALUE})")
    int warmUpSeconds;

    @Option(names = "--products", defaultValue = "60", description = "Products in the store (default ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--pgbench-seconds", defaultValue = "20", description = "pgbench -T (default ${DEFAULT-VALUE})")
    int pgbenchSeconds;

    @Option(names = "--pgbench-scale", defaultValue = "16", description = "pgbench -i -s: branches; at least the client count avoids one hot row (default ${DEFAULT-VALUE})")
    int pgbenchScale;

    @Option(names = "--gateway-latency-ms", defaultValue = "0",
            description = "Mean latency of the simulated payment provider, per call (two per payment: authorise, capture). "
                    + "0 measures the platform's own cost; the platform's default is 100 (default ${DEFAULT-VALUE})")
    long gatewayLatencyMillis;

    @Option(names = {"--data", "--data-dir"}, description = "Emptied and used for the platform's data (default <repository>/loadgen/target/checkout-bench)")
    @Nullable Path dataDir;

    @Option(names = "--results", description = "Also write the figures to this JSON file (for ./platform bench)")
    @Nullable Path results;

    @Option(names = "--smoke", description = "A few seconds of each phase, 4 clients: proves the benchmark works, measures nothing worth quoting")
    boolean smoke;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CheckoutBenchmarkMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            clients = 4;
            seconds = 5;
            warmUpSeconds = 2;
            products = 10;
            pgbenchSeconds = 3;
            pgbenchScale = 1;
        }
        PlatformLayout found = PlatformLayout.fromEnvironment();
        Path data = dataDir != null ? dataDir.toAbsolutePath() : found.repository().resolve("loadgen/target/checkout-bench");
        Folders.emptied(data);
        PlatformLayout layout = new PlatformLayout(found.repository(), data);
        PlatformOptions options = BenchmarkPlatform.options(gatewayLatencyMillis);
        System.out.println("checkout-bench: starting the platform under " + data);
        try (Platform platform = Platform.start(layout, options, message -> System.out.println("checkout-bench: " + message))) {
            ApiClient api = BenchmarkClient.forApi(platform.endpoints().apiUrl());
            System.out.printf(Locale.ROOT, "checkout-bench: creating %d products%n", products);
            ApiClient admin = BenchmarkPlatform.admin(api, platform);
            BenchShop shop = BenchShop.create(admin, api, products);
            int buyersNeeded = clients * (warmUpSeconds + seconds) * CLIENT_ORDERS_PER_SECOND_CEILING / RiskScorer.VELOCITY_LIMIT;
            System.out.printf(Locale.ROOT, "checkout-bench: signing in %d buyers (%d orders each at most: the velocity rule)%n",
                    buyersNeeded, RiskScorer.VELOCITY_LIMIT);
            CheckoutLoad.Result checkout;
            long buyersCreated;
            long refills;
            try (BuyerPool buyers = BuyerPool.open(platform.endpoints().jdbcUrl(), "postgres", "postgres", buyersNeeded)) {
                System.out.printf(Locale.ROOT, "checkout-bench: %d clients, %d s warm-up, %d s measured%n", clients, warmUpSeconds, seconds);
                checkout = new CheckoutLoad(shop, api, buyers, clients).run(Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds));
                buyersCreated = buyers.created();
                refills = buyers.refills();
            }
            double loadAfterCheckout = loadAverage();
            int healthAfterLoad = api.get("/health").status();

            System.out.println("checkout-bench: pgbench on the same PostgreSQL (database pgbench)");
            createDatabase(platform, "pgbench");
            Pgbench.Result pgbench = Pgbench.locate(data.resolve("pgbench"))
                    .run(platform.postgres().port(), "pgbench", pgbenchScale, clients, pgbenchSeconds);
            double loadAfterPgbench = loadAverage();

            String command = command();
            System.out.print(report(checkout, healthAfterLoad, pgbench, command));
            System.out.printf(Locale.ROOT, "buyers:           %d signed in, %d made during the load when the pool ran dry%n", buyersCreated, refills);
            // the machine is shared: a figure means little without how busy it was
            String machine = String.format(Locale.ROOT, "%d cores, 1-minute load average %.1f after checkout, %.1f after pgbench",
                    Runtime.getRuntime().availableProcessors(), loadAfterCheckout, loadAfterPgbench);
            System.out.println("machine:          " + machine);
            if (results != null) {
                result(checkout, healthAfterLoad, pgbench, buyersCreated, refills, machine).build(command).write(results);
            }
        }
        return 0;
    }

    private BenchmarkResult.Builder result(CheckoutLoad.Result checkout, int health, Pgbench.Result pgbench, long buyers,
            long refills, String machine) {
        List<BenchmarkResult.Point> throughput = new ArrayList<>();
        List<BenchmarkResult.Point> p50 = new ArrayList<>();
        List<BenchmarkResult.Point> p99 = new ArrayList<>();
        for (CheckoutLoad.Second second : checkout.perSecond()) {
            throughput.add(new BenchmarkResult.Point(second.second(), second.paidOrders()));
            p50.add(new BenchmarkResult.Point(second.second(), second.p50Millis()));
            p99.add(new BenchmarkResult.Point(second.second(), second.p99Millis()));
        }
        return BenchmarkResult.builder("checkout")
                .figure("checkout.orders_per_s", checkout.ordersPerSecond())
                .figure("checkout.p50_ms", checkout.p50().toNanos() / 1e6)
                .figure("checkout.p99_ms", checkout.p99().toNanos() / 1e6)
                .figure("checkout.pgbench_tps", pgbench.tps())
                .figure("checkout.ratio", checkout.ordersPerSecond() / pgbench.tps())
                .figure("checkout.failures", checkout.failureCount())
                .figure("checkout.clients", clients)
                .chart(new BenchmarkResult.Chart("checkout-throughput", "Orders paid per second (checkout + payment)",
                        "second of the measured window", "orders", List.of(new BenchmarkResult.Line("orders paid", throughput))))
                .chart(new BenchmarkResult.Chart("checkout-latency", "Checkout + payment latency per second",
                        "second of the measured window", "ms", List.of(new BenchmarkResult.Line("p50", p50),
                                new BenchmarkResult.Line("p99", p99))))
                .note(String.format(Locale.ROOT, "%d clients, %d items per order, %d s warm-up, %d s measured; failures %s; "
                        + "/health after the load %d", clients, CheckoutLoad.ITEMS_PER_ORDER, warmUpSeconds, seconds,
                        checkout.failures().isEmpty() ? "none" : checkout.failures().toString(), health))
                .note(String.format(Locale.ROOT, "simulated payment provider: %d ms mean per call, two calls per payment",
                        gatewayLatencyMillis))
                .note(String.format(Locale.ROOT, "%d buyers signed in (%d made during the load)", buyers, refills))
                .note("pgbench: " + pgbench.version() + "; " + pgbench.initCommand() + "; " + pgbench.runCommand())
                .note("machine: " + machine);
    }

    private String report(CheckoutLoad.Result checkout, int health, Pgbench.Result pgbench, String command) {
        double ratio = checkout.ordersPerSecond() / pgbench.tps();
        return String.format(Locale.ROOT, """

                === checkout benchmark (whole platform running; PostgreSQL 17 embedded, fsync on, synchronous_commit on; payment provider %d ms a call) ===
                checkout+payment: %.1f orders/s (%d items each), %d orders paid in %d s by %d concurrent clients, %d refused or failed %s
                  latency of checkout+payment per order: p50 %.1f ms, p99 %.1f ms
                  /health after the load: %d
                pgbench TPC-B:    %.1f tps, latency average %.2f ms (%s)
                  %s
                  %s
                ratio:            %.4f orders/s per pgbench tps (%.2f%%)
                command:          %s
                """, gatewayLatencyMillis,
                checkout.ordersPerSecond(), CheckoutLoad.ITEMS_PER_ORDER, checkout.paidOrders(), checkout.measured().toSeconds(),
                checkout.clients(), checkout.failureCount(), checkout.failures().isEmpty() ? "" : checkout.failures().toString(),
                checkout.p50().toNanos() / 1e6, checkout.p99().toNanos() / 1e6, health,
                pgbench.tps(), pgbench.averageLatencyMs(), pgbench.version(), pgbench.initCommand(), pgbench.runCommand(),
                ratio, ratio * 100, command);
    }

    private String command() {
        return String.format(Locale.ROOT, "java -Xmx512m -cp 'loadgen/target/lib/*' %s --clients %d --seconds %d "
                + "--warm-up-seconds %d --products %d --pgbench-seconds %d --pgbench-scale %d --gateway-latency-ms %d",
                CheckoutBenchmarkMain.class.getName(), clients, seconds, warmUpSeconds, products, pgbenchSeconds, pgbenchScale,
                gatewayLatencyMillis);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void createDatabase(Platform platform, String name) throws SQLException {
        try (Connection connection = platform.postgres().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
    }
}
