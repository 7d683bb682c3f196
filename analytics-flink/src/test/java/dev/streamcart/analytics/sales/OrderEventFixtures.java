package dev.streamcart.analytics.sales;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;

/** Generated order events: each order is placed, then paid (most) or declined a second later. */
final class OrderEventFixtures {

    private final Random random;
    private long nextOrderId;

    OrderEventFixtures(long seed, long firstOrderId) {
        this.random = new Random(seed);
        this.nextOrderId = firstOrderId;
    }

    /** {@code count} orders placed at random seconds of the {@code minutes} starting at {@code firstMinute}. */
    List<OrderEvent> orders(int count, Instant firstMinute, int minutes) {
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long orderId = nextOrderId++;
            Instant placedAt = firstMinute.plusSeconds(random.nextInt(minutes * 60 - 1));
            List<OrderLine> lines = new ArrayList<>();
            int lineCount = 1 + random.nextInt(3);
            for (int l = 0; l < lineCount; l++) {
                lines.add(new OrderLine(100L + random.nextInt(50), 7L, 1L + random.nextInt(4),
                        1 + random.nextInt(3), 99L + random.nextInt(9_900), null));
            }
            events.add(event(orderId, OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, placedAt, lines));
            boolean paid = random.nextInt(10) < 8;
            events.add(event(orderId, paid ? OrderEventType.ORDER_PAID : OrderEventType.PAYMENT_FAILED,
                    paid ? OrderStatus.PAID : OrderStatus.PAYMENT_FAILED, placedAt.plusSeconds(1), lines));
        }
        return events;
    }

    /** An event that only moves event time on: a placed order without lines. */
    static OrderEvent clockTick(long orderId, Instant at) {
        return event(orderId, OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, at, List.of());
    }

    private static OrderEvent event(long orderId, OrderEventType type, OrderStatus status, Instant at, List<OrderLine> lines) {
        long total = lines.stream().mapToLong(line -> line.getQuantity() * line.getUnitPriceCents()).sum();
        return OrderEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrderId(orderId)
                .setUserId(1000 + orderId % 17)
                .setType(type)
                .setStatus(status)
                .setTotalCents(total)
                .setCurrency("USD")
                .setItems(lines)
                .setOccurredAt(at)
                .setPaymentMethod(type == OrderEventType.ORDER_PAID ? "card" : null)
                .setReason(null)
                .build();
    }
}
