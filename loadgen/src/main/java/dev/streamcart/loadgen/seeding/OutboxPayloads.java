package dev.streamcart.loadgen.seeding;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.outbox.OutboxPayload;
import dev.streamcart.serving.money.Money;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderEventRecords;
import dev.streamcart.serving.orders.OrderItem;
import org.jspecify.annotations.Nullable;

/**
 * The outbox event of each seeded order change, built by serving-api's own code
 * ({@link OrderEventRecords}) and encoded by the shared {@link OutboxEncoder} exactly as each use case
 * writes it: Checkout's ORDER_PLACED, OrderPayments' ORDER_PAID/PAYMENT_FAILED (with
 * {@code cardFingerprint}), OrderCancellation's ORDER_CANCELLED, Fulfilment's FULFILLING/SHIPPED
 * (with carrier and tracking number)/DELIVERED and OrderRefunds' refunds. So ingest-cdc and
 * everything after it cannot tell a seeded event from the API's.
 */
final class OutboxPayloads {

    /** OrderCancellation's reason for a cancellation by the buyer. */
    static final String CUSTOMER_REQUEST = "customer_request";
    static final String PAYMENT_METHOD = "card";

    private final SeededCatalog catalog;
    private final OutboxEncoder encoder;

    OutboxPayloads(SeededCatalog catalog, OutboxEncoder encoder) {
        this.catalog = catalog;
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** The API's view of the order with {@code status}. */
    Order order(SeededOrder seeded, long userId, OrderStatus status) {
        List<OrderItem> items = seeded.lines().stream()
                .map(line -> new OrderItem(catalog.productId(line.product()), catalog.sellerId(line.product()),
                        catalog.categoryId(line.product()), line.quantity(), money(line.unitPriceCents())))
                .toList();
        return new Order(seeded.orderId(), userId, status, money(seeded.totalCents()), PriceList.CURRENCY, items,
                seeded.region());
    }

    OrderEvent.Builder placed(Order order, String shippingAddressKey) {
        return OrderEventRecords.of(order, OrderEventType.ORDER_PLACED).setShippingAddressKey(shippingAddressKey);
    }

    OrderEvent.Builder payment(Order order, OrderEventType type, @Nullable String reason, String cardFingerprint) {
        return OrderEventRecords.of(order, type).setPaymentMethod(PAYMENT_METHOD).setReason(reason)
                .setCardFingerprint(cardFingerprint);
    }

    OrderEvent.Builder statusChange(Order order, OrderEventType type, @Nullable String reason) {
        return OrderEventRecords.of(order, type).setReason(reason);
    }

    OrderEvent.Builder shipped(Order order, String carrier, String trackingNumber) {
        return OrderEventRecords.of(order, OrderEventType.ORDER_SHIPPED).setCarrier(carrier)
                .setTrackingNumber(trackingNumber);
    }

    /** A whole refund returns every line; a goodwill refund returns an amount and no lines. */
    OrderEvent.Builder refund(Order order, OrderEventType type, String reason, long refundedCents, boolean returnsLines) {
        List<OrderLine> returned = returnsLines
                ? order.items().stream().map(item -> OrderEventRecords.line(item.productId(), item.sellerId(),
                        item.categoryId(), item.quantity(), Money.toCents(item.unitPrice()), null)).toList()
                : List.of();
        return OrderEventRecords.refund(order, type, reason, refundedCents, returned);
    }

    /** The row's payload, stamped as OrderEvents stamps the API's events. */
    OutboxPayload encode(OrderEvent.Builder event, UUID id, Instant at) {
        return encoder.encode(OutboxAggregate.ORDER, event.setEventId(id.toString()).setOccurredAt(at).build());
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
