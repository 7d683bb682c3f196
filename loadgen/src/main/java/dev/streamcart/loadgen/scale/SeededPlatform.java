package dev.streamcart.loadgen.scale;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.streamcart.loadgen.seeding.SeedMain;
import dev.streamcart.loadgen.seeding.SeedReport;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.schemas.config.Settings;

/**
 * A fresh platform without traffic, seeded through the real pipeline ({@code ./platform seed}, in
 * this JVM), and the wait until every stage has absorbed the seed: what the scale report and the
 * read-path benchmark both start from. Closing it stops the platform.
 */
public final class SeededPlatform implements AutoCloseable {

    /** Revenue of the order lines of orders with a payment that did not fail, in cents (a hash join: payments has no order index). */
    static final String POSTGRES_REVENUE = "SELECT COALESCE(sum(i.total_price * 100), 0)::bigint FROM order_items i "
            + "JOIN (SELECT DISTINCT order_id FROM payments WHERE status <> 'FAILED') p ON p.order_id = i.order_id";
    static final String CLICKHOUSE_REVENUE = "SELECT sum(revenue_cents) FROM streamcart.sales_per_minute FINAL";

    /** What a seed wrote: its report, how long it took, and PostgreSQL's WAL position at its end. */
    public record Seed(SeedReport report, double seconds, String wal) {}

    private final Platform platform;
    private final Path folder;
    private final PipelineWatch watch;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SeededPlatform(Platform platform, Path folder) {
        this.platform = platform;
        this.folder = folder;
        this.watch = new PipelineWatch(platform.endpoints());
    }

    /** Starts the platform without traffic, its API on a free port, all its data in {@code folder}. */
    public static SeededPlatform start(Path repository, Path folder, Consumer<String> progress) {
        PlatformOptions options = PlatformOptions.defaults().withApiPort(0).withTraffic(false, List.of());
        Platform platform = Platform.start(new PlatformLayout(repository, folder), options, progress);
        try {
            return new SeededPlatform(platform, folder);
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    public Platform platform() {
        return platform;
    }

    PipelineWatch watch() {
        return watch;
    }

    /** Runs {@code ./platform seed} with these arguments (its data-dir is the platform's folder); fails when it fails. */
    public Seed seed(List<String> seedArguments) throws SQLException {
        long started = System.nanoTime();
        List<String> arguments = new ArrayList<>(seedArguments);
        arguments.add("--data-dir=" + folder);
        SeedMain seed = new SeedMain(Settings.of(platform.endpoints().serviceSettings()), System.out, System.err);
        int exit = seed.commandLine().execute(arguments.toArray(String[]::new));
        double seconds = (System.nanoTime() - started) / 1e9;
        SeedReport report = seed.report();
        if (exit != 0 || report == null) {
            throw new IllegalStateException("the seed failed with exit code " + exit);
        }
        return new Seed(report, seconds, watch.walPosition());
    }

    /** Waits, at most {@code limit}, until every stage has absorbed the seed; each stage's time, null where it did not. */
    PipelineWatch.Absorption absorption(Seed seed, Duration limit) throws SQLException, InterruptedException {
        return watch.await(seed.wal(), POSTGRES_REVENUE, CLICKHOUSE_REVENUE, limit);
    }

    /** Waits until every stage has absorbed the seed; returns the seconds that took, fails naming a stage that did not. */
    public double awaitAbsorbed(Seed seed, Duration limit) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        PipelineWatch.Absorption absorption = absorption(seed, limit);
        List<String> behind = new ArrayList<>();
        if (absorption.cdcSeconds() == null) {
            behind.add("ingest-cdc");
        }
        if (absorption.inventorySeconds() == null) {
            behind.add("inventory-streams");
        }
        if (absorption.orderSeconds() == null) {
            behind.add("order-streams");
        }
        if (absorption.clickHouseSeconds() == null) {
            behind.add("analytics-flink (ClickHouse's revenue)");
        }
        if (!behind.isEmpty()) {
            throw new IllegalStateException("not absorbed within " + limit + ": " + String.join(", ", behind));
        }
        System.out.printf(Locale.ROOT, "absorbed after the seed: ingest-cdc %.1f s, inventory-streams %.1f s, order-streams"
                        + " %.1f s, ClickHouse's revenue %.1f s%n", absorption.cdcSeconds(), absorption.inventorySeconds(),
                absorption.orderSeconds(), absorption.clickHouseSeconds());
        return (System.nanoTime() - started) / 1e9;
    }

    /** Stops the platform; a second call (a shutdown hook after the normal close) does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            watch.close();
        } finally {
            platform.close();
        }
    }
}
