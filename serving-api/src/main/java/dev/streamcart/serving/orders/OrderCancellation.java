package dev.streamcart.serving.orders;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.problems.DomainException;

/** Cancels an unpaid order: its stock goes back to the warehouses it came from, in one transaction. */
public final class OrderCancellation {

    public static final String CUSTOMER_REQUEST = "customer_request";

    private final OrderRepository orders;
    private final StockReservations reservations;
    private final OrderEvents events;
    private final AuthorizationVoiding authorizations;

    /**
     * Voids an order's payment authorisation that was never captured (payments' manual capture),
     * in the cancelling transaction, so a cancelled order holds no buyer's funds.
     */
    @FunctionalInterface
    public interface AuthorizationVoiding {
        AuthorizationVoiding NONE = (connection, orderId) -> false;

        boolean voidOpenAuthorization(Connection connection, long orderId) throws SQLException;
    }

    public OrderCancellation(OrderRepository orders, StockReservations reservations, OrderEvents events) {
        this(orders, reservations, events, AuthorizationVoiding.NONE);
    }

    public OrderCancellation(OrderRepository orders, StockReservations reservations, OrderEvents events,
                             AuthorizationVoiding authorizations) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.events = Objects.requireNonNull(events, "events");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
    }

    public Order cancel(Connection connection, long orderId) throws SQLException {
        Order order = orders.lockForUpdate(connection, orderId)
                .orElseThrow(() -> DomainException.notFound("order", orderId));
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw DomainException.conflict("order " + orderId + " is " + order.status()
                    + "; only an order awaiting payment can be cancelled");
        }
        authorizations.voidOpenAuthorization(connection, orderId);
        reservations.release(connection, orderId);
        orders.updateStatus(connection, orderId, OrderStatus.CANCELLED);
        Order cancelled = order.withStatus(OrderStatus.CANCELLED);
        events.append(connection, cancelled, OrderEventType.ORDER_CANCELLED, null, CUSTOMER_REQUEST);
        return cancelled;
    }
}
