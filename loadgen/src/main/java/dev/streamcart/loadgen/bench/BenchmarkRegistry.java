package dev.streamcart.loadgen.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every benchmark of {@code ./platform bench}, in the order it runs them (the contract's table):
 * the quick, self-contained ones first, and checkout before the two freshness benchmarks, which
 * take half of its throughput as their background load. The failover drill runs last: it starts the
 * platform as a cluster.
 */
public final class BenchmarkRegistry {

    public static final String CHECKOUT = "checkout";
    public static final String CHECKOUT_THROUGHPUT = "checkout.orders_per_s";

    private static final Duration FULL = Duration.ofMinutes(30);

    private static final List<BenchmarkDefinition> ALL = List.of(
            new BenchmarkDefinition("streams", BenchClasspath.testClasses("inventory-streams"),
                    "dev.streamcart.inventory.bench.ThroughputBenchmark", List.of("-Xmx1g"),
                    List.of("streams.ratio", "streams.records_per_s", "streams.consumer_records_per_s"), FULL, false),
            new BenchmarkDefinition("flink", BenchClasspath.testClasses("analytics-flink"),
                    "dev.streamcart.analytics.sales.KpiJobBenchmark", List.of("-Xmx1g"),
                    List.of("flink.ratio", "flink.events_per_s", "flink.client_events_per_s"), FULL, false),
            new BenchmarkDefinition("training", BenchClasspath.lib("recommender-spark"),
                    "dev.streamcart.recommender.benchmark.TrainingBenchmark", List.of("-Xmx2g", "-XX:+UseParallelGC"),
                    List.of("training.seconds"), FULL, false),
            new BenchmarkDefinition("recommendations", BenchClasspath.lib("loadgen"),
                    "dev.streamcart.loadgen.benchmark.RecommendationBenchmark", List.of("-Xmx1g"),
                    List.of("recommendations.rps", "recommendations.p99_ms"), FULL, false),
            new BenchmarkDefinition("read_paths", BenchClasspath.lib("loadgen"),
                    "dev.streamcart.loadgen.benchmark.ReadPathBenchmarkMain", List.of("-Xmx1g"),
                    List.of("stock_lookup.rps", "stock_lookup.p99_ms", "stock_lookup.baseline_rps", "search.p99_ms",
                            "floor.p99_ms"), FULL, false),
            new BenchmarkDefinition(CHECKOUT, BenchClasspath.lib("loadgen"),
                    "dev.streamcart.loadgen.checkoutbench.CheckoutBenchmarkMain", List.of("-Xmx512m"),
                    List.of(CHECKOUT_THROUGHPUT, "checkout.p99_ms", "checkout.pgbench_tps", "checkout.ratio"), FULL, false),
            new BenchmarkDefinition("stock_freshness", BenchClasspath.lib("loadgen"),
                    "dev.streamcart.loadgen.benchmark.FreshnessBenchmark", List.of("-Xmx512m"),
                    List.of("stock_freshness.p50_ms", "stock_freshness.p99_ms"), FULL, true),
            new BenchmarkDefinition("dashboard_freshness", BenchClasspath.lib("loadgen"),
                    "dev.streamcart.loadgen.benchmark.DashboardFreshnessBenchmark", List.of("-Xmx512m"),
                    List.of("dashboard_freshness.p50_ms", "dashboard_freshness.p99_ms"), FULL, true),
            new BenchmarkDefinition("spike", BenchClasspath.lib("loadgen"),
                    "dev.streamcart.loadgen.benchmark.SpikeBenchmark", List.of("-Xmx512m"),
                    List.of("spike.checkout_p99_ms", "spike.freshness_p99_ms", "spike.shed", "spike.drain_seconds",
                            "spike.mismatches", "spike.lost_orders", "spike.oversold"), FULL, false),
            new BenchmarkDefinition("failover", BenchClasspath.lib("loadgen"),
                    "dev.streamcart.loadgen.failover.FailoverBenchmark", List.of("-Xmx512m"),
                    List.of("failover.max_error_s", "failover.max_ready_s", "failover.failed", "failover.mismatches",
                            "failover.revenue_diff_cents"), Duration.ofMinutes(45), false));

    private BenchmarkRegistry() {}

    public static List<BenchmarkDefinition> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(BenchmarkDefinition::name).toList();
    }

    /** The benchmarks named, in the registry's order (not the order given); all of them for an empty list. */
    public static List<BenchmarkDefinition> select(List<String> only) {
        if (only.isEmpty()) {
            return ALL;
        }
        Set<String> wanted = new LinkedHashSet<>(only);
        List<String> unknown = new ArrayList<>(wanted);
        unknown.removeAll(names());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown benchmark " + String.join(", ", unknown) + "; the benchmarks are "
                    + String.join(", ", names()));
        }
        return ALL.stream().filter(definition -> wanted.contains(definition.name())).toList();
    }
}
