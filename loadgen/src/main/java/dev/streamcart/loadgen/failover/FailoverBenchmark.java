package dev.streamcart.loadgen.failover;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.streamcart.loadgen.benchmark.BenchmarkPlatform;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.schemas.bench.BenchmarkFailure;
import dev.streamcart.schemas.bench.BenchmarkResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The failover drill as a benchmark: {@code ./platform up --cluster} under the simulator, every kind of
 * part killed with SIGKILL one at a time, each kill's restart and client-visible error time reported,
 * then the integrity checks. Exits 1 when a kill costs clients a non-retriable answer or more than ten
 * seconds of errors, when the probe got no answer at all through a kill, or when anything accepted was
 * lost or doubled.
 *
 * <p>The full run waits for the cluster to take orders at the asked rate before the first kill, and also
 * kills the Flink JobManager. The smoke run, the short version in {@code ./platform test}, kills one part
 * of each kind as soon as orders flow, with fewer products and shoppers.
 */
@Command(name = "failover-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Kill -9 each part of the --cluster platform under load: recovery and client error time per kill.")
public final class FailoverBenchmark implements Callable<Integer> {

    private static final List<String> FULL_VICTIMS = concat(FailoverDrill.EVERY_KIND, "flink-jobmanager");
    /** Longest wait for the cluster to take orders at the asked rate before the first kill. */
    private static final Duration WARM_UP = Duration.ofMinutes(12);

    @Option(names = "--orders-per-second", defaultValue = "5",
            description = "the simulator's order rate during the drill; the default is the simulator's, which --cluster"
                    + " sustains on two cores (default ${DEFAULT-VALUE})")
    double ordersPerSecond;

    @Option(names = "--products", defaultValue = "200", description = "products the simulator creates (default ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--users", defaultValue = "300",
            description = "shoppers the simulator creates: enough that none hits the fraud check's velocity limit (default ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--victims", split = ",", description = "the parts to kill, in order (default: every kind, and the Flink JobManager)")
    @Nullable List<String> victims;

    @Option(names = "--repository", defaultValue = ".", description = "the StreamCart checkout with built modules")
    Path repository = Path.of(".");

    @Option(names = "--data", description = "platform data, emptied first (default loadgen/target/bench-failover)")
    @Nullable Path data;

    @Option(names = "--results", description = "also write the figures to this JSON file (for ./platform bench)")
    @Nullable Path results;

