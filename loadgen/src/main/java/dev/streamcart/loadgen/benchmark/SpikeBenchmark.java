package dev.streamcart.loadgen.benchmark;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.verify.PlatformVerifier;
import dev.streamcart.localstack.launcher.verify.VerificationReport;
import dev.streamcart.schemas.bench.BenchmarkFailure;
import dev.streamcart.schemas.bench.BenchmarkResult;
import dev.streamcart.serving.payments.risk.RiskScorer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Black Friday spike: checkout + payment at the simulator's default order rate, then ten times
 * that for five minutes, then the default again, on the whole platform. Charts checkout latency,
 * stock freshness, throughput and shedding, and each stage's lag over time; reports the peak lag
 * per stage and how long it took to drain; then checks that nothing was lost or oversold and that
 * every derived view matches PostgreSQL ({@link PlatformVerifier}, what {@code ./platform verify}
 * runs). Exits 1 when any of those checks fails.
 *
 * <p>The load is open-loop (the rate asked does not drop when answers slow down), like shoppers
 * arriving; a shopper whose checkout or payment is shed (503) does not retry in the run.
 */
@Command(name = "spike-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A 10x checkout spike on the whole platform: latency, freshness, shedding, lag and drain, integrity.")
public final class SpikeBenchmark implements Callable<Integer> {

    private static final int MEASURED_PRODUCTS = 5;
    private static final int MEASURED_STOCK = 100_000;
    private static final int LOAD_PRODUCTS = 60;
    private static final int LOAD_STOCK = 5_000;
    private static final Duration CATALOG_VISIBLE = Duration.ofSeconds(120);
    private static final Duration DRAIN_PATIENCE = Duration.ofSeconds(180);
    private static final Duration VERIFY_PATIENCE = Duration.ofSeconds(120);
    /** Open loop: enough shoppers for this many seconds of answer time at the peak rate. */
    private static final double SECONDS_IN_FLIGHT_AT_PEAK = 6;
    private static final int MAX_SHOPPERS = 400;

    @Option(names = "--base-orders-per-second", defaultValue = "5",
            description = "the rate before and after the spike: the simulator's default (default ${DEFAULT-VALUE})")
    double baseRate;

    @Option(names = "--multiplier", defaultValue = "10", description = "the spike's rate over the base rate (default ${DEFAULT-VALUE})")
    double multiplier;

    @Option(names = "--before-seconds", defaultValue = "60", description = "base rate before the spike (default ${DEFAULT-VALUE})")
    int beforeSeconds;

    @Option(names = "--spike-seconds", defaultValue = "300", description = "how long the spike lasts (default ${DEFAULT-VALUE})")
    int spikeSeconds;

    @Option(names = "--after-seconds", defaultValue = "180", description = "base rate after the spike (default ${DEFAULT-VALUE})")
    int afterSeconds;

    @Option(names = "--bucket-seconds", defaultValue = "5", description = "width of the charts' time buckets (default ${DEFAULT-VALUE})")
    int bucketSeconds;

    @Option(names = "--gateway-latency-ms", defaultValue = "100",
            description = "mean latency of the simulated payment provider per call: the platform's default (default ${DEFAULT-VALUE})")
    long gatewayLatencyMillis;

    @Option(names = "--repository", defaultValue = ".", description = "the StreamCart checkout with built modules")
    Path repository = Path.of(".");

    @Option(names = "--data", description = "platform data, emptied first (default loadgen/target/bench-spike)")
    @Nullable Path data;

    @Option(names = "--results", description = "also write the figures to this JSON file (for ./platform bench)")
    @Nullable Path results;

