package dev.streamcart.loadgen.seeding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.outbox.OutboxPayload;
import dev.streamcart.serving.orders.Order;
import org.jspecify.annotations.Nullable;

/**
 * Turns seeded orders into the rows the API would have written for each of their steps: the order
 * and its items, stock reservations, payments and gateway calls, shipments with their items and
 * tracking, refunds with the units they returned, reviews, notifications (already delivered, so
 * the dispatcher does not send a week of mail) and one outbox row per status change with the
 * API's payload. A batch of orders is written together with the new stock of every slot it touched,
 * in the caller's transaction, so every commit is consistent.
 */
final class OrderRows {

    private final SeededCatalog catalog;
    private final SeededUsers users;
    private final PriceList prices;
    private final OutboxPayloads payloads;
    /** Outbox ids: random UUIDs like the API's, but drawn from the seed so that a seed repeats exactly. */
    private final SplittableRandom eventIds;
    private final MessageDigest sha256;

    private long nextItemId;
    private long nextReservationId;
    private long nextPaymentId;
    private long nextTransactionId;
    private long nextShipmentId;
    private long nextShipmentItemId;
    private long nextTrackingId;
    private long nextRefundId;
    private long nextRefundItemId;
    private long nextReviewId;
    private long nextNotificationId;
    private long outboxRows;

