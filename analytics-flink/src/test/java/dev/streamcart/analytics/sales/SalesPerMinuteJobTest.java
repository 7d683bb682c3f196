package dev.streamcart.analytics.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.streamcart.analytics.testing.TestFolders;
import dev.streamcart.localstack.infra.LocalInfrastructure;
import dev.streamcart.schemas.clickhouse.ClickHouseClient;
import dev.streamcart.schemas.clickhouse.ClickHouseMigrator;
import dev.streamcart.schemas.clickhouse.ClickHouseSettings;
import dev.streamcart.schemas.clickhouse.MigrationScripts;
import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.config.CommonKeys;
import dev.streamcart.schemas.metrics.MetricsSettings;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job end to end on real Kafka, schema registry and ClickHouse 18.16, run as the launcher
 * runs it (its own JVM): {@code sales_per_minute} and every KPI table exact to the cent (per
 * minute, product, seller, category, region, method, variant...) through a SIGKILL and a restart
 * from the checkpoint, redelivered events, late events, and a full replay from the earliest offsets.
 */
class SalesPerMinuteJobTest {

    private static final String DATABASE = "sales_job_test";
    private static final int PARTITIONS = Topics.ORDER_EVENTS.partitions();

    private static Path folder;
    private static LocalInfrastructure infra;
    private static ClickHouseClient clickHouse;
    private static KafkaProducer<String, OrderEvent> producer;
    private static KafkaProducer<String, ClickEvent> clickProducer;
    private static final ExpectedSales expectedSales = new ExpectedSales();
    private static final ExpectedKpis expectedKpis = new ExpectedKpis();
    /** The minute of the last clock ticks (epoch seconds): still open, or just closed. */
    private static long openMinute = Long.MAX_VALUE;

    @BeforeAll
    static void startInfrastructure() {
        folder = TestFolders.fresh("sales-job");
        infra = LocalInfrastructure.builder(folder.resolve("infra")).kafka().schemaRegistry().clickHouse().topics().start();
        ClickHouseSettings endpoint = ClickHouseSettings.of(infra.clickHouseUrl(), DATABASE);
        new ClickHouseMigrator(endpoint).migrate(MigrationScripts.fromClasspath(MigrationScripts.DEFAULT_FOLDER));
        clickHouse = ClickHouseClient.open(endpoint);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, Topics.ORDER_EVENTS.keySerde().serializer(),
                Topics.ORDER_EVENTS.valueSerde(new SchemaRegistryClient(infra.schemaRegistryUrl())).serializer());
        clickProducer = new KafkaProducer<>(properties, Topics.CLICKSTREAM.keySerde().serializer(),
                Topics.CLICKSTREAM.valueSerde(new SchemaRegistryClient(infra.schemaRegistryUrl())).serializer());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (producer != null) {
            producer.close();
        }
        if (clickProducer != null) {
            clickProducer.close();
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
        ShopActivityFixtures fixtures = new ShopActivityFixtures(42, 1);
        Path checkpoints = folder.resolve("platform").resolve("analytics-flink").resolve("checkpoints");

        // 1. first run: three minutes of shopping, read from the earliest offset, with state on the
        //    heap as releases before RocksDB kept it
        ShopActivity firstBatch = fixtures.shoppers(60, firstMinute, 3);
        Map<String, String> heapState = jobSettings();
        heapState.put(SalesJobConfig.STATE_BACKEND, "hashmap");
        int metricsPort = freePort();
        heapState.put(MetricsSettings.PORT, Integer.toString(metricsPort));
        try (SalesJobProcess job = SalesJobProcess.start(heapState, folder.resolve("logs/run-1.log")).awaitReady()) {
            assertThat(job.log()).contains("reading order-events from the earliest offsets").contains("keyed state in hashmap");
            send(firstBatch);
            moveEventTimeTo(firstMinute.plus(10, ChronoUnit.MINUTES));
            awaitEveryTableExact();
            await("a completed checkpoint").atMost(Duration.ofSeconds(30)).until(() -> completedCheckpoints(checkpoints) > 0);
            assertMetricsServed(metricsPort);
            // 2. crash
            job.kill();
        }

        // 3. second run moves the heap checkpoint's state into RocksDB (the default) through a savepoint
        //    and resumes from it; meanwhile late events for the second minute,
        //    a new minute, and events of the first batch delivered again (as after a CDC restart)
        ShopActivity lateEvents = fixtures.shoppers(15, firstMinute.plus(1, ChronoUnit.MINUTES), 1);
        ShopActivity newMinute = fixtures.shoppers(15, firstMinute.plus(4, ChronoUnit.MINUTES), 1);
        ShopActivity redelivered = new ShopActivity(firstBatch.orders().subList(0, 40), firstBatch.clicks().subList(0, 60));
        Set<Path> checkpointsOfEarlierRuns = checkpointFiles(checkpoints);
        try (SalesJobProcess job = SalesJobProcess.start(jobSettings(), folder.resolve("logs/run-2.log")).awaitReady()) {
            assertThat(job.log()).contains("state backend changed from hashmap to rocksdb")
                    .contains("saved as canonical savepoint").contains("keyed state in rocksdb");
            send(lateEvents);
            send(newMinute);
            send(redelivered);
            moveEventTimeTo(firstMinute.plus(12, ChronoUnit.MINUTES));
            awaitEveryTableExact();
            // the next run must find a checkpoint of this one (RocksDB), not only the heap one of the first
            await("a completed checkpoint of the second run").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> !checkpointsOfEarlierRuns.containsAll(checkpointFiles(checkpoints)));
            // 4. a clean stop (SIGTERM) cancels the job and keeps its checkpoint
            job.stop();
            assertThat(job.log()).contains("cancelling sales job");
        }
        assertThat(completedCheckpoints(checkpoints)).isPositive();