    @Option(names = "--smoke", description = "a 30 s spike in miniature: proves the benchmark works, measures nothing worth quoting")
    boolean smoke;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SpikeBenchmark())
                .setExecutionExceptionHandler((e, command, parsed) -> BenchmarkFailure.report("spike benchmark", e))
                .execute(args));
    }

    /** Where each phase starts and ends, in seconds since the load started. */
    private record Phases(double spikeStart, double spikeEnd, double end) {

        String of(double atSeconds) {
            return atSeconds < spikeStart ? "before" : atSeconds < spikeEnd ? "spike" : "after";
        }
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            beforeSeconds = 5;
            spikeSeconds = 15;
            afterSeconds = 10;
        }
        Path root = repository.toAbsolutePath().normalize();
        Path folder = (data != null ? data : root.resolve("loadgen/target/bench-spike")).toAbsolutePath();
        double peakRate = baseRate * multiplier;
        try (Platform platform = BenchmarkPlatform.start(root, folder, BenchmarkPlatform.options(gatewayLatencyMillis))) {
            ApiClient api = BenchmarkClient.forApi(platform.endpoints().apiUrl());
            ApiClient admin = BenchmarkPlatform.admin(api, platform);
            long seller = admin.create("/api/sellers", Map.of("name", "Spike seller", "email", "spike-" + UUID.randomUUID() + "@example.com"));
            long category = admin.create("/api/categories", Map.of("name", "Spike"));
            long warehouse = admin.create("/api/warehouses", Map.of("name", "Spike warehouse", "region", "eu-west"));
            List<Long> measured = FreshnessBenchmark.products(admin, seller, category, warehouse, MEASURED_PRODUCTS, MEASURED_STOCK, "S");
            List<Long> loaded = FreshnessBenchmark.products(admin, seller, category, warehouse, LOAD_PRODUCTS, LOAD_STOCK, "L");
            Map<Long, Integer> available = new HashMap<>();
            measured.forEach(product -> available.put(product, MEASURED_STOCK));
            FreshnessBenchmark.awaitVisible(api, available, CATALOG_VISIBLE);
            int buyersNeeded = (int) Math.ceil(peakRate * 60 / RiskScorer.VELOCITY_LIMIT) + 100;
            int shoppers = Math.min(MAX_SHOPPERS, (int) Math.ceil(peakRate * SECONDS_IN_FLIGHT_AT_PEAK));
            System.out.printf(Locale.ROOT, "[spike] %.1f orders/s for %d s, %.1f for %d s, %.1f for %d s; %d shoppers%n",
                    baseRate, beforeSeconds, peakRate, spikeSeconds, baseRate, afterSeconds, shoppers);

            String jdbcUrl = platform.endpoints().jdbcUrl();
            long started = System.nanoTime();
            Phases phases = new Phases(beforeSeconds, beforeSeconds + spikeSeconds, beforeSeconds + spikeSeconds + afterSeconds);
            List<SpikeLoad.Attempt> attempts;
            List<FreshnessProbe.Sample> freshness;
            long probeShed;
            long probeTimeouts;
            List<StageLagSampler.Reading> lags;
            double loadEndSeconds;
            try (BuyerPool buyers = BuyerPool.open(jdbcUrl, "postgres", "postgres", buyersNeeded);
                    StageLagSampler lag = new StageLagSampler(jdbcUrl, platform.endpoints().bootstrapServers(), started)) {
                try (SpikeLoad load = new SpikeLoad(api, admin, warehouse, buyers, loaded);
                        FreshnessProbe probe = new FreshnessProbe(api, buyers, available, started)) {
                    load.start(shoppers);
                    load.rate(baseRate);
                    sleepUntil(started, phases.spikeStart());
                    System.out.println("[spike] spike starts");
                    load.rate(peakRate);
                    sleepUntil(started, phases.spikeEnd());
                    System.out.println("[spike] spike ends");
                    load.rate(baseRate);
                    sleepUntil(started, phases.end());
                    probe.close();
                    load.close();
                    attempts = load.attempts();
                    freshness = probe.samples();
                    probeShed = probe.shed();
                    probeTimeouts = probe.timeouts();
                }
                loadEndSeconds = secondsSince(started);
                awaitDrained(lag, phases);
                lags = lag.readings();
            }
            System.out.println("[spike] verifying every view against PostgreSQL");
            VerificationReport verified = PlatformVerifier.verifyUntilConsistent(platform.endpoints(),
                    PlatformVerifier.DEFAULT_GRACE, VERIFY_PATIENCE);
            verified.lines().forEach(line -> System.out.println("  " + line));
            Integrity integrity;
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
                integrity = Integrity.check(connection, attempts);
            }
            BenchmarkResult result = result(started, phases, attempts, freshness, probeShed, probeTimeouts, lags, loadEndSeconds,
                    verified, integrity);
            result.figures().forEach((name, value) -> System.out.printf(Locale.ROOT, "  %-40s %,.1f%n", name, value));
            result.notes().forEach(note -> System.out.println("  " + note));
            System.out.println("command: " + result.command());
            if (results != null) {
                result.write(results);
            }
            boolean intact = verified.consistent() && integrity.lostOrders() == 0 && integrity.oversold() == 0
                    && integrity.holdMismatches() == 0;
            if (!intact) {
                System.err.println("spike benchmark failed: " + verified.mismatchCount() + " view mismatches, "
                        + integrity.lostOrders() + " accepted orders missing, " + integrity.oversold() + " oversold rows, "
                        + integrity.holdMismatches() + " products whose holds differ from their reserved units");
                return 1;
            }
        }
        return 0;
    }

    /** Keeps sampling after the load until every stage is back to its lag before the spike, or the patience ran out. */
    private static void awaitDrained(StageLagSampler lag, Phases phases) {
        long deadline = System.nanoTime() + DRAIN_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (drainedAt(lag.readings(), phases) != null) {
                return;
            }
            sleepSeconds(1);
        }
        System.out.println("[spike] the pipeline had not drained " + DRAIN_PATIENCE.toSeconds() + " s after the load");
    }

    /** Seconds after the spike's end when every stage was back within its pre-spike lag, or null when not yet. */
    private static @Nullable Double drainedAt(List<StageLagSampler.Reading> readings, Phases phases) {
        Map<String, Long> normal = new HashMap<>();
        for (StageLagSampler.Reading reading : readings) {
            if (phases.of(reading.atSeconds()).equals("before")) {
                reading.lag().forEach((stage, value) -> normal.merge(stage, Math.max(value, 0), Math::max));
            }
        }
        for (StageLagSampler.Reading reading : readings) {
            if (reading.atSeconds() < phases.spikeEnd()) {
                continue;
            }
            boolean drained = reading.lag().entrySet().stream().allMatch(entry -> entry.getValue() >= 0
                    && entry.getValue() <= Math.max(normal.getOrDefault(entry.getKey(), 0L), minimumLag(entry.getKey())));
            if (drained) {
                return reading.atSeconds() - phases.spikeEnd();
            }
        }
        return null;
    }

    /** The lag taken as caught up even when the base load never showed one that high (a WAL page; a commit's records). */
    private static long minimumLag(String stage) {
        return stage.equals(StageLagSampler.CDC) ? 64 * 1024 : 50;
    }

    private BenchmarkResult result(long started, Phases phases, List<SpikeLoad.Attempt> attempts, List<FreshnessProbe.Sample> freshness,
            long probeShed, long probeTimeouts, List<StageLagSampler.Reading> lags, double loadEndSeconds,
            VerificationReport verified, Integrity integrity) {
        Map<String, List<SpikeLoad.Attempt>> byPhase = new LinkedHashMap<>();
        List.of("before", "spike", "after").forEach(phase -> byPhase.put(phase, new ArrayList<>()));
        attempts.forEach(attempt -> byPhase.get(phases.of(seconds(attempt, started))).add(attempt));
        Map<SpikeLoad.Outcome, Long> outcomes = new TreeMap<>();
        Map<String, Long> failures = new TreeMap<>();
        for (SpikeLoad.Attempt attempt : attempts) {
            outcomes.merge(attempt.outcome(), 1L, Long::sum);
            if (attempt.outcome() == SpikeLoad.Outcome.FAILED) {
                failures.merge(attempt.failure(), 1L, Long::sum);
            }
        }
        List<SpikeLoad.Attempt> spike = byPhase.get("spike");
        Percentiles spikeLatency = paidLatency(spike);
        Percentiles beforeLatency = paidLatency(byPhase.get("before"));
        Percentiles spikeFreshness = freshness(freshness, phases, "spike");
        Percentiles beforeFreshness = freshness(freshness, phases, "before");
        long spikeShed = spike.stream().filter(a -> a.outcome() == SpikeLoad.Outcome.SHED_AT_CHECKOUT
                || a.outcome() == SpikeLoad.Outcome.SHED_AT_PAYMENT).count();
        long spikePaid = spike.stream().filter(a -> a.outcome() == SpikeLoad.Outcome.PAID).count();
        Double drained = drainedAt(lags, phases);

        BenchmarkResult.Builder result = BenchmarkResult.builder("spike")
                .figure("spike.base_orders_per_s", baseRate)
                .figure("spike.peak_orders_per_s", baseRate * multiplier)
                .figure("spike.asked_per_s_in_spike", spike.size() / (double) spikeSeconds)
                .figure("spike.paid_per_s_in_spike", spikePaid / (double) spikeSeconds)
                .figure("spike.shed_share_in_spike", spike.isEmpty() ? 0 : spikeShed / (double) spike.size())
                .figure("spike.shed", outcomes.getOrDefault(SpikeLoad.Outcome.SHED_AT_CHECKOUT, 0L)
                        + outcomes.getOrDefault(SpikeLoad.Outcome.SHED_AT_PAYMENT, 0L))
                .figure("spike.failed", outcomes.getOrDefault(SpikeLoad.Outcome.FAILED, 0L))
                .figure("spike.checkout_p50_ms", spikeLatency.p50())
                .figure("spike.checkout_p99_ms", spikeLatency.p99())
                .figure("spike.checkout_p99_ms_before", beforeLatency.p99())
                .figure("spike.freshness_p50_ms", spikeFreshness.p50())
                .figure("spike.freshness_p99_ms", spikeFreshness.p99())
                .figure("spike.freshness_p99_ms_before", beforeFreshness.p99())
                .figure("spike.drain_seconds", drained == null ? -1 : drained)
                .figure("spike.mismatches", verified.mismatchCount())
                .figure("spike.lost_orders", integrity.lostOrders())
                .figure("spike.oversold", integrity.oversold());
        for (String stage : StageLagSampler.STAGES) {
            long peak = lags.stream().mapToLong(r -> r.lag().getOrDefault(stage, -1L)).max().orElse(-1);
            result.figure("spike.peak_lag_" + figureName(stage), peak);
        }
        result.chart(timeline("spike-checkout-latency", "Checkout + payment latency of paid orders (p50, p99 per bucket)",
                        "ms", attempts, started))
                .chart(freshnessChart(freshness))
                .chart(throughputChart(attempts, started))
                .chart(lagChart(lags, false))
                .chart(lagChart(lags, true))
                .note(String.format(Locale.ROOT, "%.1f orders/s for %d s, %.1f for %d s, %.1f for %d s (open loop, %s ms"
                                + " per payment-provider call); the load ran %.0f s", baseRate, beforeSeconds, baseRate * multiplier,
                        spikeSeconds, baseRate, afterSeconds, gatewayLatencyMillis, loadEndSeconds))
                .note("outcomes: " + outcomes + (failures.isEmpty() ? "" : "; failures " + failures))
                .note(String.format(Locale.ROOT, "freshness probe: %d samples, %d shed, %d timeouts", freshness.size(), probeShed,
                        probeTimeouts))
                .note(drained == null ? "the pipeline had not drained within " + DRAIN_PATIENCE.toSeconds() + " s after the load"
                        : String.format(Locale.ROOT, "every stage was back within its pre-spike lag %.0f s after the spike ended",
                                drained))
                .note("verify: " + String.join("; ", verified.lines()))
                .note(String.format(Locale.ROOT, "integrity: %d accepted orders checked, %d missing; %d inventory rows oversold;"
                        + " %d products whose held reservations differ from their reserved units", integrity.acceptedOrders(),
                        integrity.lostOrders(), integrity.oversold(), integrity.holdMismatches()))
                .note(String.format(Locale.ROOT, "%d cores, load average %.1f at the end%s", Runtime.getRuntime().availableProcessors(),
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        smoke ? " (smoke run)" : ""));
        return result.build(command());
    }

    private static String figureName(String stage) {
        return stage.equals(StageLagSampler.CDC) ? "cdc_bytes" : stage.replace('-', '_') + "_records";
    }

    private static double seconds(SpikeLoad.Attempt attempt, long started) {
        return (attempt.startedNanos() - started) / 1e9;
    }

    private static Percentiles paidLatency(List<SpikeLoad.Attempt> attempts) {
        List<Double> millis = attempts.stream().filter(a -> a.outcome() == SpikeLoad.Outcome.PAID)
                .map(SpikeLoad.Attempt::millis).toList();
        return millis.isEmpty() ? Percentiles.none() : Percentiles.of(millis);
    }

    private static Percentiles freshness(List<FreshnessProbe.Sample> samples, Phases phases, String phase) {
        List<Double> millis = samples.stream().filter(s -> phases.of(s.atSeconds()).equals(phase))
                .map(FreshnessProbe.Sample::millis).toList();
        return millis.isEmpty() ? Percentiles.none() : Percentiles.of(millis);
    }

    private BenchmarkResult.Chart timeline(String name, String title, String unit, List<SpikeLoad.Attempt> attempts,
            long started) {
        Map<Integer, List<Double>> buckets = new TreeMap<>();
        attempts.stream().filter(a -> a.outcome() == SpikeLoad.Outcome.PAID)
                .forEach(a -> buckets.computeIfAbsent((int) (seconds(a, started) / bucketSeconds), b -> new ArrayList<>())
                        .add(a.millis()));
        return percentileChart(name, title, unit, buckets);
    }

    private BenchmarkResult.Chart freshnessChart(List<FreshnessProbe.Sample> samples) {
        Map<Integer, List<Double>> buckets = new TreeMap<>();
        samples.forEach(s -> buckets.computeIfAbsent((int) (s.atSeconds() / bucketSeconds), b -> new ArrayList<>()).add(s.millis()));
        return percentileChart("spike-stock-freshness", "Stock freshness: order commit to GET /api/stock (p50, p99 per bucket)",
                "ms", buckets);
    }

    private BenchmarkResult.Chart percentileChart(String name, String title, String unit, Map<Integer, List<Double>> buckets) {
        List<BenchmarkResult.Point> p50 = new ArrayList<>();
        List<BenchmarkResult.Point> p99 = new ArrayList<>();
        buckets.forEach((bucket, values) -> {
            Percentiles p = Percentiles.of(values);
            double x = (double) bucket * bucketSeconds;
            p50.add(new BenchmarkResult.Point(x, p.p50()));
            p99.add(new BenchmarkResult.Point(x, p.p99()));
        });
        return new BenchmarkResult.Chart(name, title, "seconds since the load started", unit,
                List.of(new BenchmarkResult.Line("p50", p50), new BenchmarkResult.Line("p99", p99)));
    }

    private BenchmarkResult.Chart throughputChart(List<SpikeLoad.Attempt> attempts, long started) {
        Map<String, ToDoubleFunction<List<SpikeLoad.Attempt>>> series = new LinkedHashMap<>();
        series.put("asked", List::size);
        series.put("paid", list -> list.stream().filter(a -> a.outcome() == SpikeLoad.Outcome.PAID).count());
        series.put("shed (503)", list -> list.stream().filter(a -> a.outcome() == SpikeLoad.Outcome.SHED_AT_CHECKOUT
                || a.outcome() == SpikeLoad.Outcome.SHED_AT_PAYMENT).count());
        series.put("failed", list -> list.stream().filter(a -> a.outcome() == SpikeLoad.Outcome.FAILED).count());
        Map<Integer, List<SpikeLoad.Attempt>> buckets = new TreeMap<>();
        attempts.forEach(a -> buckets.computeIfAbsent((int) (seconds(a, started) / bucketSeconds), b -> new ArrayList<>()).add(a));
        List<BenchmarkResult.Line> lines = new ArrayList<>();
        series.forEach((label, count) -> {
            List<BenchmarkResult.Point> points = new ArrayList<>();
            buckets.forEach((bucket, list) -> points.add(new BenchmarkResult.Point((double) bucket * bucketSeconds,
                    count.applyAsDouble(list) / bucketSeconds)));
            lines.add(new BenchmarkResult.Line(label, points));
        });
        return new BenchmarkResult.Chart("spike-throughput", "Checkouts a second by how they ended (by when they started)",
                "seconds since the load started", "orders/s", lines);
    }

    private static BenchmarkResult.Chart lagChart(List<StageLagSampler.Reading> lags, boolean cdc) {
        List<BenchmarkResult.Line> lines = new ArrayList<>();
        for (String stage : StageLagSampler.STAGES) {
            if (stage.equals(StageLagSampler.CDC) != cdc) {
                continue;
            }
            List<BenchmarkResult.Point> points = new ArrayList<>();
            lags.forEach(r -> {
                long value = r.lag().getOrDefault(stage, -1L);
                if (value >= 0) {
                    points.add(new BenchmarkResult.Point(r.atSeconds(), value));
                }
            });
            lines.add(new BenchmarkResult.Line(stage, points));
        }
        return cdc
                ? new BenchmarkResult.Chart("spike-lag-cdc", "WAL not yet captured by ingest-cdc", "seconds since the load started",
                        "bytes", lines)
                : new BenchmarkResult.Chart("spike-lag-consumers", "Records not yet consumed, per stage",
                        "seconds since the load started", "records", lines);
    }

    private String command() {
        return "java -Xmx512m -cp 'loadgen/target/lib/*' " + SpikeBenchmark.class.getName()
                + String.format(Locale.ROOT, " --base-orders-per-second %s --multiplier %s --before-seconds %d --spike-seconds %d"
                        + " --after-seconds %d --gateway-latency-ms %d", baseRate, multiplier, beforeSeconds, spikeSeconds, afterSeconds,
                        gatewayLatencyMillis);
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void sleepUntil(long startedNanos, double atSeconds) {
        long wait = startedNanos + (long) (atSeconds * 1e9) - System.nanoTime();
        if (wait > 0) {
            sleepNanos(wait);
        }
    }

    private static void sleepSeconds(long seconds) {
        sleepNanos(TimeUnit.SECONDS.toNanos(seconds));
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos); // pacing the run's phases, not synchronising with anything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * What PostgreSQL says after the run.
     *
     * @param acceptedOrders orders whose checkout answered 201
     * @param lostOrders of those, the ones PostgreSQL does not have
     * @param oversold inventory rows with more units reserved than on hand, or fewer than none
     * @param holdMismatches products whose HELD reservations do not add up to their reserved units
     */
    private record Integrity(long acceptedOrders, long lostOrders, long oversold, long holdMismatches) {

        static Integrity check(Connection connection, List<SpikeLoad.Attempt> attempts) throws SQLException {
            Long[] accepted = attempts.stream().filter(a -> a.orderId() > 0).map(SpikeLoad.Attempt::orderId).toArray(Long[]::new);
            long found;
            Array ids = connection.createArrayOf("bigint", accepted);
            try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM orders WHERE id = ANY (?)")) {
                select.setArray(1, ids);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    found = row.getLong(1);
                }
            } finally {
                ids.free();
            }
            return new Integrity(accepted.length, accepted.length - found,
                    single(connection, "SELECT count(*) FROM inventory WHERE reserved_quantity > quantity OR reserved_quantity < 0"),
                    single(connection, """
                            SELECT count(*) FROM (
                                SELECT i.product_id FROM inventory i
                                LEFT JOIN (SELECT product_id, warehouse_id, sum(quantity) AS held FROM stock_reservations
                                           WHERE status = 'HELD' GROUP BY product_id, warehouse_id) h
                                  ON h.product_id = i.product_id AND h.warehouse_id = i.warehouse_id
                                WHERE i.reserved_quantity <> coalesce(h.held, 0)) differing"""));
        }

        private static long single(Connection connection, String sql) throws SQLException {
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
