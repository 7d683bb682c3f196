package dev.streamcart.loadgen.failover;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.streamcart.loadgen.benchmark.BenchmarkClient;
import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.launcher.Topology;
import dev.streamcart.localstack.launcher.verify.PlatformVerifier;
import dev.streamcart.localstack.launcher.verify.VerificationReport;
import dev.streamcart.localstack.process.ManagedProcess;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Kills parts of a running {@code --cluster} platform one at a time, under the simulator's traffic and
 * a {@link FailoverProbe}'s requests through HAProxy, and measures what each kill cost: how long until
 * the part was back, and how long clients saw errors. {@link #settle()} then stops the traffic and
 * checks that nothing accepted was lost or doubled. {@link FailoverBenchmark} runs it: its smoke mode
 * is the short version in {@code ./platform test}, its full mode the version in the report.
 */
public final class FailoverDrill implements AutoCloseable {

    /** The longest clients may see errors per kill, in all. */
    public static final Duration MAX_ERROR_TIME = Duration.ofSeconds(10);
    /** Stands for whichever ingest-cdc instance holds the capture lock when its turn comes. */
    public static final String ACTIVE_CAPTURE = "ingest-cdc-active";
    /** Every kind of part, one instance each: what the short version kills. */
    public static final List<String> EVERY_KIND = List.of("kafka-2", "inventory-streams-1", "order-streams-2",
            ACTIVE_CAPTURE, "serving-api-1", "flink-taskmanager-1", "clickhouse", "postgres");

    private static final Duration HEALTHY_FOR = Duration.ofSeconds(5);
    /** How far back {@link #awaitSteadyRate} measures the order rate. */
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /**
     * The order lines of captured orders, as Flink counts them from ORDER_PAID: a payment still
     * pending, authorised or capturing has taken no money yet, and a voided or failed one never will.
     */
    private static final String PAID_REVENUE_CENTS = """
            SELECT COALESCE(sum(i.total_price * 100), 0)::bigint FROM order_items i
            JOIN (SELECT DISTINCT order_id FROM payments WHERE status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED')) p
            ON p.order_id = i.order_id""";

    /** What {@link #settle()} found once the traffic stopped. */
    public record Settlement(VerificationReport verification, long postgresRevenueCents, long clickHouseRevenueCents) {

        public boolean revenueEqual() {
            return postgresRevenueCents == clickHouseRevenueCents;
        }

        public List<String> lines() {
            List<String> lines = new ArrayList<>(verification.lines());
            lines.add(revenueEqual() ? "ClickHouse revenue equals PostgreSQL's: " + postgresRevenueCents + " cents"
                    : "ClickHouse revenue " + clickHouseRevenueCents + " cents, PostgreSQL's " + postgresRevenueCents + " cents");
            return lines;
        }
    }

    private final Platform platform;
    private final Consumer<String> log;
    private final FailoverProbe probe;

    private FailoverDrill(Platform platform, Consumer<String> log, FailoverProbe probe) {
        this.platform = platform;
        this.log = log;
        this.probe = probe;
    }

    /**
     * How the drill starts the platform: {@code --cluster} with the simulator at {@code ordersPerSecond},
     * on a free API port.
     */
    public static PlatformOptions clusterWithTraffic(double ordersPerSecond, int products, int users) {
        return PlatformOptions.defaults().withApiPort(0).withTopology(Topology.cluster()).withTraffic(true,
                List.of("--orders-per-second=" + ordersPerSecond, "--products=" + products, "--users=" + users));
    }

    /** Waits for the simulator's first orders, then starts the probe as a customer and waits until it is served. */
    public static FailoverDrill begin(Platform platform, Consumer<String> log) throws SQLException {
        awaitMoreOrders(platform, 10);
        String token = BenchmarkClient.forApi(platform.endpoints().apiUrl())
                .loginToken(platform.adminCredentials().email(), platform.adminCredentials().password());
        FailoverProbe probe = new FailoverProbe(platform.endpoints().apiUrl(), Objects.requireNonNull(token),
                postgres(platform, "SELECT min(id) FROM users WHERE role = 'customer'"), products(platform));
        probe.start();
        FailoverDrill drill = new FailoverDrill(platform, log, probe);
        await().atMost(PATIENCE).until(() -> probe.healthyFor(HEALTHY_FOR));
        drill.awaitMetricsServed();
        return drill;
    }

    /**
     * Every process that the cluster lists as serving {@code /metrics} answers with its JVM's metrics,
     * and each Flink process with Flink's too: this drill is where {@code --cluster} runs in the test suite.
     */
    private void awaitMetricsServed() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, String> urls = platform.metricsUrls();
        // a busy cluster (twenty-odd JVMs on two cores) may take seconds to answer a scrape: a slow or
        // refused one is asked again, and only an endpoint that never answers fails the drill
        await("every /metrics of the cluster").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    for (Map.Entry<String, String> process : urls.entrySet()) {
                        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(process.getValue()))
                                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                        String expected = process.getKey().startsWith("flink-") ? "flink_" : "jvm_memory_used_bytes";
                        if (scrape.statusCode() != 200 || !scrape.body().contains(expected)) {
                            throw new AssertionError(process.getKey() + " at " + process.getValue() + " answered "
                                    + scrape.statusCode() + " without " + expected);
                        }
                    }
                });
        log.accept("metrics: all " + urls.size() + " processes serve /metrics (" + String.join(", ", urls.keySet()) + ")");
    }

    /**
     * Waits until PostgreSQL has taken orders at no less than four fifths of {@code ordersPerSecond} over
     * the last minute, or until {@code atMost} has passed. A freshly started cluster is some twenty JVMs
     * that compile and fill their caches for minutes, during which they serve slowly; a kill then would
     * measure the warm-up rather than the failover.
     *
     * @return the rate over the last minute when it stopped waiting
     */
    public double awaitSteadyRate(double ordersPerSecond, Duration atMost) {
        List<OrderCount> counts = new ArrayList<>();
        double[] rate = {0};
        try {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(5)).until(() -> {
                OrderCount now = new OrderCount(System.nanoTime(), orderCount());
                counts.add(now);
                OrderCount windowStart = null;
                for (OrderCount count : counts) {
                    if (now.nanos() - count.nanos() >= RATE_WINDOW.toNanos()) {
                        windowStart = count;
                    }
                }
                if (windowStart == null) {
                    return false;
                }
                rate[0] = (now.orders() - windowStart.orders()) / ((now.nanos() - windowStart.nanos()) / 1e9);
                return rate[0] >= 0.8 * ordersPerSecond;
            });
            log.accept(String.format(Locale.ROOT, "steady: %.1f orders/s over the last minute", rate[0]));
        } catch (ConditionTimeoutException e) {
            log.accept(String.format(Locale.ROOT, "not steady after %s: %.1f orders/s over the last minute, %.1f asked",
                    atMost, rate[0], ordersPerSecond));
        }
        return rate[0];
    }

    /** Orders PostgreSQL holds, the simulator's and the probe's. */
    public long orderCount() throws SQLException {
        return postgres(platform, "SELECT count(*) FROM orders");
    }

    private record OrderCount(long nanos, long orders) {}

    /** Kills each victim in turn; see {@link #kill(String)}. */
    public List<KillOutcome> killEach(List<String> victims) throws SQLException {
        List<KillOutcome> kills = new ArrayList<>();
        for (String victim : victims) {
            KillOutcome kill = kill(victim);
            kills.add(kill);
            kill.line().lines().forEach(log);
        }
        return kills;
    }

    /**
     * Kills {@code victim} with SIGKILL, waits for the supervisor's restart to be ready, for the probe to
     * be served without error for a few seconds, and for the simulator to place new orders.
     */
    public KillOutcome kill(String victim) throws SQLException {
        String name = ACTIVE_CAPTURE.equals(victim) ? activeCapture() : victim;
        Instant killedAt = Instant.now();
        Supplier<Object> identity = () -> "postgres".equals(name) ? platform.postgres() : platform.service(name);
        Object before = identity.get();
        if ("postgres".equals(name)) {
            ProcessHandle.of(platform.postgres().postmasterPid()).ifPresent(ProcessHandle::destroyForcibly);
        } else {
            platform.service(name).kill();
        }
        await().atMost(PATIENCE).until(() -> identity.get() != before && ready(name));
        Duration restarted = Duration.between(killedAt, Instant.now());
        await().atMost(PATIENCE).until(() -> probe.healthyFor(HEALTHY_FOR));
        Instant servedAgain = probe.lastError().orElse(killedAt);
        Duration recovered = servedAgain.isAfter(killedAt) ? Duration.between(killedAt, servedAgain) : Duration.ZERO;
        awaitMoreOrders(platform, 5);
        return new KillOutcome(name, restarted, recovered, probe.window(killedAt, Instant.now()));
    }

    /**
     * Stops the simulator and the probe, then compares every read model with PostgreSQL and, once
     * ClickHouse has caught up (or after three minutes), its revenue with PostgreSQL's.
     */
    public Settlement settle() throws SQLException, InterruptedException {
        platform.stopService("loadgen");
        probe.close();
        VerificationReport verification = PlatformVerifier.verifyUntilConsistent(platform.endpoints(),
                PlatformVerifier.DEFAULT_GRACE, Duration.ofMinutes(2));
        long revenue = postgres(platform, PAID_REVENUE_CENTS);
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> clickHouseRevenue() == revenue);
        } catch (ConditionTimeoutException e) {
            log.accept("ClickHouse revenue did not reach PostgreSQL's within " + PATIENCE);
        }
        return new Settlement(verification, revenue, clickHouseRevenue());
    }

    /** Every answer the probe got that was not OK, one per line. */
    public List<String> errors() {
        return probe.errors();
    }

    private long clickHouseRevenue() {
        try (ClickHouseClient clickHouse = ClickHouseClient.open(ClickHouseSettings.of(platform.endpoints().clickHouseUrl(),
                ClickHouseSettings.DEFAULT_DATABASE), Duration.ofSeconds(5), Duration.ofSeconds(10))) {
            String value = clickHouse.scalar("SELECT sum(revenue_cents) FROM " + clickHouse.qualified("sales_per_minute") + " FINAL");
            return value.isEmpty() ? 0 : Long.parseLong(value);
        }
    }

    /** Running again: PostgreSQL's postmaster alive, ClickHouse alive, Flink whole, a service's new run ready. */
    private boolean ready(String victim) {
        if ("postgres".equals(victim)) {
            return ProcessHandle.of(platform.postgres().postmasterPid()).map(ProcessHandle::isAlive).orElse(false);
        }
        ManagedProcess process = platform.service(victim);
        if (victim.startsWith("flink-")) {
            return process.isAlive() && platform.flinkReady();
        }
        return "clickhouse".equals(victim) ? process.isAlive() : process.isAlive() && process.isReady();
    }

    /** The ingest-cdc instance that holds the capture lock now: its current run printed the active ready line. */
    private String activeCapture() {
        for (String name : List.of("ingest-cdc-1", "ingest-cdc-2")) {
            String log = platform.service(name).tail(2_000);
            String currentRun = log.substring(Math.max(0, log.lastIndexOf("=== ")));
            if (currentRun.lines().anyMatch("STREAMCART READY ingest-cdc"::equals)) {
                return name;
            }
        }
        throw new IllegalStateException("no ingest-cdc instance captures");
    }

    private static List<Long> products(Platform platform) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = platform.postgres().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT product_id FROM inventory GROUP BY product_id"
                        + " ORDER BY sum(quantity - reserved_quantity) DESC LIMIT 5")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("the simulator has created no stocked product");
        }
        return ids;
    }

    private static void awaitMoreOrders(Platform platform, int more) throws SQLException {
        long start = postgres(platform, "SELECT count(*) FROM orders");
        await().atMost(PATIENCE).until(() -> postgres(platform, "SELECT count(*) FROM orders") >= start + more);
    }

    private static long postgres(Platform platform, String sql) throws SQLException {
        try (Connection connection = platform.postgres().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws InterruptedException {
        probe.close();
    }
}
