package dev.streamcart.orders.lifecycle;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;

/**
 * The order state machine. An order is placed as PENDING_PAYMENT, then is PAID (or its payment
 * fails, or it is cancelled or expires), FULFILLING, SHIPPED and DELIVERED; refunds, whole or
 * partial, are possible once it is paid. CANCELLED, PAYMENT_FAILED and REFUNDED are final.
 * {@link OrderStatus#UNKNOWN} stands for "no order yet", from which only placing is possible.
 */
public final class OrderLifecycle {

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = new EnumMap<>(OrderStatus.class);

    static {
        NEXT.put(OrderStatus.UNKNOWN, EnumSet.of(OrderStatus.PENDING_PAYMENT));
        NEXT.put(OrderStatus.PENDING_PAYMENT,
                EnumSet.of(OrderStatus.PAID, OrderStatus.PAYMENT_FAILED, OrderStatus.CANCELLED));
        NEXT.put(OrderStatus.PAID, EnumSet.of(OrderStatus.FULFILLING, OrderStatus.SHIPPED, OrderStatus.CANCELLED,
                OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED));
        NEXT.put(OrderStatus.FULFILLING, EnumSet.of(OrderStatus.SHIPPED, OrderStatus.CANCELLED,
                OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED));
        NEXT.put(OrderStatus.SHIPPED,
                EnumSet.of(OrderStatus.DELIVERED, OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED));
        NEXT.put(OrderStatus.DELIVERED, EnumSet.of(OrderStatus.REFUNDED, OrderStatus.PARTIALLY_REFUNDED));
        // A partly refunded order still ships and may be refunded again, partly or in full.
        NEXT.put(OrderStatus.PARTIALLY_REFUNDED, EnumSet.of(OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED,
                OrderStatus.FULFILLING, OrderStatus.SHIPPED, OrderStatus.DELIVERED));
        NEXT.put(OrderStatus.CANCELLED, EnumSet.noneOf(OrderStatus.class));
        NEXT.put(OrderStatus.PAYMENT_FAILED, EnumSet.noneOf(OrderStatus.class));
        NEXT.put(OrderStatus.REFUNDED, EnumSet.noneOf(OrderStatus.class));
    }

    private OrderLifecycle() {}

    public static boolean isAllowed(OrderStatus from, OrderStatus to) {
        return NEXT.getOrDefault(from, Set.of()).contains(to);
    }

    public static boolean isFinal(OrderStatus status) {
        return NEXT.getOrDefault(status, Set.of()).isEmpty();
    }

    /**
     * The status an event leaves its order in: the status it carries, or, when that is a symbol
     * this reader does not know (read as UNKNOWN), the one its type implies.
     */
    public static OrderStatus statusAfter(OrderEvent event) {
        OrderStatus carried = event.getStatus();
        return carried != null && carried != OrderStatus.UNKNOWN ? carried : impliedBy(event.getType());
    }

    static OrderStatus impliedBy(OrderEventType type) {
        return switch (type) {
            case ORDER_PLACED -> OrderStatus.PENDING_PAYMENT;
            case ORDER_PAID -> OrderStatus.PAID;
            case PAYMENT_FAILED -> OrderStatus.PAYMENT_FAILED;
            case ORDER_CANCELLED, ORDER_EXPIRED -> OrderStatus.CANCELLED;
            case ORDER_FULFILLING -> OrderStatus.FULFILLING;
            case ORDER_SHIPPED -> OrderStatus.SHIPPED;
            case ORDER_DELIVERED -> OrderStatus.DELIVERED;
            case ORDER_REFUNDED -> OrderStatus.REFUNDED;
            case ORDER_PARTIALLY_REFUNDED -> OrderStatus.PARTIALLY_REFUNDED;
            case UNKNOWN -> OrderStatus.UNKNOWN;
        };
    }
}
