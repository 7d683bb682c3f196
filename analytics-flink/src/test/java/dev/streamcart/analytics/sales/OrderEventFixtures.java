package dev.streamcart.analytics.sales;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;

/** Order events that only move event time on (shop traffic itself comes from {@link ShopActivityFixtures}). */
final class OrderEventFixtures {

    private OrderEventFixtures() {}

    /** An event that only moves event time on: a placed order without lines. */
    static OrderEvent clockTick(long orderId, Instant at) {
        return OrderEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrderId(orderId)
                .setUserId(1000 + orderId % 17)
                .setType(OrderEventType.ORDER_PLACED)
                .setStatus(OrderStatus.PENDING_PAYMENT)
                .setTotalCents(0)
                .setCurrency("USD")
                .setItems(List.of())
                .setOccurredAt(at)
                .setPaymentMethod(null)
                .setReason(null)
                .build();
    }
}
