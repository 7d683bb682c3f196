package dev.streamcart.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.schemas.metrics.MetricsServer;
import dev.streamcart.schemas.metrics.MetricsSettings;
import dev.streamcart.schemas.metrics.ServiceMetrics;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.DeadLetterReason;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxDeadLetter;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.outbox.OutboxPayload;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ingest-cdc when things are quiet or wrong, against real PostgreSQL, Kafka and registry: the slot
 * keeps advancing while only tables it does not capture change, and an outbox row it cannot
 * decode goes to the dead-letter topic while the rows after it are still published.
 */
class IngestCdcFaultsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Short, so the test waits for a few heartbeats rather than for the 10 s default. */
    private static final String HEARTBEAT_MS = "300";

    @RegisterExtension
    static final TestInfrastructure INFRA =
            TestInfrastructure.in("ingest-cdc-faults", parts -> parts.postgres().kafka().schemaRegistry());

    private static IngestCdcConfig config;

    @BeforeAll
    static void createTablesAndConfig() throws SQLException {
        execute(TestSchema.DDL);
        // Sessions, carts, idempotency keys and the like: busy tables that CDC does not capture.
        execute("CREATE TABLE uncaptured_activity (id bigserial PRIMARY KEY, note text NOT NULL)");
        config = IngestCdcConfig.from(INFRA.get().settings().with(Map.of(IngestCdcConfig.HEARTBEAT_INTERVAL_MS, HEARTBEAT_MS)));
    }

    @Test
    void theSlotAdvancesWhileOnlyUncapturedTablesChange() throws SQLException {
        try (IngestCdcService service = startService()) {
            String before = slotConfirmedLsn();
            // Several MB of WAL in many transactions, none of them touching a captured table.
            for (int transaction = 0; transaction < 20; transaction++) {
                execute("INSERT INTO uncaptured_activity (note) SELECT repeat('x', 200) FROM generate_series(1, 2000)");
            }
            String afterWrites = query("SELECT pg_current_wal_lsn()::text");

            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(slotHasConfirmedPast(afterWrites))
                            .as("confirmed_flush_lsn (was %s) passes %s, the WAL position after the writes; now %s",
                                    before, afterWrites, slotConfirmedLsn())
                            .isTrue());
            assertThat(service.failure()).as("the heartbeat's query runs without stopping the engine").isNotDone();
        }
    }

    @Test
    void aMalformedOutboxRowGoesToTheDeadLetterTopicAndTheRowsAfterItArePublished() throws Exception {
        SchemaRegistryClient registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        String good1 = "6a1c1f00-0000-4000-8000-000000000001";
        String malformed = "6a1c1f00-0000-4000-8000-000000000002";
        String unknownType = "6a1c1f00-0000-4000-8000-000000000003";
        String good2 = "6a1c1f00-0000-4000-8000-000000000004";
        String good3 = "6a1c1f00-0000-4000-8000-000000000005";
        String withoutSchemaId = "6a1c1f00-0000-4000-8000-000000000006";
        OutboxRows rows = new OutboxRows(new OutboxEncoder(registry));
        OutboxPayload paid = new OutboxEncoder(registry).encode(OutboxAggregate.ORDER,
                OutboxRows.order12(good1, OrderEventType.ORDER_PAID, OrderStatus.PAID).setPaymentMethod("card").build());

        try (TopicRecorder<OrderEvent> orders = new TopicRecorder<>(INFRA.get().bootstrapServers(), registry, Topics.ORDER_EVENTS);
                TopicRecorder<OutboxDeadLetter> deadLetters =
                        new TopicRecorder<>(INFRA.get().bootstrapServers(), registry, Topics.OUTBOX_DEAD_LETTERS);
                ServiceMetrics metrics = ServiceMetrics.forService(IngestCdcConfig.SERVICE_NAME);
                MetricsServer metricsServer = MetricsServer.start(MetricsSettings.loopback(0), metrics, "ingest-cdc");
                IngestCdcService service = startService(metrics.registry())) {
            execute(paidEvent(rows, good1));
            // Money as a decimal string breaks the contract (integer cents), in a transaction with a good row.
            execute("BEGIN", OutboxRows.insert(malformed, "order", "12", "ORDER_PAID", new OutboxPayload(
                            paid.json().replace("\"totalCents\":4900", "\"totalCents\":\"49.00\""), paid.schemaId())),
                    paidEvent(rows, good2), "COMMIT");
            execute(OutboxRows.insert(unknownType, "voucher", "12", "ORDER_PAID", new OutboxPayload("{\"voucherId\": 5}",
                    paid.schemaId())));
            // written before the schema_id column existed: the upgrade order was not kept
            execute(OutboxRows.insert(withoutSchemaId, "order", "12", "ORDER_PAID", new OutboxPayload(paid.json(), null)));
            execute(paidEvent(rows, good3));

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(orders.values()).extracting(OrderEvent::getEventId).containsExactly(good1, good2, good3);
                assertThat(deadLetters.values()).extracting(OutboxDeadLetter::getOutboxId)
                        .containsExactly(malformed, unknownType, withoutSchemaId);
            });

            OutboxDeadLetter letter = deadLetters.values().get(0);
            assertThat(deadLetters.poll().get(0).key()).as("keyed by aggregate id").isEqualTo("12");
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
            assertThat(letter.getError()).contains("dev.streamcart.schemas.order.OrderEvent");
            assertThat(letter.getPayload()).as("the payload as PostgreSQL stored it")
                    .isEqualTo(query("SELECT payload::text FROM outbox WHERE id = '" + malformed + "'"));
            assertThat(letter.getAggregateType()).isEqualTo("order");
            assertThat(letter.getEventType()).isEqualTo("ORDER_PAID");
            assertThat(letter.getSourceLsn()).as("the row's WAL position").isPositive();
            assertThat(letter.getCommittedAt()).isNotNull();
            assertThat(deadLetters.values().get(1).getReason()).isEqualTo(DeadLetterReason.UNKNOWN_AGGREGATE_TYPE);
            assertThat(deadLetters.values().get(2).getReason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
            assertThat(deadLetters.values().get(2).getError()).contains("no schema_id").contains("drain the outbox");
            assertThat(service.deadLetteredOutboxRows()).isEqualTo(3);

            // the same figures on /metrics, over HTTP; the slot's lag is asked of PostgreSQL at each scrape
            // (NaN while it cannot answer in time, as on a busy machine), so a later scrape may be needed.
            // A garbage collection first: the slot's gauge must survive it (it did not, with a weak reference)
            System.gc();
            HttpClient http = HttpClient.newHttpClient();
            await("the figures on /metrics").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(metricsServer.url())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.body())
                        .contains("streamcart_cdc_dead_letters_total{reason=\"contract_violation\",service=\"ingest-cdc\"} 2.0")
                        .contains("streamcart_cdc_dead_letters_total{reason=\"unknown_aggregate_type\",service=\"ingest-cdc\"} 1.0")
                        .contains("streamcart_cdc_events_published_total{service=\"ingest-cdc\",topic=\"order-events\"} 3.0")
                        .contains("streamcart_cdc_events_published_total{service=\"ingest-cdc\",topic=\"outbox-dead-letters\"} 3.0")
                        .contains("streamcart_cdc_changes_captured_total{service=\"ingest-cdc\",table=\"outbox\"} 6.0")
                        .contains("streamcart_cdc_lag_seconds_count{service=\"ingest-cdc\"}")
                        .containsPattern("(?m)^streamcart_cdc_slot_lag_bytes\\{service=\"ingest-cdc\",slot=\"streamcart_cdc\"} [0-9.E]+$");
            });
        }
    }

    private static String paidEvent(OutboxRows rows, String eventId) {
        return rows.insert(eventId, OutboxAggregate.ORDER, "12", OrderEventType.ORDER_PAID.name(),
                OutboxRows.order12(eventId, OrderEventType.ORDER_PAID, OrderStatus.PAID).setPaymentMethod("card").build());
    }

    private static IngestCdcService startService() {
        return startService(new SimpleMeterRegistry());
    }

    private static IngestCdcService startService(MeterRegistry metrics) {
        return RunningIngest.start(config, metrics, PATIENCE);
    }

    private static String slotConfirmedLsn() throws SQLException {
        return query("SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = '"
                + IngestCdcConfig.SLOT_NAME + "'");
    }

    private static boolean slotHasConfirmedPast(String lsn) throws SQLException {
        try (Connection connection = INFRA.get().postgres().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT confirmed_flush_lsn >= ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            select.setString(1, lsn);
            select.setString(2, IngestCdcConfig.SLOT_NAME);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static String query(String sql) throws SQLException {
        return Sql.single(INFRA.get().postgres(), sql);
    }

    private static void execute(String... statements) throws SQLException {
        Sql.execute(INFRA.get().postgres(), statements);
    }
}
