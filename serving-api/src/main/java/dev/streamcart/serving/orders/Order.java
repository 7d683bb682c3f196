package dev.streamcart.serving.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.order.OrderStatus;
import org.jspecify.annotations.Nullable;

/**
 * An order as PostgreSQL holds it, with its items and its delivery region ({@code orders.shipping_region},
 * null when checkout had no address); every order event carries the region so analytics can slice by it.
 */
public record Order(long id, long userId, OrderStatus status, BigDecimal total, String currency, List<OrderItem> items,
                    @Nullable String region) {

    public Order {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(currency, "currency");
        items = List.copyOf(items);
    }

    /** An order whose region is not known. */
    public Order(long id, long userId, OrderStatus status, BigDecimal total, String currency, List<OrderItem> items) {
        this(id, userId, status, total, currency, items, null);
    }

    public Order withStatus(OrderStatus newStatus) {
        return new Order(id, userId, newStatus, total, currency, items, region);
    }
}
