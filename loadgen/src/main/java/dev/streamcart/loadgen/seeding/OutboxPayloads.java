package dev.streamcart.loadgen.seeding;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.orders.Order;
import dev.streamcart.serving.orders.OrderEventPayload;
import dev.streamcart.serving.orders.OrderItem;
import dev.streamcart.serving.web.JsonMapping;
import org.jspecify.annotations.Nullable;

/**
 * The outbox payload of each seeded order event, built by serving-api's own classes
 * ({@link OrderEventPayload} and the API's JSON settings) exactly as each use case builds it:
 * Checkout's ORDER_PLACED, OrderPayments' ORDER_PAID/PAYMENT_FAILED (with {@code cardFingerprint}),
 * OrderCancellation's ORDER_CANCELLED, Fulfilment's FULFILLING/SHIPPED/DELIVERED and OrderRefunds'
 * refunds. So ingest-cdc and everything after it cannot tell a seeded event from the API's.
 */
final class OutboxPayloads {

    /** The key OrderPayments adds to payment events. */
    static final String CARD_FINGERPRINT = "cardFingerprint";
    /** OrderCancellation's reason for a cancellation by the buyer. */
    static final String CUSTOMER_REQUEST = "customer_request";
    static final String PAYMENT_METHOD = "card";

    private final ObjectMapper json = JsonMapping.newObjectMapper();
    private final SeededCatalog catalog;

    OutboxPayloads(SeededCatalog catalog) {
        this.catalog = catalog;
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

    String placed(Order order, String shippingAddressKey) {
        return write(OrderEventPayload.placed(order, shippingAddressKey));
    }

    String payment(Order order, @Nullable String reason, String cardFingerprint) {
        ObjectNode payload = json.valueToTree(OrderEventPayload.of(order, PAYMENT_METHOD, reason));
        payload.put(CARD_FINGERPRINT, cardFingerprint);
        return write(payload);
    }

    String statusChange(Order order, @Nullable String reason) {
        return write(OrderEventPayload.of(order, null, reason));
    }

    String shipped(Order order, String carrier, String trackingNumber) {
        return write(OrderEventPayload.of(order, null, null, carrier, trackingNumber, null));
    }

    /** A whole refund returns every line; a goodwill refund returns an amount and no lines. */
    String refund(Order order, String reason, long refundedCents, boolean returnsLines) {
        List<OrderEventPayload.Line> returned = returnsLines
                ? order.items().stream().map(item -> new OrderEventPayload.Line(item.productId(), item.sellerId(),
                        item.categoryId(), item.quantity(), item.unitPrice().movePointRight(2).longValueExact())).toList()
                : List.of();
        return write(OrderEventPayload.refund(order, reason, refundedCents, returned));
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an outbox payload", e);
        }
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
