package dev.streamcart.serving.orders;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.problems.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels an unpaid order, at the customer's request or when its payment times out: its stock goes
 * back to the warehouses it came from, in the caller's transaction. An order whose payment is being
 * captured is not cancelled (the money may be taken at any moment). An authorisation the order
 * still holds is voided at the provider after that transaction commits
 * ({@link #voidLeftOverAuthorizations}), never while it holds the order's row lock.
 */
public final class OrderCancellation {

    public static final String CUSTOMER_REQUEST = "customer_request";

    private static final Logger LOG = LoggerFactory.getLogger(OrderCancellation.class);

    private final OrderRepository orders;
    private final StockReservations reservations;
    private final OrderEvents events;
    private final AuthorizationVoiding authorizations;

    /**
     * The payments side of a cancel: whether a capture is in flight, and voiding the authorisations
     * (payments' manual capture, or one given while the order was being cancelled) a cancelled order
     * still holds, so that it holds no buyer's funds.
     */
    public interface AuthorizationVoiding {
        AuthorizationVoiding NONE = new AuthorizationVoiding() {
            @Override
            public boolean captureInFlight(Connection connection, long orderId) {
                return false;
            }

            @Override
            public void voidLeftOver(long orderId) {
                // no payments: nothing to void
            }
        };

        /** In the cancelling transaction, under the order's lock. */
        boolean captureInFlight(Connection connection, long orderId) throws SQLException;

        /** After the cancelling transaction committed, with no transaction open; never throws. */
        void voidLeftOver(long orderId);
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
        if (authorizations.captureInFlight(connection, orderId)) {
            throw DomainException.conflict("the payment of order " + orderId + " is being captured; it can no longer"
                    + " be cancelled");
        }
        return cancelAndRelease(connection, order, OrderEventType.ORDER_CANCELLED, CUSTOMER_REQUEST);
    }

    /**
     * Expires an order that is still awaiting payment (a command from order-streams' payment
     * timeout): cancelled, its stock released, an {@code ORDER_EXPIRED} event with {@code reason}.
     * Idempotent: an order that is no longer PENDING_PAYMENT (paid meanwhile, or already expired)
     * is left as it is and empty is returned. So is an order whose payment is being captured: it
     * is being paid as the deadline passes, and its capture completes it.
     */
    public Optional<Order> expireUnpaid(Connection connection, long orderId, String reason) throws SQLException {
        Optional<Order> order = orders.lockForUpdate(connection, orderId);
        if (order.isEmpty() || order.get().status() != OrderStatus.PENDING_PAYMENT) {
            return Optional.empty();
        }
        if (authorizations.captureInFlight(connection, orderId)) {
            LOG.info("order {} is not expired: its payment is being captured", orderId);
            return Optional.empty();
        }
        return Optional.of(cancelAndRelease(connection, order.get(), OrderEventType.ORDER_EXPIRED, reason));
    }

    private Order cancelAndRelease(Connection connection, Order order, OrderEventType type, String reason)
            throws SQLException {
        reservations.release(connection, order.id());
        orders.updateStatus(connection, order.id(), OrderStatus.CANCELLED);
        Order cancelled = order.withStatus(OrderStatus.CANCELLED);
        events.append(connection, cancelled, type, null, reason);
        return cancelled;
    }

    /**
     * Voids at the provider the authorisations a cancelled or expired order still holds; call it
     * after the cancelling transaction committed. A payment that was being authorised during the
     * cancel voids its own authorisation when it completes.
     */
    public void voidLeftOverAuthorizations(long orderId) {
        authorizations.voidLeftOver(orderId);
    }
}
