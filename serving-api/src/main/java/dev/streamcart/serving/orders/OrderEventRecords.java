package dev.streamcart.serving.orders;

import java.util.List;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.serving.money.Money;
import org.jspecify.annotations.Nullable;

/**
 * Starts the {@link OrderEvent} of an order's change with what every event of the order carries:
 * ids, the status after the change, the total and every line in cents, and the delivery region when
 * the order has one. Each use case adds its own fields to the builder (payment method and reason,
 * card fingerprint, shipping address key, carrier and tracking number, refunded amount and lines);
 * {@link OrderEvents} stamps the event id and time and writes it.
 */
public final class OrderEventRecords {

    private OrderEventRecords() {}

    /** {@code order} must already carry its new status. */
    public static OrderEvent.Builder of(Order order, OrderEventType type) {
        return OrderEvent.newBuilder()
                .setOrderId(order.id())
                .setUserId(order.userId())
                .setType(type)
                .setStatus(order.status())
                .setTotalCents(Money.toCents(order.total()))
                .setCurrency(order.currency())
                .setItems(order.items().stream()
                        .map(item -> line(item.productId(), item.sellerId(), item.categoryId(), item.quantity(),
                                Money.toCents(item.unitPrice()), item.recommendationVariant()))
                        .toList())
                .setRegion(order.region());
    }

    /** ORDER_REFUNDED / ORDER_PARTIALLY_REFUNDED: this refund's amount and the lines it returns. */
    public static OrderEvent.Builder refund(Order order, OrderEventType type, String reason, long refundedCents,
            List<OrderLine> refundedItems) {
        return of(order, type).setReason(reason).setRefundedCents(refundedCents).setRefundedItems(refundedItems);
    }

    /** One order line in cents; {@code recommendationVariant}: the A/B variant the item was added from, if any. */
    public static OrderLine line(long productId, long sellerId, long categoryId, int quantity, long unitPriceCents,
            @Nullable String recommendationVariant) {
        return OrderLine.newBuilder()
                .setProductId(productId)
                .setSellerId(sellerId)
                .setCategoryId(categoryId)
                .setQuantity(quantity)
                .setUnitPriceCents(unitPriceCents)
                .setRecommendationVariant(recommendationVariant)
                .build();
    }
}
