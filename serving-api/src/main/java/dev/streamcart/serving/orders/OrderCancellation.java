package dev.streamcart.serving.orders;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.problems.DomainException;

/**
 * Cancels an unpaid order, at the customer's request or when its payment times out: its stock goes
 * back to the warehouses it came from, in the caller's transaction.
 */
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
        return cancelAndRelease(connection, order, OrderEventType.ORDER_CANCELLED, CUSTOMER_REQUEST);
    }

    /**
     * Expires an order that is still awaiting payment (a command from order-streams' payment
     * timeout): cancelled, its stock released, an {@code ORDER_EXPIRED} event with {@code reason}.
     * Idempotent: an order that is no longer PENDING_PAYMENT (paid meanwhile, or already expired)
     * is left as it is and empty is returned.
     */
    public Optional<Order> expireUnpaid(Connection connection, long orderId, String reason) throws SQLException {
        Optional<Order> order = orders.lockForUpdate(connection, orderId);
        if (order.isEmpty() || order.get().status() != OrderStatus.PENDING_PAYMENT) {
            return Optional.empty();
        }
        return Optional.of(cancelAndRelease(connection, order.get(), OrderEventType.ORDER_EXPIRED, reason));
    }

    private Order cancelAndRelease(Connection connection, Order order, OrderEventType type, String reason)
            throws SQLException {
        authorizations.voidOpenAuthorization(connection, order.id());
        reservations.release(connection, order.id());
        orders.updateStatus(connection, order.id(), OrderStatus.CANCELLED);
        Order cancelled = order.withStatus(OrderStatus.CANCELLED);
        events.append(connection, cancelled, type, null, reason);
        return cancelled;
    }
}