        // 5. a restart resumes from RocksDB's own incremental checkpoint: the open windows and the
        //    remembered event ids are back (late events still add up, redeliveries are still dropped)
        ShopActivity lateAgain = fixtures.shoppers(5, firstMinute.plus(2, ChronoUnit.MINUTES), 1);
        try (SalesJobProcess job = SalesJobProcess.start(jobSettings(), folder.resolve("logs/run-3.log")).awaitReady()) {
            assertThat(job.log()).contains("restoring from checkpoint").contains("keyed state in rocksdb")
                    .doesNotContain("state backend changed");
            send(lateAgain);
            send(newMinute);
            moveEventTimeTo(firstMinute.plus(13, ChronoUnit.MINUTES));
            awaitEveryTableExact();
            job.stop();
        }
        assertThat(checkpoints.resolveSibling("savepoints")).as("the migration's savepoint, no longer needed").doesNotExist();

        // 6. without checkpoints the job replays both topics: every row is rewritten with the
        //    same totals and version, nothing is counted twice
        TestFolders.delete(checkpoints);
        ShopActivity afterReplay = fixtures.shoppers(10, firstMinute.plus(5, ChronoUnit.MINUTES), 1);
        try (SalesJobProcess job = SalesJobProcess.start(jobSettings(), folder.resolve("logs/run-4.log")).awaitReady()) {
            assertThat(job.log()).contains("reading order-events from the earliest offsets");
            send(afterReplay);
            moveEventTimeTo(firstMinute.plus(14, ChronoUnit.MINUTES));
            awaitEveryTableExact();
        }
        rollUpQueriesOfTheReadmeRunAndAddUp();
    }

    /** The hour/day roll-ups the README documents run on ClickHouse 18.16 and sum the minute rows exactly. */
    private static void rollUpQueriesOfTheReadmeRunAndAddUp() throws IOException {
        String queries;
        try (InputStream in = SalesPerMinuteJobTest.class.getResourceAsStream("/rollup-queries.sql")) {
            queries = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(Path.of("README.md"))).as("README shows the tested queries").contains(queries);
        List<List<List<String>>> results = new ArrayList<>();
        // comments first (they may hold a ';'), then one statement per ';'
        String statements = queries.lines().filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n"));
        for (String query : statements.split(";")) {
            String sql = query.strip();
            if (!sql.isEmpty()) {
                results.add(clickHouse.rows(sql.replace("streamcart.", DATABASE + ".")));
            }
        }
        // the first query: paid orders per hour and currency add up to the minute rows
        Map<String, Long> paidByCurrency = new HashMap<>();
        results.get(0).forEach(row -> paidByCurrency.merge(row.get(1), Long.parseLong(row.get(2)), Long::sum));
        Map<String, Long> expectedPaid = new HashMap<>();
        expectedKpis.rows("order_totals_per_minute").forEach(row -> expectedPaid.merge(row.get(1), Long.parseLong(row.get(2)), Long::sum));
        assertThat(paidByCurrency).isEqualTo(expectedPaid);
        assertThat(results).allSatisfy(rows -> assertThat(rows).isNotEmpty());
    }

    /** Flink's checkpoint durations and the ClickHouse sinks' inserts on the local cluster's {@code /metrics}. */
    private static void assertMetricsServed(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await("checkpoint and insert metrics").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .containsPattern("(?m)^flink_jobmanager_job_lastCheckpointDuration\\{[^}]*service=\"analytics-flink\"")
                    .containsPattern("(?m)^flink_taskmanager_job_task_operator_clickhouse_table_rowsInserted\\{[^}]*"
                            + "table=\"sales_per_minute\"[^}]*} [1-9]")
                    .containsPattern("(?m)^flink_taskmanager_job_task_operator_clickhouse_table_rowsInserted\\{[^}]*"
                            + "table=\"funnel_per_minute\"[^}]*} [1-9]")
                    .contains("jvm_memory_used_bytes{");
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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

    /** Sends the events and records what they must add up to; order events carry a deterministic CDC lag. */
    private static void send(ShopActivity activity) {
        for (OrderEvent event : activity.orders()) {
            sendOrder(event, null);
        }
        for (ClickEvent click : activity.clicks()) {
            clickProducer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), null, click.getOccurredAt().toEpochMilli() + 40,
                    click.getSessionId(), click));
            expectedKpis.click(click);
        }
        producer.flush();
        clickProducer.flush();
    }

    private static void sendOrder(OrderEvent event, @Nullable Integer partition) {
        long recordTimestamp = event.getOccurredAt().toEpochMilli() + 3 + Math.floorMod(event.getEventId().hashCode(), 900);
        producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), partition, recordTimestamp,
                Topics.key(event.getOrderId()), event));
        expectedSales.add(event);
        expectedKpis.order(event, recordTimestamp);
    }

    /**
     * Moves event time past {@code at}'s minute, which then holds the events of the clock. An event on
     * every partition of both topics at {@code at}, then one a minute and two seconds later, whose
     * watermark closes {@code at}'s minute. The later ticks' own minute stays open until their
     * partitions have been idle for a minute (event time then runs on with the clock), so it is left
     * out of the comparison: {@link #awaitEveryTableExact} accepts it either still open or closed.
     */
    private static void moveEventTimeTo(Instant at) {
        sendClockTicks(at);
        Instant closing = at.plus(Duration.ofSeconds(62));
        sendClockTicks(closing);
        openMinute = closing.getEpochSecond() / 60 * 60;
    }

    private static void sendClockTicks(Instant at) {
        for (int partition = 0; partition < PARTITIONS; partition++) {
            long orderId = 9_000_000L + partition;
            sendOrder(OrderEventFixtures.clockTick(orderId, at), partition);
            ClickEvent tick = ShopActivityFixtures.clickTick("tick-" + partition, at);
            clickProducer.send(new ProducerRecord<>(Topics.CLICKSTREAM.name(), partition, at.toEpochMilli(),
                    tick.getSessionId(), tick));
            expectedKpis.click(tick);
        }
        producer.flush();
        clickProducer.flush();
    }

    private static void awaitEveryTableExact() {
        await("every KPI table FINAL equals the events sent").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    try {
                        assertEveryTableExact(openMinute);
                    } catch (AssertionError whileTheLastMinuteIsOpen) {
                        try {
                            assertEveryTableExact(Long.MAX_VALUE);
                        } catch (AssertionError onceItClosed) {
                            whileTheLastMinuteIsOpen.addSuppressed(onceItClosed);
                            throw whileTheLastMinuteIsOpen;
                        }
                    }
                });
    }

    /** Every table holds exactly the rows of the minutes before {@code closedBefore} (epoch seconds). */
    private static void assertEveryTableExact(long closedBefore) {
        assertThat(clickHouse.rows("SELECT toUnixTimestamp(minute), category_id, orders, units,"
                + " revenue_cents FROM " + DATABASE + ".sales_per_minute FINAL ORDER BY minute, category_id"))
                .containsExactlyElementsOf(expectedSales.rows(closedBefore));
        assertTable(closedBefore, "product_sales_per_minute", "toUnixTimestamp(minute), product_id, seller_id, category_id,"
                + " region, currency, orders, units, revenue_cents, refunded_units, refunded_cents");
        assertTable(closedBefore, "order_totals_per_minute",
                "toUnixTimestamp(minute), currency, paid_orders, gross_cents, refunds, refunded_cents");
        assertTable(closedBefore, "user_activity", "toUnixTimestamp(minute), activity, user_id");
        assertTable(closedBefore, "funnel_per_minute", "toUnixTimestamp(minute), category_id, stage, events");
        assertTable(closedBefore, "payments_per_minute",
                "toUnixTimestamp(minute), method, outcome, reason, currency, attempts, amount_cents");
        assertTable(closedBefore, "recommendation_variants_per_minute", "toUnixTimestamp(minute), variant, currency,"
                + " impressions, clicks, cart_adds, purchases, purchased_units, revenue_cents");
        // the hourly roll-ups, recomputed at every checkpoint, sum the same minute rows
        assertThat(select("product_sales_per_hour", "toUnixTimestamp(hour), product_id, seller_id,"
                + " category_id, currency, orders, units, revenue_cents, refunded_units, refunded_cents"))
                .as("product_sales_per_hour").containsExactlyInAnyOrderElementsOf(expectedKpis.hourlyRows(
                        "product_sales_per_minute", new int[] {1, 2, 3, 5}, new int[] {6, 7, 8, 9, 10}, closedBefore));
        assertThat(select("region_sales_per_hour", "toUnixTimestamp(hour), region, currency, orders, units,"
                + " revenue_cents, refunded_units, refunded_cents"))
                .as("region_sales_per_hour").containsExactlyInAnyOrderElementsOf(expectedKpis.hourlyRows(
                        "product_sales_per_minute", new int[] {4, 5}, new int[] {6, 7, 8, 9, 10}, closedBefore));
        assertThat(select("user_activity_per_hour", "toUnixTimestamp(hour), activity, user_id"))
                .as("user_activity_per_hour").containsExactlyInAnyOrderElementsOf(expectedKpis.hourlyRows(
                        "user_activity", new int[] {1, 2}, new int[0], closedBefore));
        assertThat(select("order_fulfilment", "order_id, toUnixTimestamp(paid_at), toUnixTimestamp(shipped_at),"
                + " toUnixTimestamp(delivered_at)")).containsExactlyInAnyOrderElementsOf(expectedKpis.fulfilmentRows());
        assertThat(select("pipeline_lag_per_minute", "toUnixTimestamp(minute), stage, events"))
                .containsExactlyInAnyOrderElementsOf(expectedKpis.lagEventRows(closedBefore));
        assertCdcLagPercentiles(closedBefore);
    }

    private static void assertTable(long closedBefore, String table, String columns) {
        assertThat(select(table, columns)).as(table).containsExactlyInAnyOrderElementsOf(expectedKpis.rows(table, closedBefore));
    }

    private static List<List<String>> select(String table, String columns) {
        return clickHouse.rows("SELECT " + columns + " FROM " + DATABASE + "." + table + " FINAL");
    }

    /** p50/p99 are bucketed (at most 1/64 above the exact nearest-rank value); max is exact. */
    private static void assertCdcLagPercentiles(long closedBefore) {
        Map<String, List<String>> actual = new HashMap<>();
        for (List<String> row : clickHouse.rows("SELECT toUnixTimestamp(minute), p50_ms, p99_ms, max_ms FROM " + DATABASE
                + ".pipeline_lag_per_minute FINAL WHERE stage = 'cdc'")) {
            actual.put(row.get(0), row.subList(1, 4));
        }
        expectedKpis.cdcLagsByMinute(closedBefore).forEach((minute, lags) -> {
            List<Long> sorted = lags.stream().sorted().toList();
            List<String> row = actual.get(minute);
            assertThat(row).as("cdc lag of minute " + minute).isNotNull();
            assertWithinBucket(Long.parseLong(row.get(0)), nearestRank(sorted, 0.5));
            assertWithinBucket(Long.parseLong(row.get(1)), nearestRank(sorted, 0.99));
            assertThat(Long.parseLong(row.get(2))).isEqualTo(sorted.get(sorted.size() - 1));
        });
    }

    private static long nearestRank(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.max(0, Math.ceil(quantile * sorted.size()) - 1));
    }

    private static void assertWithinBucket(long actual, long exact) {
        assertThat(actual).isBetween(exact, exact + exact / 64 + 1);
    }

    private static long completedCheckpoints(Path checkpoints) throws IOException {
        return checkpointFiles(checkpoints).size();
    }

    /** The {@code _metadata} file of every completed checkpoint under {@code checkpoints}. */
    private static Set<Path> checkpointFiles(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Set.of();
        }
        try (Stream<Path> paths = Files.walk(checkpoints)) {
            return paths.filter(path -> path.getFileName().toString().equals("_metadata")).collect(Collectors.toSet());
        }
    }
}
