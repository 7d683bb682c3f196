package dev.streamcart.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.outbox.OutboxPayload;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.serde.ConfluentWireFormat;
import dev.streamcart.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every field the writer sets is published, against real PostgreSQL (whose {@code jsonb} reorders
 * the payload's keys), Kafka and the registry: a shipped order's carrier and tracking number, and a
 * field that only a newer writer schema has, which ingest-cdc was not built with.
 */
class OutboxPassThroughTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestInfrastructure INFRA =
            TestInfrastructure.in("ingest-cdc-pass-through", parts -> parts.postgres().kafka().schemaRegistry());

    private static SchemaRegistryClient registry;

    @BeforeAll
    static void start() throws SQLException {
        execute(TestSchema.DDL);
        registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        INFRA.closing(RunningIngest.start(IngestCdcConfig.from(INFRA.get().settings()), new SimpleMeterRegistry(), PATIENCE));
    }

    @Test
    void aShippedOrdersEventOnOrderEventsCarriesCarrierAndTrackingNumber() throws SQLException {
        String eventId = "7c1d2e00-0000-4000-8000-000000000001";
        OrderEvent shipped = OutboxRows.order12(eventId, OrderEventType.ORDER_SHIPPED, OrderStatus.SHIPPED)
                .setOrderId(21).setCarrier("streampost").setTrackingNumber("SP-21").setRegion("eu-west").build();

        execute(new OutboxRows(new OutboxEncoder(registry)).insert(eventId, OutboxAggregate.ORDER, "21",
                OrderEventType.ORDER_SHIPPED.name(), shipped));

        try (TopicRecorder<OrderEvent> orders = new TopicRecorder<>(INFRA.get().bootstrapServers(), registry, Topics.ORDER_EVENTS)) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(orders.values())
                    .filteredOn(event -> event.getEventId().equals(eventId)).singleElement().satisfies(event -> {
                        assertThat(event.getCarrier()).isEqualTo("streampost");
                        assertThat(event.getTrackingNumber()).isEqualTo("SP-21");
                        assertThat(event.getRegion()).isEqualTo("eu-west");
                        assertThat(event.getOccurredAt()).as("the commit time, not the writer's clock")
                                .isAfter(OutboxRows.WRITER_CLOCK);
                    }));
        }
    }

    @Test
    void aFieldOfANewerWriterSchemaReachesKafkaWithoutAnyChangeInIngestCdc() throws Exception {
        String eventId = "7c1d2e00-0000-4000-8000-000000000002";
        Schema newer = withGiftMessage(OrderEvent.getClassSchema());
        // the registry accepts it as the next version of order-events (BACKWARD: the added field has a default)
        int newerId = registry.register(Topics.ORDER_EVENTS.valueSubject(), newer);
        OutboxPayload current = new OutboxEncoder(registry).encode(OutboxAggregate.ORDER,
                OutboxRows.order12(eventId, OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT).setOrderId(22).build());
        ObjectNode written = (ObjectNode) JSON.readTree(current.json());
        written.set("giftMessage", JSON.createObjectNode().put("string", "Happy birthday"));

        execute(OutboxRows.insert(eventId, OutboxAggregate.ORDER.type(), "22", OrderEventType.ORDER_PLACED.name(),
                new OutboxPayload(JSON.writeValueAsString(written), newerId)));

        try (KafkaConsumer<String, byte[]> consumer = rawConsumer();
                TopicRecorder<OrderEvent> orders = new TopicRecorder<>(INFRA.get().bootstrapServers(), registry, Topics.ORDER_EVENTS)) {
            List<GenericRecord> published = new ArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    published.add(decode(record.value()));
                }
                assertThat(published).filteredOn(event -> event.get("eventId").toString().equals(eventId)).singleElement()
                        .satisfies(event -> {
                            assertThat(event.getSchema().getField("giftMessage")).as("published with the newer schema")
                                    .isNotNull();
                            assertThat(event.get("giftMessage")).hasToString("Happy birthday");
                        });
            });
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(orders.values())
                    .as("consumers built with the current schema read it as before")
                    .filteredOn(event -> event.getEventId().equals(eventId)).singleElement()
                    .satisfies(event -> assertThat(event.getOrderId()).isEqualTo(22)));
        }
    }

    /** OrderEvent as a later release might extend it: one optional field more. */
    private static Schema withGiftMessage(Schema schema) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
        ((ArrayNode) json.get("fields")).add(JSON.createObjectNode()
                .put("name", "giftMessage")
                .<ObjectNode>set("type", JSON.createArrayNode().add("null").add("string"))
                .set("default", JSON.nullNode()));
        return new Schema.Parser().parse(JSON.writeValueAsString(json));
    }

    private static GenericRecord decode(byte[] framed) throws IOException {
        Schema writer = registry.schemaById(ConfluentWireFormat.schemaId(framed));
        return new GenericDatumReader<GenericRecord>(writer).read(null, DecoderFactory.get().binaryDecoder(framed,
                ConfluentWireFormat.HEADER_SIZE, framed.length - ConfluentWireFormat.HEADER_SIZE, null));
    }

    private static KafkaConsumer<String, byte[]> rawConsumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.get().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Topics.ORDER_EVENTS.partitions(); p++) {
            partitions.add(new TopicPartition(Topics.ORDER_EVENTS.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void execute(String... statements) throws SQLException {
        Sql.execute(INFRA.get().postgres(), statements);
    }
}
