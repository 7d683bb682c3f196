package dev.streamcart.serving.refunds;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.inventory.Hold;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.notifications.NotificationKind;
import dev.streamcart.serving.notifications.Notifications;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderEventPayload;
import dev.streamcart.serving.orders.OrderEvents;
import dev.streamcart.serving.orders.OrderItem;
import dev.streamcart.serving.orders.OrderRepository;
import dev.streamcart.serving.payments.PaymentGateway;
import dev.streamcart.serving.payments.RefundRequest;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;

/**
 * Refunds a paid order, wholly or in part, in the caller's transaction (which holds the
 * idempotency key, so a retry never refunds twice).
 *
 * <p>Never more than captured: the order row is locked first, so concurrent refunds of one order
 * run one after the other and each sees the sum of the ones before. Returned units go back where
 * they came from: an unshipped unit leaves its reservation, a shipped unit is back on hand in the
 * warehouse it left from. A refund of the whole remaining amount also releases anything still held.
 */
public final class OrderRefunds {

    private static final Set<OrderStatus> REFUNDABLE = EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING,
            OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.PARTIALLY_REFUNDED);

    private record Payment(long id, BigDecimal amount, String gatewayReference) {}

    private record Item(long orderItemId, long productId, int quantity, BigDecimal unitPrice) {}

    private final OrderRepository orders;
    private final StockReservations reservations;
    private final OrderEvents events;
    private final PaymentGateway gateway;

    public OrderRefunds(OrderRepository orders, StockReservations reservations, OrderEvents events,
                        PaymentGateway gateway) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.events = Objects.requireNonNull(events, "events");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    public Refund refund(Connection connection, RefundOrder request, IdempotencyKey key) throws SQLException {
        Order order = orders.lockForUpdate(connection, request.orderId())
                .orElseThrow(() -> DomainException.notFound("order", request.orderId()));
        if (!REFUNDABLE.contains(order.status())) {
            throw DomainException.conflict("order " + order.id() + " is " + order.status()
                    + "; only a paid order that is not wholly refunded can be refunded");
        }
        Payment payment = capturedPayment(connection, order.id());
        BigDecimal refundedBefore = refundedSoFar(connection, order.id());
        BigDecimal refundable = payment.amount().subtract(refundedBefore);

        Map<Long, Item> itemsByProduct = items(connection, order.id());
        Map<Item, Integer> returned = returnedUnits(connection, request, itemsByProduct);
        BigDecimal amount = amount(request, returned, refundable);
        if (amount.signum() <= 0 || amount.compareTo(refundable) > 0) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("captured", Money.format(payment.amount()));
            extensions.put("refunded", Money.format(refundedBefore));
            extensions.put("refundable", Money.format(refundable));
            throw new DomainException(ProblemKind.CONFLICT, "a refund of " + Money.format(amount) + " " + order.currency()
                    + " exceeds what is refundable on order " + order.id() + " (" + Money.format(refundable)
                    + " of " + Money.format(payment.amount()) + " captured)", extensions);
        }
        BigDecimal refundedAfter = refundedBefore.add(amount);
        boolean whole = refundedAfter.compareTo(payment.amount()) == 0;

        String reference = gateway.refund(new RefundRequest(key.value(), payment.gatewayReference(), amount,
                order.currency()));
        long refundId = insertRefund(connection, order, payment, amount, request.reason(), reference);

        reservations.lockOrderRows(connection, order.id());
        List<Refund.Restocked> restocked = new ArrayList<>();
        for (Map.Entry<Item, Integer> entry : returned.entrySet()) {
            restocked.addAll(giveBack(connection, refundId, order.id(), entry.getKey(), entry.getValue()));
        }
        if (whole) {
            // nothing will ship any more: whatever is still held goes back to the warehouses
            for (Hold hold : reservations.holds(connection, order.id(), "HELD")) {
                reservations.releasePart(connection, hold, hold.quantity());
                restocked.add(recordItem(connection, refundId, hold.orderItemId(), hold.productId(), hold.warehouseId(),
                        hold.quantity(), "RELEASED"));
            }
        }

        OrderStatus status = whole ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        updatePayment(connection, payment.id(), status.name());
        orders.updateStatus(connection, order.id(), status);
        Order refunded = order.withStatus(status);
        OrderEventType type = whole ? OrderEventType.ORDER_REFUNDED : OrderEventType.ORDER_PARTIALLY_REFUNDED;
        events.append(connection, refunded, type, OrderEventPayload.refund(refunded, request.reason(),
                Money.toCents(amount), refundedLines(order, returned)));
        Notifications.record(connection, order.userId(), NotificationKind.ORDER_REFUNDED, order.id(),
                "Refund of " + Money.format(amount) + " " + order.currency() + " for order " + order.id(),
                "We refunded " + Money.format(amount) + " " + order.currency() + " to your card. Reason: "
                        + request.reason() + ".");
        return new Refund(refundId, order.id(), Money.format(amount), order.currency(), request.reason(), status.name(),
                Money.format(refundedAfter), Money.format(payment.amount().subtract(refundedAfter)), restocked);
    }

    /** The returned units per product, priced per unit as bought, with the order line's seller and category. */
    private static List<OrderEventPayload.Line> refundedLines(Order order, Map<Item, Integer> returned) {
        List<OrderEventPayload.Line> lines = new ArrayList<>();
        for (Map.Entry<Item, Integer> entry : returned.entrySet()) {
            Item item = entry.getKey();
            OrderItem bought = order.items().stream().filter(line -> line.productId() == item.productId()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("order " + order.id() + " lost product " + item.productId()));
            lines.add(new OrderEventPayload.Line(item.productId(), bought.sellerId(), bought.categoryId(),
                    entry.getValue(), Money.toCents(item.unitPrice())));
        }
        return lines;
    }

    private static BigDecimal amount(RefundOrder request, Map<Item, Integer> returned, BigDecimal refundable) {
        if (request.amount() != null) {
            return request.amount();
        }
        if (!request.items().isEmpty()) {
            return returned.entrySet().stream()
                    .map(entry -> entry.getKey().unitPrice().multiply(BigDecimal.valueOf(entry.getValue())))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        return refundable;
    }

    /** The units the request returns per order item, checked against what was bought and not yet returned. */
    private static Map<Item, Integer> returnedUnits(Connection connection, RefundOrder request,
                                                    Map<Long, Item> itemsByProduct) throws SQLException {
        Map<Item, Integer> returned = new LinkedHashMap<>();
        for (RefundOrder.Line line : request.items()) {
            Item item = itemsByProduct.get(line.productId());
            if (item == null) {
                throw DomainException.unprocessable("product " + line.productId() + " is not part of order "
                        + request.orderId());
            }
            returned.merge(item, line.quantity(), Integer::sum);
        }
        if (request.items().isEmpty() && request.amount() == null) {
            // a refund of everything takes back every unit not returned yet
            for (Item item : itemsByProduct.values()) {
                int returnable = item.quantity() - alreadyReturned(connection, item.orderItemId());
                if (returnable > 0) {
                    returned.put(item, returnable);
                }
            }
            return returned;
        }
        for (Map.Entry<Item, Integer> entry : returned.entrySet()) {
            Item item = entry.getKey();
            int returnable = item.quantity() - alreadyReturned(connection, item.orderItemId());
            if (entry.getValue() > returnable) {
                throw DomainException.conflict("only " + returnable + " unit(s) of product " + item.productId()
                        + " can still be returned on order " + request.orderId());
            }
        }
        return returned;
    }

    /** Unshipped units leave their reservation first; shipped ones go back on hand where they left from. */
    private List<Refund.Restocked> giveBack(Connection connection, long refundId, long orderId, Item item, int units)
            throws SQLException {
        List<Refund.Restocked> restocked = new ArrayList<>();
        int left = units;
        for (Hold hold : reservations.holds(connection, orderId, "HELD")) {
            if (left == 0) {
                break;
            }
            if (hold.orderItemId() != item.orderItemId()) {
                continue;
            }
            int released = Math.min(left, hold.quantity());
            reservations.releasePart(connection, hold, released);
            restocked.add(recordItem(connection, refundId, item.orderItemId(), item.productId(), hold.warehouseId(),
                    released, "RELEASED"));
            left -= released;
        }
        for (Map.Entry<Long, Integer> shipped : shippedNotReturned(connection, item.orderItemId()).entrySet()) {
            if (left == 0) {
                break;
            }
            int back = Math.min(left, shipped.getValue());
            reservations.restock(connection, item.productId(), shipped.getKey(), back);
            restocked.add(recordItem(connection, refundId, item.orderItemId(), item.productId(), shipped.getKey(), back,
                    "ON_HAND"));
            left -= back;
        }
        return restocked;
    }

    private static Payment capturedPayment(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, amount, gateway_reference FROM payments
                WHERE order_id = ? AND status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED') ORDER BY id LIMIT 1""")) {
            select.setLong(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw DomainException.conflict("order " + orderId + " has no captured payment to refund");
                }
                return new Payment(row.getLong(1), row.getBigDecimal(2), row.getString(3));
            }
        }
    }

    private static BigDecimal refundedSoFar(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_id = ?")) {
            select.setLong(1, orderId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBigDecimal(1).setScale(2);
            }
        }
    }

    private static Map<Long, Item> items(Connection connection, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, product_id, quantity, unit_price FROM order_items WHERE order_id = ? ORDER BY id")) {
            select.setLong(1, orderId);
            Map<Long, Item> items = new HashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    items.put(row.getLong(2), new Item(row.getLong(1), row.getLong(2), row.getInt(3), row.getBigDecimal(4)));
                }
            }
            return items;
        }
    }

    private static int alreadyReturned(Connection connection, long orderItemId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(SUM(quantity), 0) FROM refund_items WHERE order_item_id = ?")) {
            select.setLong(1, orderItemId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Per warehouse: units of the item that were shipped from it and not yet put back there. */
    private static Map<Long, Integer> shippedNotReturned(Connection connection, long orderItemId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT s.warehouse_id, s.shipped - COALESCE(r.back, 0)
                FROM (SELECT warehouse_id, SUM(quantity) AS shipped FROM shipment_items WHERE order_item_id = ?
                      GROUP BY warehouse_id) s
                LEFT JOIN (SELECT warehouse_id, SUM(quantity) AS back FROM refund_items
                           WHERE order_item_id = ? AND restock = 'ON_HAND' GROUP BY warehouse_id) r
                       ON r.warehouse_id = s.warehouse_id
                WHERE s.shipped - COALESCE(r.back, 0) > 0
                ORDER BY s.warehouse_id""")) {
            select.setLong(1, orderItemId);
            select.setLong(2, orderItemId);
            Map<Long, Integer> left = new LinkedHashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    left.put(row.getLong(1), row.getInt(2));
                }
            }
            return left;
        }
    }

    private static long insertRefund(Connection connection, Order order, Payment payment, BigDecimal amount,
                                     String reason, String reference) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO refunds (order_id, payment_id, amount, currency, reason, gateway_reference)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")) {
            insert.setLong(1, order.id());
            insert.setLong(2, payment.id());
            insert.setBigDecimal(3, amount);
            insert.setString(4, order.currency());
            insert.setString(5, reason);
            insert.setString(6, reference);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Refund.Restocked recordItem(Connection connection, long refundId, long orderItemId, long productId,
                                               long warehouseId, int quantity, String restock) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO refund_items (refund_id, order_item_id, product_id, warehouse_id, quantity, restock)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, refundId);
            insert.setLong(2, orderItemId);
            insert.setLong(3, productId);
            insert.setLong(4, warehouseId);
            insert.setInt(5, quantity);
            insert.setString(6, restock);
            insert.executeUpdate();
        }
        return new Refund.Restocked(productId, warehouseId, quantity, restock);
    }

    private static void updatePayment(Connection connection, long paymentId, String status) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE payments SET status = ? WHERE id = ?")) {
            update.setString(1, status);
            update.setLong(2, paymentId);
            update.executeUpdate();
        }
    }
}
