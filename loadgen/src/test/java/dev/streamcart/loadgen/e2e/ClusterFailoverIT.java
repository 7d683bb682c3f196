package dev.streamcart.loadgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.streamcart.localstack.launcher.Platform;
import dev.streamcart.localstack.launcher.PlatformLayout;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.launcher.Topology;
import dev.streamcart.localstack.launcher.verify.PlatformVerifier;
import dev.streamcart.localstack.launcher.verify.VerificationReport;
import dev.streamcart.localstack.process.ManagedProcess;
import dev.streamcart.localstack.testing.Folders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failover under load on {@code ./platform up --cluster}: with the simulator placing orders and a
 * probe client reading stock and orders and checking out through HAProxy, one part after another is
 * killed with SIGKILL (a broker, an instance of each Streams app, the capturing ingest-cdc, an API
 * instance, a Flink TaskManager, ClickHouse, PostgreSQL) and the supervisor restarts it. Each kill must cost the client
 * only retriable answers (503, a dropped connection) for at most 10 s; afterwards nothing accepted is
 * lost or doubled: every read model equals PostgreSQL, and ClickHouse's revenue equals PostgreSQL's
 * to the cent. Each kill's recovery time is printed and written to {@code target/cluster-failover.txt}.
 */
class ClusterFailoverIT {

    private static final Duration MAX_ERROR_SPAN = Duration.ofSeconds(10);
    private static final Duration HEALTHY_FOR = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static Platform platform;
    private static FailoverProbe probe;

    /** One kill and what followed it. */
    record Kill(String victim, Duration restarted, Duration recovered, FailoverProbe.Window seen) {
        String line() {
            StringBuilder line = new StringBuilder(String.format("%-20s ready again after %5.1f s, last client error after"
                    + " %5.1f s: %4d answers, %3d retriable, errors for %4.1f s (longest %4.1f s), %d failed", victim,
                    seconds(restarted), seconds(recovered), seen.answers(), seen.retriable(), seconds(seen.errorTime()),
                    seconds(seen.longestBurst()), seen.failed()));
            seen.retriableKinds().forEach(kind -> line.append("\n      retriable: ").append(kind));
            seen.failures().forEach(failure -> line.append("\n      FAILED: ").append(failure));
            return line.toString();
        }
    }

    @BeforeAll
    static void startClusterWithTraffic() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path data = Folders.emptied(Path.of("target/cluster-failover-data").toAbsolutePath());
        PlatformOptions options = PlatformOptions.defaults().withApiPort(0).withTopology(Topology.cluster())
                .withTraffic(true, List.of("--orders-per-second=5", "--products=40", "--users=40"));
        platform = Platform.start(new PlatformLayout(repository, data), options, message -> System.out.println("[failover] " + message));
        awaitMoreOrders(10);
        String token = ApiClient.signedIn(platform.endpoints().apiUrl(), platform.adminCredentials().email(),
                platform.adminCredentials().password()).token();
        probe = new FailoverProbe(platform.endpoints().apiUrl(), token,
                postgres("SELECT min(id) FROM users WHERE role = 'customer'"), products());
        probe.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (probe != null) {
            probe.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyKillCostsClientsOnlyRetriableErrorsAndLosesNothing() throws Exception {
        await().atMost(PATIENCE).until(() -> probe.healthyFor(HEALTHY_FOR));
        List<Kill> kills = new ArrayList<>();
        for (String victim : List.of("kafka-2", "inventory-streams-1", "order-streams-2", activeCapture(), "serving-api-1",
                "flink-taskmanager-1", "clickhouse", "postgres")) {
            kills.add(kill(victim));
            kills.get(kills.size() - 1).line().lines().forEach(line -> System.out.println("[failover] " + line));
        }
        platform.stopService("loadgen");
        probe.close();
        Files.write(Path.of("target/cluster-failover-errors.tsv"), probe.errors());

        List<String> report = new ArrayList<>(kills.stream().map(Kill::line).toList());
        VerificationReport verification = PlatformVerifier.verifyUntilConsistent(platform.endpoints(),
                PlatformVerifier.DEFAULT_GRACE, Duration.ofMinutes(2));
        report.addAll(verification.lines());
        long revenueCents = postgres("""
                SELECT COALESCE(sum(i.total_price * 100), 0)::bigint FROM order_items i
                JOIN (SELECT DISTINCT order_id FROM payments WHERE status <> 'FAILED') p ON p.order_id = i.order_id""");
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(clickHouse("SELECT sum(revenue_cents) FROM streamcart.sales_per_minute FINAL"))
                        .as("ClickHouse revenue in cents").isEqualTo(Long.toString(revenueCents)));
        report.add("ClickHouse revenue equals PostgreSQL's: " + revenueCents + " cents");
        Files.write(Path.of("target/cluster-failover.txt"), report);
        report.forEach(line -> System.out.println("[failover] " + line));

        assertThat(verification.mismatches()).isEmpty();
        assertThat(verification.complete()).as("nothing left in flight once traffic stopped").isTrue();
        for (Kill kill : kills) {
            assertThat(kill.seen().failures()).as("non-retriable answers after killing " + kill.victim()).isEmpty();
            assertThat(kill.seen().errorTime()).as("time clients saw errors after killing " + kill.victim())
                    .isLessThanOrEqualTo(MAX_ERROR_SPAN);
            assertThat(kill.seen().answers()).as("the probe kept asking through " + kill.victim()).isPositive();
        }
    }

