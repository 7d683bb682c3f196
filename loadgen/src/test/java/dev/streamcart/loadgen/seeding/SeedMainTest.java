package dev.streamcart.loadgen.seeding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.config.Settings;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.db.Migrations;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./platform seed} on real PostgreSQL (migrated by serving-api), Kafka and the schema registry. */
class SeedMainTest {

    private static final List<String> SEEDED_TABLES = List.of("categories", "sellers", "products", "inventory", "users",
            "orders", "order_items", "payments", "outbox", "reviews");

    private static LocalInfrastructure infra;
    private static Path dataDir;

    @BeforeAll
    static void startInfrastructure() throws IOException {
        dataDir = Folders.emptied(Path.of("target/seed-main-test").toAbsolutePath());
        infra = LocalInfrastructure.builder(dataDir.resolve("infra")).postgres().kafka().schemaRegistry().topics().start();
        Migrations.apply(infra.postgres());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (infra != null) {
            infra.close();
        }
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run seed(Settings settings, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SeedMain main = new SeedMain(settings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] withData = new String[args.length + 1];
        System.arraycopy(args, 0, withData, 0, args.length);
        withData[args.length] = "--data-dir=" + dataDir;
        int exitCode = main.commandLine().execute(withData);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = infra.postgres().getConnection(); Statement statement = connection.createStatement()) {
            for (String table : SEEDED_TABLES) {
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    row.next();
                    counts.put(table, row.getLong(1));
                }
            }
        }
        return counts;
    }

    private static long scalar(String sql) throws SQLException {
        try (Connection connection = infra.postgres().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void badInputIsRefusedWithExitCodeTwoAndNothingWritten() throws Exception {
        Map<String, Long> before = counts();
        Run negative = seed(infra.settings(), "--products=-5", "--users=10", "--orders=10");
        assertThat(negative.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(negative.err()).contains("--products must be between 1 and 10000000, was -5").contains("nothing was written");

        Run absurd = seed(infra.settings(), "--products=10", "--users=10", "--orders=1000000000000");
        assertThat(absurd.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(absurd.err()).contains("--orders must be between 0 and 20000000");

        Run days = seed(infra.settings(), "--profile", "smoke", "--days", "0");
        assertThat(days.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(days.err()).contains("--days must be between 1 and 365");

        Run profile = seed(infra.settings(), "--profile", "huge");
        assertThat(profile.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(profile.err()).contains("--profile must be smoke or large");

        Run until = seed(infra.settings(), "--profile", "smoke", "--until", "yesterday");
        assertThat(until.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(until.err()).contains("--until must be an ISO-8601 instant");

        Run incomplete = seed(infra.settings(), "--products=10");
        assertThat(incomplete.exitCode()).isEqualTo(SeedMain.REFUSED);

        Run unknownOption = seed(infra.settings(), "--profile", "smoke", "--oders", "5");
        assertThat(unknownOption.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aSeedLargerThanTheFreeDiskIsRefusedBeforeAnythingIsWritten() throws Exception {
        SeedSize biggest = new SeedSize(SeedSize.MAX_PRODUCTS, SeedSize.MAX_USERS, SeedSize.MAX_ORDERS, 7, 1);
        assumeThat(DiskEstimate.of(biggest).fitsIn(DiskEstimate.freeBytes(dataDir))).as("this disk is large enough").isFalse();
        Map<String, Long> before = counts();
        Run run = seed(infra.settings(), "--products=" + SeedSize.MAX_PRODUCTS, "--users=" + SeedSize.MAX_USERS,
                "--orders=" + SeedSize.MAX_ORDERS);
        assertThat(run.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(run.err()).contains("not enough disk").contains("GB free");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void withoutARunningPlatformNothingIsWritten() throws Exception {
        Map<String, Long> before = counts();
        Run noSettings = seed(Settings.of(Map.of()), "--profile", "smoke");
        assertThat(noSettings.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(noSettings.err()).contains("no running platform");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Run noPostgres = seed(infra.settings().with(Map.of(CommonKeys.JDBC_URL,
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres")), "--profile", "smoke");
        assertThat(noPostgres.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(noPostgres.err()).contains("no running platform").contains("does not answer");

        Run withoutKafka = seed(infra.settings().with(Map.of(CommonKeys.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:" + closedPort)),
                "--profile", "smoke");
        assertThat(withoutKafka.exitCode()).isEqualTo(SeedMain.REFUSED);
        assertThat(withoutKafka.err()).contains("Kafka");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aSeedWritesConsistentRowsAndASecondSeedAddsToThemWithoutCollisions() throws Exception {
        long clicksBefore = clickstreamEnd();
        Run first = seed(infra.settings(), "--products=600", "--users=400", "--orders=3000", "--days=3", "--seed=5");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("seeded 600 products, 400 users, 3,000 orders");
        Map<String, Long> afterFirst = counts();
        assertThat(afterFirst.get("orders")).isGreaterThanOrEqualTo(3_000);

        Run second = seed(infra.settings(), "--products=600", "--users=400", "--orders=3000", "--days=3", "--seed=5");
        assertThat(second.exitCode()).as(second.err()).isZero();
        Map<String, Long> afterSecond = counts();
        assertThat(afterSecond.get("orders") - afterFirst.get("orders")).isEqualTo(3_000);
        assertThat(afterSecond.get("products") - afterFirst.get("products")).isEqualTo(600);

        // the stock invariant and reservations that match the orders still open
        assertThat(scalar("SELECT count(*) FROM inventory WHERE reserved_quantity < 0 OR reserved_quantity > quantity")).isZero();
        assertThat(scalar("""
                SELECT count(*) FROM inventory i
                LEFT JOIN (SELECT product_id, warehouse_id, sum(quantity) AS held FROM stock_reservations
                           WHERE status = 'HELD' GROUP BY product_id, warehouse_id) r
                       ON r.product_id = i.product_id AND r.warehouse_id = i.warehouse_id
                WHERE i.reserved_quantity <> COALESCE(r.held, 0)""")).isZero();
        assertThat(scalar("""
                SELECT count(*) FROM orders o WHERE status IN ('PENDING_PAYMENT', 'PAID', 'FULFILLING')
                AND NOT EXISTS (SELECT 1 FROM stock_reservations r WHERE r.order_id = o.id AND r.status = 'HELD')""")).isZero();
        // every paid order has its captured payment and its ORDER_PAID event; money adds up to the cent
        assertThat(scalar("""
                SELECT count(*) FROM orders o WHERE o.total <> o.subtotal + o.tax_amount + o.shipping_amount
                   OR o.subtotal <> (SELECT sum(total_price) FROM order_items i WHERE i.order_id = o.id)""")).isZero();
        assertThat(scalar("SELECT count(*) FROM outbox WHERE event_type = 'ORDER_PAID'"))
                .isEqualTo(scalar("SELECT count(*) FROM payments WHERE status <> 'FAILED'"));
        assertThat(scalar("SELECT count(*) FROM outbox WHERE event_type = 'ORDER_PLACED'")).isEqualTo(afterSecond.get("orders"));

        // the API keeps working after a seed: its sequences are past every seeded id
        for (String table : SEEDED_TABLES.stream().filter(table -> !table.equals("outbox")).toList()) {
            assertThat(scalar("SELECT nextval(pg_get_serial_sequence('" + table + "', 'id')) - (SELECT max(id) FROM "
                    + table + ")")).as(table).isPositive();
        }
        long clicks = scalar("SELECT count(*) FROM orders") * 8;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(clickstreamEnd() - clicksBefore).isGreaterThan(clicks));
    }

    private static long clickstreamEnd() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(Topics.CLICKSTREAM.name())).allTopicNames().get()
                    .get(Topics.CLICKSTREAM.name()).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(Topics.CLICKSTREAM.name(), p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }
}
