package dev.streamcart.serving.orders;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.streamcart.serving.money.Money;
import org.jspecify.annotations.Nullable;

/**
 * The outbox payload of an order event, field for field the shared contract that ingest-cdc turns
 * into an Avro {@code OrderEvent}: money in cents, status as an {@code OrderStatus} symbol, every
 * item of the order, and {@code paymentMethod}/{@code reason} present (possibly null). Shipping
 * events add {@code carrier}/{@code trackingNumber}, refunds {@code refundedCents} (this refund's
 * amount), ORDER_PLACED {@code shippingAddressKey} (SHA-256 hex of the normalised shipping address,
 * when the order has one); those are left out of every other event, so older payloads keep their
 * exact shape. Every event carries the order's {@code region} when it has one; refund events carry
 * {@code refundedItems}, the lines that refund returns (empty for an amount-only refund).
 */
public record OrderEventPayload(long orderId, long userId, String status, long totalCents, String currency,
                                List<Line> items, @Nullable String paymentMethod, @Nullable String reason,
                                @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String carrier,
                                @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String trackingNumber,
                                @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long refundedCents,
                                @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String shippingAddressKey,
                                @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String region,
                                @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<Line> refundedItems) {

    /** One order line; {@code recommendationVariant} is the A/B variant the item was added from, if any. */
    public record Line(long productId, long sellerId, long categoryId, int quantity, long unitPriceCents,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String recommendationVariant) {

        public Line(long productId, long sellerId, long categoryId, int quantity, long unitPriceCents) {
            this(productId, sellerId, categoryId, quantity, unitPriceCents, null);
        }
    }

    public OrderEventPayload {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        items = List.copyOf(items);
        refundedItems = refundedItems == null ? null : List.copyOf(refundedItems);
    }

    public static OrderEventPayload of(Order order, @Nullable String paymentMethod, @Nullable String reason) {
        return of(order, paymentMethod, reason, null, null, null);
    }

    public static OrderEventPayload of(Order order, @Nullable String paymentMethod, @Nullable String reason,
                                       @Nullable String carrier, @Nullable String trackingNumber,
                                       @Nullable Long refundedCents) {
        List<Line> lines = order.items().stream()
                .map(item -> new Line(item.productId(), item.sellerId(), item.categoryId(), item.quantity(),
                        Money.toCents(item.unitPrice()), item.recommendationVariant()))
                .toList();
        return new OrderEventPayload(order.id(), order.userId(), order.status().name(), Money.toCents(order.total()),
                order.currency(), lines, paymentMethod, reason, carrier, trackingNumber, refundedCents, null, order.region(),
                null);
    }

    /** ORDER_PLACED: adds the shipping address key (fraud signals) when the order has a shipping address. */
    public static OrderEventPayload placed(Order order, @Nullable String shippingAddressKey) {
        OrderEventPayload payload = of(order, null, null);
        return new OrderEventPayload(payload.orderId(), payload.userId(), payload.status(), payload.totalCents(),
                payload.currency(), payload.items(), null, null, null, null, null, shippingAddressKey, payload.region(), null);
    }

    /** ORDER_REFUNDED / ORDER_PARTIALLY_REFUNDED: this refund's amount and the lines it returns. */
    public static OrderEventPayload refund(Order order, String reason, long refundedCents, List<Line> refundedItems) {
        OrderEventPayload payload = of(order, null, reason, null, null, refundedCents);
        return new OrderEventPayload(payload.orderId(), payload.userId(), payload.status(), payload.totalCents(),
                payload.currency(), payload.items(), null, reason, null, null, refundedCents, null, payload.region(),
                refundedItems);
    }
}