    /** Kills {@code victim}, waits for its restart and for clients to be served again, and for new orders. */
    private static Kill kill(String victim) throws SQLException {
        Instant killedAt = Instant.now();
        Supplier<Object> identity = () -> "postgres".equals(victim) ? platform.postgres() : platform.service(victim);
        Object before = identity.get();
        if ("postgres".equals(victim)) {
            long pid = platform.postgres().postmasterPid();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } else {
            platform.service(victim).kill();
        }
        await().atMost(PATIENCE).until(() -> identity.get() != before && ready(victim));
        Duration restarted = Duration.between(killedAt, Instant.now());
        await().atMost(PATIENCE).until(() -> probe.healthyFor(HEALTHY_FOR));
        Instant servedAgain = probe.lastError().orElse(killedAt);
        Duration recovered = servedAgain.isAfter(killedAt) ? Duration.between(killedAt, servedAgain) : Duration.ZERO;
        awaitMoreOrders(5);
        return new Kill(victim, restarted, recovered, probe.window(killedAt, Instant.now()));
    }

    /** Running again: PostgreSQL's postmaster and ClickHouse alive, a service's new run ready. */
    private static boolean ready(String victim) {
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
    private static String activeCapture() {
        for (String name : List.of("ingest-cdc-1", "ingest-cdc-2")) {
            ManagedProcess process = platform.service(name);
            String log = process.tail(2_000);
            String currentRun = log.substring(Math.max(0, log.lastIndexOf("=== ")));
            if (currentRun.lines().anyMatch("STREAMCART READY ingest-cdc"::equals)) {
                return name;
            }
        }
        throw new AssertionError("no ingest-cdc instance captures");
    }

    private static List<Long> products() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = platform.postgres().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT product_id FROM inventory GROUP BY product_id"
                        + " ORDER BY sum(quantity - reserved_quantity) DESC LIMIT 5")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private static void awaitMoreOrders(int more) throws SQLException {
        long start = postgres("SELECT count(*) FROM orders");
        await().atMost(PATIENCE).until(() -> postgres("SELECT count(*) FROM orders") >= start + more);
    }

    private static long postgres(String sql) throws SQLException {
        try (Connection connection = platform.postgres().dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String clickHouse(String sql) throws IOException, InterruptedException {
        URI query = URI.create(platform.endpoints().clickHouseUrl() + "/?query="
                + URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(query)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().trim();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