    OrderRows(SeededCatalog catalog, SeededUsers users, PriceList prices, IdBlocks ids, SplittableRandom eventIds,
              OutboxEncoder outbox) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.users = Objects.requireNonNull(users, "users");
        this.prices = Objects.requireNonNull(prices, "prices");
        this.payloads = new OutboxPayloads(catalog, outbox);
        this.eventIds = Objects.requireNonNull(eventIds, "eventIds");
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        nextItemId = ids.first("order_items");
        nextReservationId = ids.first("stock_reservations");
        nextPaymentId = ids.first("payments");
        nextTransactionId = ids.first("payment_transactions");
        nextShipmentId = ids.first("shipments");
        nextShipmentItemId = ids.first("shipment_items");
        nextTrackingId = ids.first("tracking_events");
        nextRefundId = ids.first("refunds");
        nextRefundItemId = ids.first("refund_items");
        nextReviewId = ids.first("reviews");
        nextNotificationId = ids.first("notifications");
    }

    /** Upper bounds of the ids one order can use per table, for {@link IdBlocks#reserve}. */
    static final int MAX_LINES = 3;

    long outboxRows() {
        return outboxRows;
    }

    /** The rows of one batch, in foreign-key order. */
    private final class Batch {
        final CopyText orders = new CopyText("orders", "id, user_id, status, subtotal, tax_amount, shipping_amount, total, "
                + "currency, shipping_address_id, shipping_region, shipping_carrier, created_at, updated_at");
        final CopyText items = new CopyText("order_items", "id, order_id, product_id, seller_id, category_id, quantity, "
                + "unit_price, total_price, product_name, product_sku, tax_amount, created_at");
        final CopyText reservations = new CopyText("stock_reservations",
                "id, order_id, order_item_id, product_id, warehouse_id, quantity, status, created_at, updated_at");
        final CopyText payments = new CopyText("payments", "id, order_id, method, status, amount, currency, card_brand, "
                + "card_last4, gateway_reference, decline_reason, gateway_token, card_exp_month, card_exp_year, "
                + "card_fingerprint, risk_score, authorized_at, captured_at, created_at");
        final CopyText transactions = new CopyText("payment_transactions", "id, payment_id, kind, status, amount, currency, "
                + "idempotency_reference, gateway_reference, attempts, failure_reason, created_at");
        final CopyText shipments = new CopyText("shipments",
                "id, order_id, carrier_id, tracking_number, status, shipped_at, delivered_at");
        final CopyText shipmentItems = new CopyText("shipment_items",
                "id, shipment_id, order_item_id, product_id, warehouse_id, quantity");
        final CopyText tracking = new CopyText("tracking_events", "id, shipment_id, status, location, occurred_at");
        final CopyText refunds = new CopyText("refunds",
                "id, order_id, payment_id, amount, currency, reason, gateway_reference, created_at");
        final CopyText refundItems = new CopyText("refund_items",
                "id, refund_id, order_item_id, product_id, warehouse_id, quantity, restock");
        final CopyText reviews = new CopyText("reviews", "id, product_id, user_id, order_id, rating, title, body, created_at");
        final CopyText notifications = new CopyText("notifications",
                "id, user_id, kind, order_id, title, message, created_at, delivered_at");
        final CopyText outbox = new CopyText("outbox", "id, aggregate_type, aggregate_id, event_type, payload, schema_id, created_at");
        final BitSet touchedSlots = new BitSet();

        List<CopyText> inWriteOrder() {
            return List.of(orders, items, reservations, payments, transactions, shipments, shipmentItems, tracking, refunds,
                    refundItems, reviews, notifications, outbox);
        }
    }

    /** Writes a batch; returns the number of rows written. */
    long write(List<SeededOrder> orders, RowSink sink) throws SQLException {
        Batch batch = new Batch();
        for (SeededOrder order : orders) {
            add(order, batch);
        }
        long rows = 0;
        for (CopyText table : batch.inWriteOrder()) {
            sink.write(table);
            rows += table.rows();
        }
        CopyText stock = new CopyText(StockUpdate.TABLE, StockUpdate.COLUMNS);
        for (int slot = batch.touchedSlots.nextSetBit(0); slot >= 0; slot = batch.touchedSlots.nextSetBit(slot + 1)) {
            stock.row().add(catalog.inventoryId(slot)).add(catalog.onHand[slot]).add(catalog.reserved[slot]);
        }
        sink.replaceStock(stock);
        return rows + stock.rows();
    }

    private void add(SeededOrder order, Batch batch) {
        long userId = users.userId(order.user());
        Instant placedAt = order.steps().get(0).at();
        OrderStatus status = statusAfter(order);
        batch.orders.row().add(order.orderId()).add(userId).add(status.name()).cents(order.subtotalCents())
                .cents(order.taxCents()).cents(order.shippingCents()).cents(order.totalCents()).add(PriceList.CURRENCY)
                .add(users.addressId(order.user())).add(order.region()).add(prices.carrierCode()).add(placedAt)
                .add(order.lastChange());

        boolean released = order.reached(SeededOrder.Step.CANCELLED) || order.reached(SeededOrder.Step.PAYMENT_FAILED)
                || order.reached(SeededOrder.Step.REFUNDED_BEFORE_SHIPMENT);
        boolean shipped = order.reached(SeededOrder.Step.SHIPPED);
        String reservationStatus = released ? "RELEASED" : shipped ? "COMMITTED" : "HELD";
        long[] itemIds = new long[order.lines().size()];
        for (int i = 0; i < order.lines().size(); i++) {
            SeededOrder.Line line = order.lines().get(i);
            itemIds[i] = nextItemId++;
            batch.items.row().add(itemIds[i]).add(order.orderId()).add(catalog.productId(line.product()))
                    .add(catalog.sellerId(line.product())).add(catalog.categoryId(line.product())).add(line.quantity())
                    .cents(line.unitPriceCents()).cents(line.unitPriceCents() * line.quantity())
                    .add(catalog.productName(line.product())).add(catalog.sku(line.product())).cents(line.taxCents())
                    .add(placedAt);
            batch.reservations.row().add(nextReservationId++).add(order.orderId()).add(itemIds[i])
                    .add(catalog.productId(line.product())).add(warehouseId(line)).add(line.quantity()).add(reservationStatus)
                    .add(placedAt).add(order.lastChange());
            batch.touchedSlots.set(line.slot());
        }

        Order placed = payloads.order(order, userId, OrderStatus.PENDING_PAYMENT);
        outbox(batch, order, payloads.placed(placed, users.shippingAddressKey(order.user())), placedAt);
        notify(batch, userId, "ORDER_CONFIRMED", order.orderId(), "Order " + order.orderId() + " confirmed",
                "We have your order " + order.orderId() + " of " + order.lines().size() + " item(s), total "
                        + OutboxPayloads.money(order.totalCents()) + " " + PriceList.CURRENCY + ". It is reserved for you until paid.",
                placedAt);

        long paymentId = 0;
        long shipmentId = 0;
        String fingerprint = cardFingerprint(userId);
        for (SeededOrder.Timed timed : order.steps()) {
            Instant at = timed.at();
            switch (timed.step()) {
                case PLACED -> { }
                case CANCELLED -> outbox(batch, order, payloads.statusChange(payloads.order(order, userId,
                        OrderStatus.CANCELLED), OrderEventType.ORDER_CANCELLED, OutboxPayloads.CUSTOMER_REQUEST), at);
                case PAYMENT_FAILED -> {
                    paymentId = payment(batch, order, "FAILED", order.declineReason(), fingerprint, at, status);
                    outbox(batch, order, payloads.payment(payloads.order(order, userId, OrderStatus.PAYMENT_FAILED),
                            OrderEventType.PAYMENT_FAILED, order.declineReason(), fingerprint), at);
                    notify(batch, userId, "PAYMENT_FAILED", order.orderId(), "Payment failed for order " + order.orderId(),
                            "Your payment for order " + order.orderId() + " failed. Nothing was charged.", at);
                }
                case PAID -> {
                    paymentId = payment(batch, order, paymentStatus(status), null, fingerprint, at, status);
                    outbox(batch, order, payloads.payment(payloads.order(order, userId, OrderStatus.PAID),
                            OrderEventType.ORDER_PAID, null, fingerprint), at);
                }
                case FULFILLING -> outbox(batch, order, payloads.statusChange(payloads.order(order, userId,
                        OrderStatus.FULFILLING), OrderEventType.ORDER_FULFILLING, null), at);
                case SHIPPED -> {
                    shipmentId = shipment(batch, order, itemIds, at);
                    String trackingNumber = trackingNumber(order);
                    outbox(batch, order, payloads.shipped(payloads.order(order, userId, OrderStatus.SHIPPED),
                            prices.carrierCode(), trackingNumber), at);
                    notify(batch, userId, "ORDER_SHIPPED", order.orderId(), "Your order " + order.orderId() + " is on its way",
                            "Carrier " + prices.carrierCode() + ", tracking number " + trackingNumber + ".", at);
                }
                case IN_TRANSIT -> batch.tracking.row().add(nextTrackingId++).add(shipmentId).add("IN_TRANSIT")
                        .add("Sorting centre").add(at);
                case DELIVERED -> {
                    batch.tracking.row().add(nextTrackingId++).add(shipmentId).add("DELIVERED").add(users.city(order.user()))
                            .add(at);
                    outbox(batch, order, payloads.statusChange(payloads.order(order, userId, OrderStatus.DELIVERED),
                            OrderEventType.ORDER_DELIVERED, null), at);
                    notify(batch, userId, "ORDER_DELIVERED", order.orderId(), "Your order " + order.orderId() + " was delivered",
                            "Delivered at " + users.city(order.user()) + ".", at);
                }
                case REVIEWED -> review(batch, order, userId, at);
                case REFUNDED_BEFORE_SHIPMENT -> refund(batch, order, userId, paymentId, itemIds, "RELEASED",
                        "out of stock at the warehouse", at);
                case REFUNDED_RETURNED -> refund(batch, order, userId, paymentId, itemIds, "ON_HAND", "returned by the buyer", at);
                case GOODWILL_REFUND -> refund(batch, order, userId, paymentId, itemIds, null, "goodwill", at);
            }
        }
    }

    private long payment(Batch batch, SeededOrder order, String status, @Nullable String declineReason, String fingerprint,
                         Instant at, OrderStatus orderStatus) {
        long paymentId = nextPaymentId++;
        boolean failed = declineReason != null;
        String last4 = !failed ? "4242" : "insufficient_funds".equals(declineReason) ? "9995" : "0002";
        String reference = "seed-auth-" + paymentId;
        batch.payments.row().add(paymentId).add(order.orderId()).add(OutboxPayloads.PAYMENT_METHOD).add(status)
                .cents(order.totalCents()).add(PriceList.CURRENCY).add("visa").add(last4).add(reference).add(declineReason)
                .add(failed ? null : "seed-token-" + paymentId).add(12).add(2030).add(fingerprint).add(5)
                .add(failed ? null : at).add(failed ? null : at).add(at);
        String idempotency = "order-" + order.orderId() + "/seed-" + paymentId;
        batch.transactions.row().add(nextTransactionId++).add(paymentId).add("AUTHORIZE").add(failed ? "FAILED" : "SUCCEEDED")
                .cents(order.totalCents()).add(PriceList.CURRENCY).add(idempotency + ":authorize").add(reference).add(1)
                .add(declineReason).add(at);
        if (!failed) {
            batch.transactions.row().add(nextTransactionId++).add(paymentId).add("CAPTURE").add("SUCCEEDED")
                    .cents(order.totalCents()).add(PriceList.CURRENCY).add(idempotency + ":capture")
                    .add("seed-capture-" + paymentId).add(1).nullValue().add(at);
        }
        return paymentId;
    }

    private long shipment(Batch batch, SeededOrder order, long[] itemIds, Instant at) {
        long shipmentId = nextShipmentId++;
        String status = order.reached(SeededOrder.Step.DELIVERED) ? "DELIVERED"
                : order.reached(SeededOrder.Step.IN_TRANSIT) ? "IN_TRANSIT" : "SHIPPED";
        batch.shipments.row().add(shipmentId).add(order.orderId()).add(prices.carrierId()).add(trackingNumber(order))
                .add(status).add(at).add(order.at(SeededOrder.Step.DELIVERED));
        for (int i = 0; i < order.lines().size(); i++) {
            SeededOrder.Line line = order.lines().get(i);
            batch.shipmentItems.row().add(nextShipmentItemId++).add(shipmentId).add(itemIds[i])
                    .add(catalog.productId(line.product())).add(warehouseId(line)).add(line.quantity());
        }
        batch.tracking.row().add(nextTrackingId++).add(shipmentId).add("SHIPPED").nullValue().add(at);
        return shipmentId;
    }

    /** {@code restock} null: a goodwill refund of an amount, no units returned. */
    private void refund(Batch batch, SeededOrder order, long userId, long paymentId, long[] itemIds, @Nullable String restock,
                        String reason, Instant at) {
        long refundId = nextRefundId++;
        boolean whole = restock != null;
        long cents = whole ? order.totalCents() : SeededOrder.GOODWILL_CENTS;
        batch.refunds.row().add(refundId).add(order.orderId()).add(paymentId).cents(cents).add(PriceList.CURRENCY)
                .add(reason).add("seed-refund-" + refundId).add(at);
        if (whole) {
            for (int i = 0; i < order.lines().size(); i++) {
                SeededOrder.Line line = order.lines().get(i);
                batch.refundItems.row().add(nextRefundItemId++).add(refundId).add(itemIds[i])
                        .add(catalog.productId(line.product())).add(warehouseId(line)).add(line.quantity()).add(restock);
            }
        }
        OrderStatus status = whole ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        outbox(batch, order, payloads.refund(payloads.order(order, userId, status),
                whole ? OrderEventType.ORDER_REFUNDED : OrderEventType.ORDER_PARTIALLY_REFUNDED, reason, cents, whole), at);
        notify(batch, userId, "ORDER_REFUNDED", order.orderId(), "Refund of " + OutboxPayloads.money(cents) + " "
                + PriceList.CURRENCY + " for order " + order.orderId(), "We refunded " + OutboxPayloads.money(cents) + " "
                + PriceList.CURRENCY + " to your card. Reason: " + reason + ".", at);
    }

    private void review(Batch batch, SeededOrder order, long userId, Instant at) {
        SeededOrder.Line line = order.lines().get(order.reviewedLine());
        int stars = order.reviewStars();
        String title = Vocabulary.REVIEW_TITLES_BY_STARS.get(stars - 1);
        batch.reviews.row().add(nextReviewId++).add(catalog.productId(line.product())).add(userId).add(order.orderId())
                .add(stars).add(title).add(title + ": the " + catalog.productName(line.product()) + " is "
                        + (stars >= 4 ? "just what I wanted." : stars == 3 ? "fine for the price." : "not what I expected."))
                .add(at);
    }

    private void outbox(Batch batch, SeededOrder order, OrderEvent.Builder event, Instant at) {
        long bits = eventIds.nextLong();
        UUID id = new UUID((bits & ~0xF000L) | 0x4000L, (eventIds.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        OutboxPayload payload = payloads.encode(event, id, at);
        batch.outbox.row().add(id.toString()).add(OutboxAggregate.ORDER.type()).add(Long.toString(order.orderId()))
                .add(event.getType().name()).add(payload.json())
                .add(payload.schemaId() == null ? null : payload.schemaId().toString()).add(at);
        outboxRows++;
    }

    private void notify(Batch batch, long userId, String kind, long orderId, String title, String message, Instant at) {
        batch.notifications.row().add(nextNotificationId++).add(userId).add(kind).add(orderId).add(title).add(message).add(at)
                .add(at);
    }

    private long warehouseId(SeededOrder.Line line) {
        return catalog.warehouseId(catalog.warehouseOfSlot[line.slot()]);
    }

    private static String trackingNumber(SeededOrder order) {
        return "SEED" + order.orderId();
    }

    /**
     * A stand-in for the API's card fingerprint (an HMAC with the server's secret, which a seed does
     * not have): stable per buyer, so the fraud signals see one card per customer.
     */
    private String cardFingerprint(long userId) {
        return HexFormat.of().formatHex(sha256.digest(("seed-card-" + userId).getBytes(StandardCharsets.US_ASCII)));
    }

    static OrderStatus statusAfter(SeededOrder order) {
        OrderStatus status = OrderStatus.PENDING_PAYMENT;
        for (SeededOrder.Timed timed : order.steps()) {
            status = switch (timed.step()) {
                case PLACED -> OrderStatus.PENDING_PAYMENT;
                case CANCELLED -> OrderStatus.CANCELLED;
                case PAID -> OrderStatus.PAID;
                case PAYMENT_FAILED -> OrderStatus.PAYMENT_FAILED;
                case FULFILLING -> OrderStatus.FULFILLING;
                case SHIPPED -> OrderStatus.SHIPPED;
                case DELIVERED -> OrderStatus.DELIVERED;
                case REFUNDED_BEFORE_SHIPMENT, REFUNDED_RETURNED -> OrderStatus.REFUNDED;
                case GOODWILL_REFUND -> OrderStatus.PARTIALLY_REFUNDED;
                case IN_TRANSIT, REVIEWED -> status;
            };
        }
        return status;
    }

    private static String paymentStatus(OrderStatus finalStatus) {
        return switch (finalStatus) {
            case REFUNDED -> "REFUNDED";
            case PARTIALLY_REFUNDED -> "PARTIALLY_REFUNDED";
            default -> "CAPTURED";
        };
    }
}
