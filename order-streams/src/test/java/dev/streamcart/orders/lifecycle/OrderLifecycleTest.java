package dev.streamcart.orders.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import org.junit.jupiter.api.Test;

class OrderLifecycleTest {

    @Test
    void happyPathIsAllowedStepByStep() {
        List<OrderStatus> path = List.of(OrderStatus.UNKNOWN, OrderStatus.PENDING_PAYMENT, OrderStatus.PAID,
                OrderStatus.FULFILLING, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.REFUNDED);
        for (int i = 1; i < path.size(); i++) {
            assertThat(OrderLifecycle.isAllowed(path.get(i - 1), path.get(i)))
                    .as(path.get(i - 1) + " -> " + path.get(i)).isTrue();
        }
    }

    @Test
    void finalStatesGoNowhere() {
        for (OrderStatus finalStatus : List.of(OrderStatus.CANCELLED, OrderStatus.PAYMENT_FAILED, OrderStatus.REFUNDED)) {
            assertThat(OrderLifecycle.isFinal(finalStatus)).isTrue();
            for (OrderStatus next : OrderStatus.values()) {
                assertThat(OrderLifecycle.isAllowed(finalStatus, next)).isFalse();
            }
        }
    }

    @Test
    void impossibleJumpsAreRejected() {
        assertThat(OrderLifecycle.isAllowed(OrderStatus.PENDING_PAYMENT, OrderStatus.SHIPPED)).isFalse();
        assertThat(OrderLifecycle.isAllowed(OrderStatus.SHIPPED, OrderStatus.PAID)).isFalse();
        assertThat(OrderLifecycle.isAllowed(OrderStatus.SHIPPED, OrderStatus.CANCELLED)).isFalse();
        assertThat(OrderLifecycle.isAllowed(OrderStatus.UNKNOWN, OrderStatus.PAID)).isFalse();
        assertThat(OrderLifecycle.isAllowed(OrderStatus.PAID, OrderStatus.PAID)).isFalse();
    }

    /** Every status sequence serving-api's shipping and refund endpoints can write. */
    @Test
    void everyFulfilmentAndRefundPathOfTheApiIsAllowed() {
        List<List<OrderStatus>> paths = List.of(
                List.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.PARTIALLY_REFUNDED,
                        OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED),
                List.of(OrderStatus.PAID, OrderStatus.FULFILLING, OrderStatus.SHIPPED, OrderStatus.PARTIALLY_REFUNDED,
                        OrderStatus.DELIVERED, OrderStatus.REFUNDED),
                List.of(OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.SHIPPED, OrderStatus.DELIVERED),
                List.of(OrderStatus.PAID, OrderStatus.REFUNDED),
                List.of(OrderStatus.FULFILLING, OrderStatus.REFUNDED));
        for (List<OrderStatus> path : paths) {
            for (int i = 1; i < path.size(); i++) {
                assertThat(OrderLifecycle.isAllowed(path.get(i - 1), path.get(i)))
                        .as(path.get(i - 1) + " -> " + path.get(i) + " in " + path).isTrue();
            }
        }
    }

    @Test
    void partialRefundsMayRepeat() {
        assertThat(OrderLifecycle.isAllowed(OrderStatus.PARTIALLY_REFUNDED, OrderStatus.PARTIALLY_REFUNDED)).isTrue();
        assertThat(OrderLifecycle.isAllowed(OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED)).isTrue();
    }

    @Test
    void unknownStatusFallsBackToTheOneTheTypeImplies() {
        assertThat(OrderLifecycle.statusAfter(event(OrderEventType.ORDER_EXPIRED, OrderStatus.UNKNOWN)))
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(OrderLifecycle.statusAfter(event(OrderEventType.ORDER_PAID, OrderStatus.PAID)))
                .isEqualTo(OrderStatus.PAID);
        for (OrderEventType type : OrderEventType.values()) {
            assertThat(OrderLifecycle.impliedBy(type)).isNotNull();
        }
    }

    private static OrderEvent event(OrderEventType type, OrderStatus status) {
        return OrderEvent.newBuilder()
                .setEventId("e").setOrderId(1).setUserId(1).setType(type).setStatus(status)
                .setTotalCents(0).setCurrency("USD").setItems(List.of()).setOccurredAt(Instant.EPOCH)
                .build();
    }
}
