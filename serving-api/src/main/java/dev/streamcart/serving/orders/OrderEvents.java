package dev.streamcart.serving.orders;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.serving.events.OutboxWriter;
import org.jspecify.annotations.Nullable;

/** Writes the order aggregate's domain events to the outbox, in the caller's transaction. */
public final class OrderEvents {

    private final OutboxWriter outbox;

    public OrderEvents(OutboxWriter outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** Records {@code type} for {@code order}, which must already carry its new status. */
    public UUID append(Connection connection, Order order, OrderEventType type, @Nullable String paymentMethod,
                       @Nullable String reason) throws SQLException {
        return append(connection, OrderEventRecords.of(order, type).setPaymentMethod(paymentMethod).setReason(reason));
    }

    /** Records an event begun with {@link OrderEventRecords}; its id and time are stamped here. */
    public UUID append(Connection connection, OrderEvent.Builder event) throws SQLException {
        return outbox.append(connection, OutboxAggregate.ORDER, event.getOrderId(), event.getType().name(),
                (eventId, occurredAt) -> event.setEventId(eventId).setOccurredAt(occurredAt).build());
    }
}
