package dev.streamcart.ingest;

import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.outbox.OutboxPayload;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * Outbox rows as serving-api writes them: the event built with its generated builder and encoded by
 * the shared {@link OutboxEncoder} (Avro JSON plus the registry id of its schema). serving-api is
 * built after this module, so the INSERT is spelled here; its columns are the contract's.
 */
final class OutboxRows {

    /** The placeholder the writer puts in the fields ingest-cdc stamps. */
    static final Instant WRITER_CLOCK = Instant.parse("2000-01-01T00:00:00Z");

    private final OutboxEncoder encoder;

    OutboxRows(OutboxEncoder encoder) {
        this.encoder = encoder;
    }

    /** The INSERT of {@code event} as a row of {@code aggregate}, its event type taken from the caller. */
    <V extends SpecificRecord> String insert(String id, OutboxAggregate<V> aggregate, String aggregateId, String eventType,
            V event) {
        return insert(id, aggregate.type(), aggregateId, eventType, encoder.encode(aggregate, event));
    }

    /** The INSERT of a row with exactly this payload and schema id, for rows no current writer produces. */
    static String insert(String id, String aggregateType, String aggregateId, String eventType, OutboxPayload payload) {
        @Nullable Integer schemaId = payload.schemaId();
        return "INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, schema_id) VALUES ('"
                + id + "', '" + aggregateType + "', '" + aggregateId + "', '" + eventType + "', '"
                + payload.json().replace("'", "''") + "'::jsonb, " + (schemaId == null ? "NULL" : schemaId.toString()) + ")";
    }

    /** Order 12 of user 3: two units of product 1 at 24.50, in {@code status} after {@code type}. */
    static OrderEvent.Builder order12(String eventId, OrderEventType type, OrderStatus status) {
        return OrderEvent.newBuilder()
                .setEventId(eventId)
                .setOrderId(12).setUserId(3)
                .setType(type).setStatus(status)
                .setTotalCents(4900).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(1).setSellerId(1).setCategoryId(2).setQuantity(2)
                        .setUnitPriceCents(2450).build()))
                .setOccurredAt(WRITER_CLOCK);
    }
}
