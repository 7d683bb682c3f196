package dev.streamcart.loadgen.checkoutbench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.testing.Folders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checkout plus payment throughput of the whole running platform, as a ratio to pgbench's TPC-B
 * rate on the same PostgreSQL in the same run. Starts the platform exactly as {@code ./platform up}
 * does (every service a child JVM, CDC, both Streams apps, Flink and the API; no simulated traffic),
 * creates a store, runs N concurrent shoppers each placing and paying orders of 3 items, then runs
 * {@code pgbench -i} and {@code pgbench -c N -T S} against the platform's PostgreSQL, and prints both.
 * A benchmark, not a test: nothing is asserted, the figures are printed.
 */
@Command(name = "checkout-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Checkout+payment orders/s of the running platform vs pgbench TPC-B tps on the same PostgreSQL.")
public final class CheckoutBenchmarkMain implements Callable<Integer> {

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent shoppers, and pgbench clients (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured checkout window (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warm-up-seconds", defaultValue = "10", description = "Checkout load before measuring (default ${DEFAULT-VALUE})")
    int warmUpSeconds;

    @Option(names = "--products", defaultValue = "60", description = "Products in the store (default ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--pgbench-seconds", defaultValue = "20", description = "pgbench -T (default ${DEFAULT-VALUE})")
    int pgbenchSeconds;

    @Option(names = "--pgbench-scale", defaultValue = "10", description = "pgbench -i -s: branches; at least the client count avoids one hot row (default ${DEFAULT-VALUE})")
    int pgbenchScale;

    @Option(names = "--data-dir", description = "Emptied and used for the platform's data (default <repository>/loadgen/target/checkout-bench)")
    Path dataDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CheckoutBenchmarkMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PlatformLayout found = PlatformLayout.fromEnvironment();
        Path data = dataDir != null ? dataDir : found.repository().resolve("loadgen/target/checkout-bench");
        Folders.emptied(data);
        PlatformLayout layout = new PlatformLayout(found.repository(), data);
        PlatformOptions options = PlatformOptions.defaults().withApiPort(0).withTraffic(false, List.of());
        System.out.println("checkout-bench: starting the platform under " + data);
        try (Platform platform = Platform.start(layout, options, message -> System.out.println("checkout-bench: " + message))) {
            BenchClient api = new BenchClient(platform.endpoints().apiUrl());
            System.out.printf(Locale.ROOT, "checkout-bench: creating %d products and %d shoppers%n", products, clients);
            BenchClient admin = api.login(platform.adminCredentials().email(), platform.adminCredentials().password());
            BenchShop shop = BenchShop.create(admin, api, products, clients);

            System.out.printf(Locale.ROOT, "checkout-bench: %d shoppers, %d s warm-up, %d s measured%n", clients, warmUpSeconds, seconds);
            CheckoutLoad.Result checkout = new CheckoutLoad(shop).run(Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds));
            double loadAfterCheckout = loadAverage();
            int healthAfterLoad = api.get("/health").status();

            System.out.println("checkout-bench: pgbench on the same PostgreSQL (database pgbench)");
            createDatabase(platform, "pgbench");
            Pgbench.Result pgbench = Pgbench.locate(data.resolve("pgbench"))
                    .run(platform.postgres().port(), "pgbench", pgbenchScale, clients, pgbenchSeconds);
            double loadAfterPgbench = loadAverage();

            System.out.print(report(checkout, healthAfterLoad, pgbench));
            // the machine is shared: a figure means little without how busy it was
            System.out.printf(Locale.ROOT, "machine:          %d cores, 1-minute load average %.1f after checkout, %.1f after pgbench%n",
                    Runtime.getRuntime().availableProcessors(), loadAfterCheckout, loadAfterPgbench);
        }
        return 0;
    }

    private String report(CheckoutLoad.Result checkout, int health, Pgbench.Result pgbench) {
        double ratio = checkout.ordersPerSecond() / pgbench.tps();
        return String.format(Locale.ROOT, """

                === checkout benchmark (whole platform running; PostgreSQL 17 embedded, fsync on, synchronous_commit on) ===
                checkout+payment: %.1f orders/s (%d items each), %d orders paid in %d s by %d concurrent shoppers, %d refused or failed
                  latency of checkout+payment per order: p50 %.1f ms, p99 %.1f ms
                  /health after the load: %d
                pgbench TPC-B:    %.1f tps, latency average %.2f ms (%s)
                  %s
                  %s
                ratio:            %.4f orders/s per pgbench tps (%.2f%%)
                command:          java -cp 'loadgen/target/lib/*' %s --clients %d --seconds %d --warm-up-seconds %d --products %d --pgbench-seconds %d --pgbench-scale %d
                """,
                checkout.ordersPerSecond(), CheckoutLoad.ITEMS_PER_ORDER, checkout.paidOrders(), checkout.measured().toSeconds(),
                checkout.clients(), checkout.failures(),
                checkout.p50().toNanos() / 1e6, checkout.p99().toNanos() / 1e6, health,
                pgbench.tps(), pgbench.averageLatencyMs(), pgbench.version(), pgbench.initCommand(), pgbench.runCommand(),
                ratio, ratio * 100,
                CheckoutBenchmarkMain.class.getName(), clients, seconds, warmUpSeconds, products, pgbenchSeconds, pgbenchScale);
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
