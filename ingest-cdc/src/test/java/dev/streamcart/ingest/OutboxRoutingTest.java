package dev.streamcart.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.streamcart.ingest.capture.ChangeRecords;
import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.outbox.OutboxRouter;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.catalog.ProductPriceChanged;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.DeadLetterReason;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxDeadLetter;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The outbox envelope rule, row by row: the topic comes from the aggregate type, the key is the
 * aggregate id, the record is the payload decoded with the schema its id names, and the row's id and
 * commit time are stamped onto it. The schemas are looked up in a table here, as the registry would
 * answer; IngestCdcTest and OutboxPassThroughTest run the same against the real registry.
 */
class OutboxRoutingTest {

    private static final Instant COMMITTED = Instant.parse("2026-12-08T09:00:00.500Z");
    private static final int ORDER_SCHEMA = 1;
    private static final int PRICE_SCHEMA = 2;
    private static final Map<Integer, Schema> REGISTERED =
            Map.of(ORDER_SCHEMA, OrderEvent.getClassSchema(), PRICE_SCHEMA, ProductPriceChanged.getClassSchema());

    private final OutboxRouter router = new OutboxRouter(REGISTERED::get);
    private final OutboxEncoder encoder = new OutboxEncoder(null);

    @Test
    void aPriceChangeBecomesAProductPriceChangedEventKeyedByProductWithTheRowsIdAndCommitTime() {
        ProductPriceChanged written = ProductPriceChanged.newBuilder().setEventId("writer's id").setProductId(41)
                .setSellerId(7).setOldPriceCents(1999).setNewPriceCents(1499).setCurrency("EUR")
                .setOccurredAt(OutboxRows.WRITER_CLOCK).build();

        List<OutgoingEvent<?>> events = router.map(outboxRow("product", "41", "PRICE_CHANGED",
                encoder.encode(OutboxAggregate.PRODUCT, written).json(), PRICE_SCHEMA));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.topic()).isEqualTo(Topics.PRODUCT_PRICE_CHANGES);
            assertThat(event.key()).isEqualTo("41");
            assertThat(event.writerSchemaId()).as("published under the writer's schema id").isEqualTo(PRICE_SCHEMA);
            GenericRecord value = (GenericRecord) event.value();
            assertThat(value.get("eventId")).isEqualTo("row-1");
            assertThat(value.get("occurredAt")).isEqualTo(COMMITTED.toEpochMilli());
            assertThat(value.get("newPriceCents")).isEqualTo(1499L);
            assertThat(value.get("currency")).hasToString("EUR");
        });
        assertThat(router.deadLetteredRows()).isZero();
    }

    @Test
    void ordersGoToOrderEventsWithEveryFieldTheWriterSet() {
        OrderEvent shipped = OutboxRows.order12("row-1", OrderEventType.ORDER_SHIPPED, OrderStatus.SHIPPED)
                .setCarrier("DHL").setTrackingNumber("JD014600003828").build();

        List<OutgoingEvent<?>> events = router.map(outboxRow("order", "12", "ORDER_SHIPPED",
                encoder.encode(OutboxAggregate.ORDER, shipped).json(), ORDER_SCHEMA));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.topic()).isEqualTo(Topics.ORDER_EVENTS);
            GenericRecord value = (GenericRecord) event.value();
            assertThat(value.get("carrier")).hasToString("DHL");
            assertThat(value.get("trackingNumber")).hasToString("JD014600003828");
            assertThat(value.get("type")).hasToString("ORDER_SHIPPED");
        });
    }

    @Test
    void aRowThatBreaksTheContractIsADeadLetterWithTheReason() {
        String order = encoder.encode(OutboxAggregate.ORDER,
                OutboxRows.order12("row-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT).build()).json();

        OutboxDeadLetter unknownAggregate = deadLetter(router.map(outboxRow("shipment", "5", "CREATED", "{}", ORDER_SCHEMA)));
        OutboxDeadLetter noSchemaId = deadLetter(router.map(outboxRow("order", "12", "ORDER_PLACED", order, null)));
        OutboxDeadLetter wrongSchema = deadLetter(router.map(outboxRow("product", "12", "PRICE_CHANGED", order, ORDER_SCHEMA)));
        OutboxDeadLetter notDecodable = deadLetter(router.map(outboxRow("order", "12", "ORDER_PLACED",
                order.replace("\"totalCents\":4900", "\"totalCents\":\"49.00\""), ORDER_SCHEMA)));

        assertThat(unknownAggregate.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_AGGREGATE_TYPE);
        assertThat(noSchemaId.getReason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(noSchemaId.getError()).contains("no schema_id");
        assertThat(wrongSchema.getError()).contains("product-price-changes");
        assertThat(notDecodable.getError()).contains("OrderEvent");
        assertThat(notDecodable.getPayload()).as("kept whole").contains("49.00");
        assertThat(router.deadLetteredRows()).isEqualTo(4);
    }

    private static OutboxDeadLetter deadLetter(List<OutgoingEvent<?>> events) {
        assertThat(events).singleElement().satisfies(event -> assertThat(event.topic()).isEqualTo(Topics.OUTBOX_DEAD_LETTERS));
        return (OutboxDeadLetter) events.get(0).value();
    }

    private static RowChange outboxRow(String aggregateType, String aggregateId, String eventType, String payload,
            @Nullable Integer schemaId) {
        return ChangeRecords.change("outbox", RowChange.Operation.INSERT, ChangeRecords.columns(
                "id", "row-1",
                "aggregate_type", aggregateType,
                "aggregate_id", aggregateId,
                "event_type", eventType,
                "payload", payload,
                "schema_id", schemaId,
                "created_at", "2026-12-08T09:00:00.400Z"), 91, COMMITTED);
    }
}
