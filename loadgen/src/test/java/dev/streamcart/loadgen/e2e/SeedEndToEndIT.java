package dev.streamcart.loadgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.apiclient.ApiUnreachableException;
import dev.streamcart.loadgen.benchmark.ReadPathBenchmark;
import dev.streamcart.loadgen.benchmark.ReadPathSample;
import dev.streamcart.loadgen.scale.ProcessMemory;
import dev.streamcart.loadgen.seeding.SeedMain;
import dev.streamcart.localstack.launcher.AdminSession;
import dev.streamcart.localstack.launcher.Endpoints;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.launcher.verify.PlatformVerifier;
import dev.streamcart.localstack.launcher.verify.VerificationReport;
import dev.streamcart.localstack.process.ManagedProcess;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./platform seed --profile smoke} into the whole platform (started without traffic, as
 * {@code ./platform up --no-traffic}), then exactness: the paid orders, revenue, refunds and failed
 * payments that PostgreSQL holds are what ClickHouse counts, to the cent, and every stock level and
 * order status of the read models equals PostgreSQL's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedEndToEndIT {

    /** serving-api runs with -Xmx512m; what it holds must not grow with the data (at most 1 GB RSS, the scale target). */
    private static final long API_RSS_LIMIT_MIB = 1_024;

    private static final Duration ABSORPTION = Duration.ofMinutes(5);

    @RegisterExtension
    static final PlatformUnderTest PLATFORM = PlatformUnderTest.in("e2e-seed-data", "seed-e2e",
            PlatformOptions.defaults().withApiPort(0).withTraffic(false, List.of()));

    private static Endpoints endpoints;
    private static String seedOutput;

    @BeforeAll
    static void seed() {
        Path data = PLATFORM.data();
        endpoints = PLATFORM.get().endpoints();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(out, true, StandardCharsets.UTF_8);
        long started = System.nanoTime();
        int exitCode = new SeedMain(Settings.of(endpoints.serviceSettings()), tee, System.err).commandLine()
                .execute("--profile", "smoke", "--seed", "12", "--data-dir=" + data);
        seedOutput = out.toString(StandardCharsets.UTF_8);
        System.out.println(seedOutput);
        System.out.printf("[seed-e2e] seed took %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(exitCode).as(seedOutput).isZero();
    }

    @Test
    @Order(1)
    void clickHouseCountsExactlyWhatPostgresHolds() throws Exception {
        assertThat(seedOutput).contains("seeded 2,000 products, 2,000 users, 10,000 orders");
        long paidOrders = postgres("SELECT count(*) FROM payments WHERE status <> 'FAILED'");
        long grossCents = postgres("SELECT COALESCE(sum(amount * 100), 0)::bigint FROM payments WHERE status <> 'FAILED'");
        long refunds = postgres("SELECT count(*) FROM refunds");
        long refundedCents = postgres("SELECT COALESCE(sum(amount * 100), 0)::bigint FROM refunds");
        long failedPayments = postgres("SELECT count(*) FROM payments WHERE status = 'FAILED'");
        long revenueCents = postgres("""
                SELECT COALESCE(sum(i.total_price * 100), 0)::bigint FROM order_items i
                JOIN (SELECT DISTINCT order_id FROM payments WHERE status <> 'FAILED') p ON p.order_id = i.order_id""");
        assertThat(paidOrders).isGreaterThan(8_000);
        assertThat(refunds).isPositive();
        assertThat(failedPayments).isPositive();

        long started = System.nanoTime();
        await().atMost(ABSORPTION).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(clickHouse("SELECT sum(paid_orders), sum(gross_cents), sum(refunds), sum(refunded_cents)"
                    + " FROM streamcart.order_totals_per_minute FINAL"))
                    .isEqualTo(paidOrders + "\t" + grossCents + "\t" + refunds + "\t" + refundedCents);
            assertThat(clickHouse("SELECT sum(attempts) FROM streamcart.payments_per_minute FINAL WHERE outcome = 'FAILED'"))
                    .isEqualTo(Long.toString(failedPayments));
            assertThat(clickHouse("SELECT sum(revenue_cents) FROM streamcart.sales_per_minute FINAL"))
                    .isEqualTo(Long.toString(revenueCents));
        });
        System.out.printf("[seed-e2e] ClickHouse matched PostgreSQL %.1f s after the seed ended%n",
                (System.nanoTime() - started) / 1e9);
    }

    @Test
    @Order(2)
    void everyStockLevelAndOrderViewEqualsPostgres() throws Exception {
        long orders = postgres("SELECT count(*) FROM orders");
        long products = postgres("SELECT count(*) FROM products");
        VerificationReport report = PlatformVerifier.verifyUntilConsistent(endpoints, PlatformVerifier.DEFAULT_GRACE, ABSORPTION);
        report.lines().forEach(line -> System.out.println("[seed-e2e] " + line));
        assertThat(report.consistent()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.complete()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.ordersChecked()).isEqualTo(orders);
        assertThat(report.productsChecked()).isEqualTo(products);
        // the order state machine took every seeded transition as valid
        assertThat(endOffsets(Topics.ORDER_ANOMALIES.name())).isZero();
    }

    private static long endOffsets(String topic) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }

    @Test
    @Order(3)
    void everyReadPathAnswersOverTheSeededDataAndTheApiStaysWithinItsMemory() throws Exception {
        String token = AdminSession.login(endpoints.apiUrl(), PLATFORM.get().adminCredentials());
        ReadPathSample sample = ReadPathSample.draw(endpoints.jdbcUrl(), "postgres", "postgres");

        // the benchmark's smoke mode: a short phase per route, which must only answer as expected
        List<ReadPathBenchmark.Figures> figures = ReadPathBenchmark.measure(URI.create(endpoints.apiUrl()), token, sample,
                Duration.ofMillis(500), PLATFORM.get().layout());
        System.out.print(ReadPathBenchmark.table(figures));
        System.out.print(ReadPathBenchmark.besides(figures));

        assertThat(figures).extracting(ReadPathBenchmark.Figures::route).contains("stock", "order", "user-orders",
                "search", "recommendations", "dashboard-7d", "customers-7d");
        assertThat(figures).allSatisfy(route -> {
            assertThat(route.atFour().requests()).as(route.route()).isPositive();
            assertThat(route.atSixteen().requests()).as(route.route()).isPositive();
            assertThat(route.atFour().unexpected() + route.atSixteen().unexpected())
                    .as(route.route() + " answered something other than its expected status").isZero();
        });
        // the tail's attribution tells the API's CPU apart from the rest of the platform and reads its pause log
        assertThat(figures.get(0).cpuAtFour().coresByRole()).containsKey("serving-api").containsKey("postgres");
        assertThat(figures.get(0).cpuAtFour().coresByRole().get("serving-api")).isPositive();
        assertThat(PLATFORM.get().layout().logs().resolve("serving-api.gc.log")).isNotEmptyFile();
        long rss = ProcessMemory.residentMegabytes(PLATFORM.get().service("serving-api").pid());
        System.out.printf("[seed-e2e] serving-api RSS after seeding and the read paths: %d MiB%n", rss);
        assertThat(rss).isPositive().isLessThanOrEqualTo(API_RSS_LIMIT_MIB);
    }

    @Test
    @Order(4)
    void aKilledApiIsBackWithinThirtySecondsWithoutReplayingAnyTopic() {
        ManagedProcess killed = PLATFORM.get().service("serving-api");
        long start = System.nanoTime();
        killed.kill();
        ApiClient api = ApiClient.builder(endpoints.apiUrl()).connectTimeout(null).requestTimeout(Duration.ofSeconds(2))
                .build();
        // the launcher's supervisor starts it again after its 2 s back-off
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (PLATFORM.get().service("serving-api") == killed) {
                return false;
            }
            try {
                return api.get("/health").status() == 200;
            } catch (ApiUnreachableException e) {
                return false;
            }
        });
        System.out.printf("[seed-e2e] serving-api killed and back at /health UP in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static long postgres(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String clickHouse(String sql) throws IOException, InterruptedException {
        String base = endpoints.clickHouseUrl().endsWith("/") ? endpoints.clickHouseUrl() : endpoints.clickHouseUrl() + "/";
        URI query = URI.create(base + "?query=" + URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(query)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().trim();
    }
}
