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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.idempotency.IdempotencyKey;
import dev.streamcart.serving.idempotency.IdempotentRequests;
import dev.streamcart.serving.idempotency.StoredResponse;
import dev.streamcart.serving.inventory.Hold;
import dev.streamcart.serving.inventory.StockReservations;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.notifications.NotificationKind;
import dev.streamcart.serving.notifications.Notifications;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderEventRecords;
import dev.streamcart.serving.orders.OrderEvents;
import dev.streamcart.serving.orders.OrderItem;
import dev.streamcart.serving.orders.OrderRepository;
import dev.streamcart.serving.payments.GatewayUnavailableException;
import dev.streamcart.serving.payments.PaymentGateway;
import dev.streamcart.serving.payments.RefundRequest;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import org.jspecify.annotations.Nullable;

/**
 * Refunds a paid order, wholly or in part, in two short transactions around the payment
 * provider's call, so that no row lock is held while the provider answers (which may take
 * seconds, and every checkout, payment or shipment of the order would wait that long):
 * <ol>
 *   <li>the order row is locked, the refund checked and recorded {@code PENDING}, and committed.
 *       A pending refund's amount and units already count as refunded, so concurrent refunds of
 *       one order never add up to more than was captured or bought;</li>
 *   <li>the provider is asked, with no transaction open, under the request's
 *       {@code Idempotency-Key} (providers deduplicate on it);</li>
 *   <li>the refund is completed with the provider's reference in the transaction that claims the
 *       key and stores the response, and the stock goes back: an unshipped unit leaves its
 *       reservation, a shipped unit is back on hand in the warehouse it left from. A refund of the
 *       whole remaining amount also releases anything still held.</li>
 * </ol>
 *
 * <p>A retry with the same key finds its refund: a pending one is resumed (the provider answers
 * its first result), a completed one replays the stored response. A refusal by the provider
 * deletes the pending refund, so the key is free for a corrected request. When the provider does
 * not answer, the refund stays pending (its amount reserved) until a retry with the same key.
 */
public final class OrderRefunds {

