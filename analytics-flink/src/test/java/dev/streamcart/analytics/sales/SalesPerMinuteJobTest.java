package dev.streamcart.analytics.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import dev.streamcart.analytics.clickhouse.ClickHouseEndpoint;
import dev.streamcart.analytics.clickhouse.ClickHouseGateway;
import dev.streamcart.analytics.clickhouse.ClickHouseMigrator;
import dev.streamcart.analytics.clickhouse.MigrationScripts;
import dev.streamcart.analytics.testing.TestFolders;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job end to end on real Kafka, schema registry and ClickHouse 18.16, run as the launcher
 * runs it (its own JVM): totals exact to the cent, through a SIGKILL and a restart from the
 * checkpoint, duplicate deliveries, late payments, and a full replay from the earliest offsets.
 */
class SalesPerMinuteJobTest {

    private static final String DATABASE = "sales_job_test";
    private static final int PARTITIONS = Topics.ORDER_EVENTS.partitions();

    private static Path folder;
    private static LocalInfrastructure infra;
    private static ClickHouseGateway clickHouse;
    private static KafkaProducer<String, OrderEvent> producer;

    @BeforeAll
    static void startInfrastructure() {
        folder = TestFolders.fresh("sales-job");
        infra = LocalInfrastructure.builder(folder.resolve("infra")).kafka().schemaRegistry().clickHouse().topics().start();
        ClickHouseEndpoint endpoint = new ClickHouseEndpoint(infra.clickHouseUrl(), DATABASE, "default", "");
        new ClickHouseMigrator(endpoint).migrate(MigrationScripts.fromClasspath(MigrationScripts.DEFAULT_FOLDER));
        clickHouse = ClickHouseGateway.open(endpoint);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, Topics.ORDER_EVENTS.keySerde().serializer(),
                Topics.ORDER_EVENTS.valueSerde(new SchemaRegistryClient(infra.schemaRegistryUrl())).serializer());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (producer != null) {
            producer.close();
        }
        if (clickHouse != null) {
            clickHouse.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void totalsStayExactThroughAKillARestartFromTheCheckpointAndAFullReplay() throws Exception {
        Instant firstMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);
        OrderEventFixtures fixtures = new OrderEventFixtures(42, 1);
        ExpectedSales expected = new ExpectedSales();
        Path checkpoints = folder.resolve("platform").resolve("analytics-flink").resolve("checkpoints");

        // 1. first run: three minutes of orders, read from the earliest offset
        List<OrderEvent> firstBatch = fixtures.orders(60, firstMinute, 3);
        try (SalesJobProcess job = SalesJobProcess.start(jobSettings(), folder.resolve("logs/run-1.log")).awaitReady()) {
            assertThat(job.log()).contains("reading order-events from the earliest offsets");
            send(firstBatch);
            expected.addAll(firstBatch);
            moveEventTimeTo(firstMinute.plus(10, ChronoUnit.MINUTES));
            awaitClickHouseTotals(expected);
            await("a completed checkpoint").atMost(Duration.ofSeconds(30)).until(() -> completedCheckpoints(checkpoints) > 0);
            // 2. crash
            job.kill();
        }

        // 3. second run resumes from the checkpoint; meanwhile late payments for the second minute,
        //    a new minute, and payments from the first batch delivered again
        List<OrderEvent> latePayments = fixtures.orders(15, firstMinute.plus(1, ChronoUnit.MINUTES), 1);
        List<OrderEvent> newMinute = fixtures.orders(15, firstMinute.plus(4, ChronoUnit.MINUTES), 1);
        List<OrderEvent> redelivered = firstBatch.stream().filter(e -> e.getType() == OrderEventType.ORDER_PAID).limit(5).toList();
        try (SalesJobProcess job = SalesJobProcess.start(jobSettings(), folder.resolve("logs/run-2.log")).awaitReady()) {
            assertThat(job.log()).contains("restoring from checkpoint");
            send(latePayments);
            send(newMinute);
            send(redelivered);
            expected.addAll(latePayments);
            expected.addAll(newMinute);
            expected.addAll(redelivered);
            moveEventTimeTo(firstMinute.plus(12, ChronoUnit.MINUTES));
            awaitClickHouseTotals(expected);
            // 4. a clean stop (SIGTERM) cancels the job and keeps its checkpoint
            job.stop();
            assertThat(job.log()).contains("cancelling sales job");
        }
        assertThat(completedCheckpoints(checkpoints)).isPositive();

        // 5. without checkpoints the job replays the whole topic: every row is rewritten with the
        //    same totals and version, nothing is counted twice
        TestFolders.delete(checkpoints);
        List<OrderEvent> afterReplay = fixtures.orders(10, firstMinute.plus(5, ChronoUnit.MINUTES), 1);
        try (SalesJobProcess job = SalesJobProcess.start(jobSettings(), folder.resolve("logs/run-3.log")).awaitReady()) {
            assertThat(job.log()).contains("reading order-events from the earliest offsets");
            send(afterReplay);
            expected.addAll(afterReplay);
            moveEventTimeTo(firstMinute.plus(14, ChronoUnit.MINUTES));
            awaitClickHouseTotals(expected);
        }
    }

    private static Map<String, String> jobSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put(CommonKeys.KAFKA_BOOTSTRAP_SERVERS, infra.bootstrapServers());
        settings.put(CommonKeys.SCHEMA_REGISTRY_URL, infra.schemaRegistryUrl());
        settings.put(CommonKeys.CLICKHOUSE_URL, infra.clickHouseUrl());
        settings.put(CommonKeys.CLICKHOUSE_DATABASE, DATABASE);
        settings.put(CommonKeys.DATA_DIR, folder.resolve("platform").toString());
        settings.put(SalesJobConfig.CHECKPOINT_INTERVAL_MS, "1000");
        settings.put(SalesJobConfig.ALLOWED_LATENESS_MS, Long.toString(Duration.ofHours(1).toMillis()));
        settings.put(SalesJobConfig.EARLY_FIRING_INTERVAL_MS, "5000");
        return settings;
    }

    private static void send(List<OrderEvent> events) {
        for (OrderEvent event : events) {
            producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), Topics.key(event.getOrderId()), event));
        }
        producer.flush();
    }

    /** An order event on every partition at {@code at}: the watermark passes every earlier minute. */
    private static void moveEventTimeTo(Instant at) {
        for (int partition = 0; partition < PARTITIONS; partition++) {
            long orderId = 9_000_000L + partition;
            producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), partition, Topics.key(orderId),
                    OrderEventFixtures.clockTick(orderId, at)));
        }
        producer.flush();
    }

    private static void awaitClickHouseTotals(ExpectedSales expected) {
        List<List<String>> expectedRows = expected.rows();
        await("sales_per_minute FINAL equals the paid orders").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(clickHouse.select("SELECT toUnixTimestamp(minute), category_id, orders, units,"
                        + " revenue_cents FROM " + DATABASE + ".sales_per_minute FINAL ORDER BY minute, category_id"))
                        .containsExactlyElementsOf(expectedRows));
    }

    private static long completedCheckpoints(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(checkpoints)) {
            return paths.filter(path -> path.getFileName().toString().equals("_metadata")).count();
        }
    }
}
