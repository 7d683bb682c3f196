package dev.streamcart.serving.testing;

import java.util.List;
import java.util.Map;

import dev.streamcart.schemas.catalog.ProductPriceChanged;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxPayloadReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * The events the API wrote to the outbox, read back as the generated records ingest-cdc publishes
 * (the payload is their Avro JSON), so tests assert on the contract's own types.
 */
public final class OutboxEvents {

    private OutboxEvents() {}

    /** Every event of the order, in the order they were written. */
    public static List<OrderEvent> ofOrder(Db db, long orderId) {
        return read(db.rows("SELECT payload::text AS payload FROM outbox WHERE aggregate_type = ? AND aggregate_id = ? "
                + "ORDER BY created_at, id", OutboxAggregate.ORDER.type(), Long.toString(orderId)), OrderEvent.class);
    }

    /** The order's events of {@code eventType}, in the order they were written. */
    public static List<OrderEvent> ofOrder(Db db, long orderId, String eventType) {
        return read(db.rows("SELECT payload::text AS payload FROM outbox WHERE aggregate_type = ? AND aggregate_id = ? "
                + "AND event_type = ? ORDER BY created_at, id", OutboxAggregate.ORDER.type(), Long.toString(orderId),
                eventType), OrderEvent.class);
    }

    /** The order's one event of {@code eventType}; fails when there is none or more than one. */
    public static OrderEvent single(Db db, long orderId, String eventType) {
        List<OrderEvent> events = ofOrder(db, orderId, eventType);
        if (events.size() != 1) {
            throw new AssertionError("expected one " + eventType + " of order " + orderId + ", found " + events);
        }
        return events.get(0);
    }

    /** The product's price changes, in the order they were written. */
    public static List<ProductPriceChanged> priceChanges(Db db, long productId) {
        return read(db.rows("SELECT payload::text AS payload FROM outbox WHERE aggregate_type = ? AND aggregate_id = ? "
                + "ORDER BY created_at, id", OutboxAggregate.PRODUCT.type(), Long.toString(productId)),
                ProductPriceChanged.class);
    }

    private static <V extends SpecificRecord> List<V> read(List<Map<String, Object>> rows,
            Class<V> type) {
        return rows.stream().map(row -> OutboxPayloadReader.read((String) row.get("payload"), type)).toList();
    }
}