    private static final Set<OrderStatus> REFUNDABLE = EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING,
            OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.PARTIALLY_REFUNDED);

    private record Payment(long id, BigDecimal amount, String gatewayReference) {}

    private record Item(long orderItemId, long productId, int quantity, BigDecimal unitPrice) {}

    /**
     * A refund as recorded by the first transaction: what to ask the provider for.
     *
     * @param gatewayReference the provider's answer when an earlier attempt already completed it
     */
    private record Intent(long refundId, String paymentReference, BigDecimal amount, String currency,
                          @Nullable String gatewayReference) {}

    private final Transactions transactions;
    private final IdempotentRequests idempotent;
    private final OrderRepository orders;
    private final StockReservations reservations;
    private final OrderEvents events;
    private final PaymentGateway gateway;

    public OrderRefunds(Transactions transactions, IdempotentRequests idempotent, OrderRepository orders,
                        StockReservations reservations, OrderEvents events, PaymentGateway gateway) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.idempotent = Objects.requireNonNull(idempotent, "idempotent");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.events = Objects.requireNonNull(events, "events");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    /**
     * Refunds at most once per key on {@code endpoint}; {@code respond} turns the completed refund
     * into the response that retries replay.
     */
    public StoredResponse refund(RefundOrder request, IdempotencyKey key, String endpoint, String requestHash,
                                 Function<Refund, StoredResponse> respond) {
        Intent intent = transactions.inTransaction(connection -> recordIntent(connection, request, key, requestHash));
        String reference = intent.gatewayReference() != null ? intent.gatewayReference() : askProvider(intent, key);
        return idempotent.execute(key, endpoint, requestHash,
                connection -> respond.apply(complete(connection, request, intent.refundId(), reference)));
    }

    /** First transaction: checks the refund under the order's lock and records it as pending. */
    private Intent recordIntent(Connection connection, RefundOrder request, IdempotencyKey key, String requestHash)
            throws SQLException {
        Order order = orders.lockForUpdate(connection, request.orderId())
                .orElseThrow(() -> DomainException.notFound("order", request.orderId()));
        Intent earlier = intentOfKey(connection, order.id(), key, requestHash);
        if (earlier != null) {
            return earlier;
        }
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
        long refundId = insertPendingRefund(connection, order, payment, amount, request.reason(), key, requestHash);
        int position = 0;
        for (Map.Entry<Item, Integer> entry : returned.entrySet()) {
            insertRequestedItem(connection, refundId, position++, entry.getKey().orderItemId(), entry.getValue());
        }
        return new Intent(refundId, payment.gatewayReference(), amount, order.currency(), null);
    }

    /** The refund an earlier request with this key recorded, or null; the same key with another request is refused. */
    private static @Nullable Intent intentOfKey(Connection connection, long orderId, IdempotencyKey key,
                                                String requestHash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT r.id, r.request_hash, p.gateway_reference, r.amount, r.currency, r.gateway_reference
                FROM refunds r JOIN payments p ON p.id = r.payment_id
                WHERE r.order_id = ? AND r.idempotency_key = ?""")) {
            select.setLong(1, orderId);
            select.setString(2, key.value());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                if (!requestHash.equals(row.getString(2))) {
                    throw new DomainException(ProblemKind.IDEMPOTENCY_KEY_REUSED, "the " + IdempotencyKey.HEADER + " '"
                            + key.value() + "' was first used with a different refund of order " + orderId);
                }
                return new Intent(row.getLong(1), row.getString(3), row.getBigDecimal(4), row.getString(5).trim(),
                        row.getString(6));
            }
        }
    }

    /**
     * The provider's call, with no transaction open. A refusal deletes the pending refund (nothing
     * was refunded); no answer leaves it pending for a retry with the same key.
     */
    private String askProvider(Intent intent, IdempotencyKey key) {
        try {
            return gateway.refund(new RefundRequest(key.value(), intent.paymentReference(), intent.amount(),
                    intent.currency()));
        } catch (GatewayUnavailableException e) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("refundId", intent.refundId());
            extensions.put("retryable", true);
            throw new DomainException(ProblemKind.UNAVAILABLE, "the payment provider did not answer the refund of "
                    + Money.format(intent.amount()) + " " + intent.currency() + "; it is pending: retry with the same "
                    + IdempotencyKey.HEADER + " to complete it", extensions);
        } catch (RuntimeException e) {
            try {
                transactions.inTransaction(connection -> deletePendingRefund(connection, intent.refundId()));
            } catch (RuntimeException deleteFailure) {
                // the refusal is what the caller must see; the refund stays pending for a retry
                e.addSuppressed(deleteFailure);
            }
            throw e;
        }
    }

    /**
     * Second transaction (the one that stores the response under the key): the refund is completed
     * with the provider's reference, and stock, payment, order status, event and notification follow.
     */
    private Refund complete(Connection connection, RefundOrder request, long refundId, String reference)
            throws SQLException {
        // the order first, as in the first transaction, so the two never wait on each other crosswise
        Order order = orders.lockForUpdate(connection, request.orderId())
                .orElseThrow(() -> DomainException.notFound("order", request.orderId()));
        BigDecimal amount = markCompleted(connection, refundId, reference);
        Payment payment = paymentOfRefund(connection, refundId);
        BigDecimal refundedAfter = completedSoFar(connection, order.id());
        boolean whole = refundedAfter.compareTo(payment.amount()) == 0;
        Map<Item, Integer> returned = requestedUnits(connection, refundId);

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
        events.append(connection, OrderEventRecords.refund(refunded, type, request.reason(), Money.toCents(amount),
                refundedLines(order, returned)));
        Notifications.record(connection, order.userId(), NotificationKind.ORDER_REFUNDED, order.id(),
                "Refund of " + Money.format(amount) + " " + order.currency() + " for order " + order.id(),
                "We refunded " + Money.format(amount) + " " + order.currency() + " to your card. Reason: "
                        + request.reason() + ".");
        // what other refunds still pending have asked for is not refundable any more
        BigDecimal refundable = payment.amount().subtract(refundedSoFar(connection, order.id()));
        return new Refund(refundId, order.id(), Money.format(amount), order.currency(), request.reason(), status.name(),
                Money.format(refundedAfter), Money.format(refundable), restocked);
    }

    /** The returned units per product, priced per unit as bought, with the order line's seller and category. */
    private static List<OrderLine> refundedLines(Order order, Map<Item, Integer> returned) {
        List<OrderLine> lines = new ArrayList<>();
        for (Map.Entry<Item, Integer> entry : returned.entrySet()) {
            Item item = entry.getKey();
            OrderItem bought = order.items().stream().filter(line -> line.productId() == item.productId()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("order " + order.id() + " lost product " + item.productId()));
            lines.add(OrderEventRecords.line(item.productId(), bought.sellerId(), bought.categoryId(),
                    entry.getValue(), Money.toCents(item.unitPrice()), null));
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
        return payment(connection, """
                SELECT id, amount, gateway_reference FROM payments
                WHERE order_id = ? AND status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED') ORDER BY id LIMIT 1""", orderId)
                .orElseThrow(() -> DomainException.conflict("order " + orderId + " has no captured payment to refund"));
    }

    private static Payment paymentOfRefund(Connection connection, long refundId) throws SQLException {
        return payment(connection, """
                SELECT p.id, p.amount, p.gateway_reference FROM refunds r JOIN payments p ON p.id = r.payment_id
                WHERE r.id = ?""", refundId)
                .orElseThrow(() -> new IllegalStateException("refund " + refundId + " has no payment"));
    }

    /** The payment {@code query} (id, amount, gateway reference) finds for {@code id}. */
    private static Optional<Payment> payment(Connection connection, String query, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query)) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Payment(row.getLong(1), row.getBigDecimal(2), row.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** Completed and pending refunds: a pending one's amount is spoken for. */
    private static BigDecimal refundedSoFar(Connection connection, long orderId) throws SQLException {
        return refundSum(connection, "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_id = ?", orderId);
    }

    private static BigDecimal completedSoFar(Connection connection, long orderId) throws SQLException {
        return refundSum(connection,
                "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_id = ? AND status = 'COMPLETED'", orderId);
    }

    private static BigDecimal refundSum(Connection connection, String query, long orderId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(query)) {
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

    /** Units given back by completed refunds, and asked for by pending ones (which will give them back). */
    private static int alreadyReturned(Connection connection, long orderItemId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT (SELECT COALESCE(SUM(quantity), 0) FROM refund_items WHERE order_item_id = ?)
                     + (SELECT COALESCE(SUM(q.quantity), 0) FROM refund_requested_items q
                        JOIN refunds r ON r.id = q.refund_id
                        WHERE q.order_item_id = ? AND r.status = 'PENDING')""")) {
            select.setLong(1, orderItemId);
            select.setLong(2, orderItemId);
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

    private static long insertPendingRefund(Connection connection, Order order, Payment payment, BigDecimal amount,
                                            String reason, IdempotencyKey key, String requestHash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO refunds (order_id, payment_id, amount, currency, reason, status, idempotency_key, request_hash)
                VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?) RETURNING id""")) {
            insert.setLong(1, order.id());
            insert.setLong(2, payment.id());
            insert.setBigDecimal(3, amount);
            insert.setString(4, order.currency());
            insert.setString(5, reason);
            insert.setString(6, key.value());
            insert.setString(7, requestHash);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void insertRequestedItem(Connection connection, long refundId, int position, long orderItemId,
                                            int quantity) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO refund_requested_items (refund_id, position, order_item_id, quantity) VALUES (?, ?, ?, ?)""")) {
            insert.setLong(1, refundId);
            insert.setInt(2, position);
            insert.setLong(3, orderItemId);
            insert.setInt(4, quantity);
            insert.executeUpdate();
        }
    }

    /** True when the refund was still pending (and is gone with its requested units). */
    private static boolean deletePendingRefund(Connection connection, long refundId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM refunds WHERE id = ? AND status = 'PENDING'")) {
            delete.setLong(1, refundId);
            return delete.executeUpdate() == 1;
        }
    }

    /** Completes a pending refund and answers its amount; a refund completed already was an earlier request's. */
    private static BigDecimal markCompleted(Connection connection, long refundId, String reference) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE refunds SET status = 'COMPLETED', gateway_reference = ?
                WHERE id = ? AND status = 'PENDING' RETURNING amount""")) {
            update.setString(1, reference);
            update.setLong(2, refundId);
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    // only after the key's response was forgotten (retention): the refund is not repeated
                    throw DomainException.conflict("refund " + refundId + " was already completed by an earlier"
                            + " request with this " + IdempotencyKey.HEADER);
                }
                return row.getBigDecimal(1);
            }
        }
    }

    /** The units the first transaction recorded, in the order they were asked for. */
    private static Map<Item, Integer> requestedUnits(Connection connection, long refundId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT oi.id, oi.product_id, oi.quantity, oi.unit_price, q.quantity
                FROM refund_requested_items q JOIN order_items oi ON oi.id = q.order_item_id
                WHERE q.refund_id = ? ORDER BY q.position""")) {
            select.setLong(1, refundId);
            Map<Item, Integer> requested = new LinkedHashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    requested.put(new Item(row.getLong(1), row.getLong(2), row.getInt(3), row.getBigDecimal(4)),
                            row.getInt(5));
                }
            }
            return requested;
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
