package dev.streamcart.serving.orders;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.serving.events.OutboxWriter;
import org.jspecify.annotations.Nullable;

/** Writes the order aggregate's domain events to the outbox, in the caller's transaction. */
public final class OrderEvents {

    public static final String AGGREGATE_TYPE = "order";

    private final OutboxWriter outbox;

    public OrderEvents(OutboxWriter outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /** Records {@code type} for {@code order}, which must already carry its new status. */
    public UUID append(Connection connection, Order order, OrderEventType type, @Nullable String paymentMethod,
                       @Nullable String reason) throws SQLException {
        return outbox.append(connection, AGGREGATE_TYPE, order.id(), type.name(),
                OrderEventPayload.of(order, paymentMethod, reason));
    }

    /** Records an event with its full payload (shipping and refund details included). */
    public UUID append(Connection connection, Order order, OrderEventType type, OrderEventPayload payload)
            throws SQLException {
        return outbox.append(connection, AGGREGATE_TYPE, order.id(), type.name(), payload);
    }
}
