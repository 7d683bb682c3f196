package dev.streamcart.serving.payments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderEvents;
import dev.streamcart.serving.orders.OrderRepository;
import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * Pays an order awaiting payment, in the caller's transaction (which also holds the idempotency
 * key, so a retry never charges twice).
 *
 * <p>Approved: the order becomes PAID and keeps its stock reservation (shipping, a later issue,
 * commits it). Declined: the reservation is released and the order becomes PAYMENT_FAILED. Either
 * way the payment row (brand, last four digits, gateway reference; never the number) and the
 * outbox event commit together with the status change. The order row stays locked during the
 * gateway call, so a concurrent cancel or second payment waits and then sees the new status.
 */
public final class OrderPayments {

    private final OrderRepository orders;
    private final StockReservations reservations;
    private final OrderEvents events;
    private final PaymentGateway gateway;

    public OrderPayments(OrderRepository orders, StockReservations reservations, OrderEvents events,
                         PaymentGateway gateway) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.events = Objects.requireNonNull(events, "events");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    public PaymentOutcome pay(Connection connection, PayOrder request, IdempotencyKey key) throws SQLException {
        Order order = orders.lockForUpdate(connection, request.orderId())
                .orElseThrow(() -> DomainException.notFound("order", request.orderId()));
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            throw DomainException.conflict("order " + order.id() + " is " + order.status()
                    + "; only an order awaiting payment can be paid");
        }
        ChargeResult result = gateway.charge(
                new ChargeRequest(key.value(), order.id(), order.total(), order.currency(), request.card()));
        if (result instanceof ChargeResult.Declined declined) {
            long paymentId = recordPayment(connection, order, request, "DECLINED", result.gatewayReference(),
                    declined.reason().code());
            reservations.release(connection, order.id());
            orders.updateStatus(connection, order.id(), OrderStatus.PAYMENT_FAILED);
            events.append(connection, order.withStatus(OrderStatus.PAYMENT_FAILED), OrderEventType.PAYMENT_FAILED,
                    request.method(), declined.reason().code());
            return new PaymentOutcome.Declined(order.id(), paymentId, declined.reason());
        }
        long paymentId = recordPayment(connection, order, request, "CAPTURED", result.gatewayReference(), null);
        orders.updateStatus(connection, order.id(), OrderStatus.PAID);
        events.append(connection, order.withStatus(OrderStatus.PAID), OrderEventType.ORDER_PAID, request.method(), null);
        return new PaymentOutcome.Paid(order.id(), paymentId, order.total(), order.currency(), request.card().brand(),
                request.card().last4());
    }

    private static long recordPayment(Connection connection, Order order, PayOrder request, String status,
                                      String gatewayReference, @Nullable String declineReason) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO payments (order_id, method, status, amount, currency, card_brand, card_last4,
                                      gateway_reference, decline_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            insert.setLong(1, order.id());
            insert.setString(2, request.method());
            insert.setString(3, status);
            insert.setBigDecimal(4, order.total());
            insert.setString(5, order.currency());
            insert.setString(6, request.card().brand());
            insert.setString(7, request.card().last4());
            insert.setString(8, gatewayReference);
            insert.setString(9, declineReason);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