    @Option(names = "--smoke", description = "the short version: one part of each kind, killed as soon as orders flow, 40 products and shoppers")
    boolean smoke;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FailoverBenchmark())
                .setExecutionExceptionHandler((e, command, parsed) -> BenchmarkFailure.report("failover benchmark", e))
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (smoke) {
            products = 40;
            users = 40;
        }
        List<String> toKill = victims != null ? victims : smoke ? FailoverDrill.EVERY_KIND : FULL_VICTIMS;
        Path root = repository.toAbsolutePath().normalize();
        Path folder = (data != null ? data : root.resolve("loadgen/target/bench-failover")).toAbsolutePath();
        try (Platform platform = BenchmarkPlatform.start(root, folder, FailoverDrill.clusterWithTraffic(ordersPerSecond, products, users));
                FailoverDrill drill = FailoverDrill.begin(platform, line -> System.out.println("[failover] " + line))) {
            double steadyRate = smoke ? 0 : drill.awaitSteadyRate(ordersPerSecond, WARM_UP);
            long ordersBefore = drill.orderCount();
            long killsStarted = System.nanoTime();
            List<KillOutcome> kills = drill.killEach(toKill);
            double ratePerKill = (drill.orderCount() - ordersBefore) / ((System.nanoTime() - killsStarted) / 1e9);
            FailoverDrill.Settlement settlement = drill.settle();
            Files.write(folder.resolve("client-errors.tsv"), drill.errors());
            settlement.lines().forEach(line -> System.out.println("[failover] " + line));

            BenchmarkResult result = result(kills, settlement, folder, steadyRate, ratePerKill);
            result.figures().forEach((name, value) -> System.out.printf(Locale.ROOT, "  %-40s %,.1f%n", name, value));
            System.out.println("command: " + result.command());
            if (results != null) {
                result.write(results);
            }
            List<String> broken = new ArrayList<>();
            kills.stream().filter(kill -> !kill.withinBudget(FailoverDrill.MAX_ERROR_TIME))
                    .forEach(kill -> broken.add(kill.victim() + " cost clients " + kill.seen().failed() + " failed answers and "
                            + KillOutcome.seconds(kill.seen().errorTime()) + " s of errors"));
            kills.stream().filter(kill -> kill.seen().answers() == 0)
                    .forEach(kill -> broken.add("the probe got no answer at all through the kill of " + kill.victim()));
            if (!settlement.verification().consistent() || !settlement.verification().complete()) {
                broken.add(settlement.verification().mismatchCount() + " read-model mismatches");
            }
            if (!settlement.revenueEqual()) {
                broken.add("ClickHouse revenue differs from PostgreSQL's");
            }
            if (!broken.isEmpty()) {
                System.err.println("failover benchmark failed: " + String.join("; ", broken));
                return 1;
            }
            return 0;
        }
    }

    private BenchmarkResult result(List<KillOutcome> kills, FailoverDrill.Settlement settlement, Path folder,
                                   double steadyRate, double ratePerKill) {
        BenchmarkResult.Builder result = BenchmarkResult.builder("failover");
        double maxError = 0;
        double totalError = 0;
        double maxReady = 0;
        int failed = 0;
        for (KillOutcome kill : kills) {
            double error = KillOutcome.seconds(kill.seen().errorTime());
            double ready = KillOutcome.seconds(kill.restarted());
            String figure = "failover." + kill.victim().replaceAll("[^a-z0-9]+", "_");
            result.figure(figure + "_ready_s", ready).figure(figure + "_error_s", error);
            maxError = Math.max(maxError, error);
            totalError += error;
            maxReady = Math.max(maxReady, ready);
            failed += kill.seen().failed();
            result.note(kill.line().lines().findFirst().orElse(kill.victim()));
        }
        result.figure("failover.max_error_s", maxError)
                .figure("failover.total_error_s", totalError)
                .figure("failover.max_ready_s", maxReady)
                .figure("failover.failed", failed)
                .figure("failover.mismatches", settlement.verification().mismatchCount())
                .figure("failover.revenue_diff_cents", Math.abs(settlement.postgresRevenueCents()
                        - settlement.clickHouseRevenueCents()))
                .figure("failover.target_orders_per_s", ordersPerSecond)
                .figure("failover.steady_orders_per_s", steadyRate)
                .figure("failover.orders_per_s", ratePerKill);
        settlement.lines().forEach(result::note);
        result.note("every answer that was not OK: " + folder.resolve("client-errors.tsv"));
        result.chart(errorChart(kills));
        return result.build(command());
    }

    /** Per kill, in order: how long the part took to be ready again and how long clients saw errors. */
    private static BenchmarkResult.Chart errorChart(List<KillOutcome> kills) {
        List<BenchmarkResult.Point> ready = new ArrayList<>();
        List<BenchmarkResult.Point> errors = new ArrayList<>();
        for (int i = 0; i < kills.size(); i++) {
            ready.add(new BenchmarkResult.Point(i + 1, KillOutcome.seconds(kills.get(i).restarted())));
            errors.add(new BenchmarkResult.Point(i + 1, KillOutcome.seconds(kills.get(i).seen().errorTime())));
        }
        return new BenchmarkResult.Chart("failover-kills", "Each kill: restart until ready, and client error time",
                "kill number (in the order of the notes)", "seconds",
                List.of(new BenchmarkResult.Line("ready again", ready), new BenchmarkResult.Line("client errors", errors)));
    }

    private String command() {
        String given = victims == null ? "" : " --victims " + String.join(",", victims);
        return "java -Xmx512m -cp 'loadgen/target/lib/*' " + FailoverBenchmark.class.getName()
                + String.format(Locale.ROOT, " --orders-per-second %s --products %d --users %d", ordersPerSecond, products, users)
                + given + (smoke ? " --smoke" : "");
    }

    private static List<String> concat(List<String> first, String last) {
        List<String> all = new ArrayList<>(first);
        all.add(last);
        return List.copyOf(all);
    }
}
