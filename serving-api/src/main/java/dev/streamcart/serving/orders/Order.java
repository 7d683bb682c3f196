package dev.streamcart.serving.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderStatus;

/** An order as PostgreSQL holds it, with its items. */
public record Order(long id, long userId, OrderStatus status, BigDecimal total, String currency, List<OrderItem> items) {

    public Order {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(currency, "currency");
        items = List.copyOf(items);
    }

    public Order withStatus(OrderStatus newStatus) {
        return new Order(id, userId, newStatus, total, currency, items);
    }
}
