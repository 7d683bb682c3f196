package dev.streamcart.serving.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A user's active cart: the lines to buy, the lines saved for later, and when it expires (30 days
 * after its last change). An absent cart reads as an empty one. One currency per cart: the currency
 * of its lines (null while it has none).
 */
public record Cart(long userId, List<CartLine> lines, @Nullable Instant updatedAt, @Nullable Instant expiresAt) {

    public Cart {
        lines = List.copyOf(lines);
    }

    public static Cart empty(long userId) {
        return new Cart(userId, List.of(), null, null);
    }

    public List<CartLine> items() {
        return lines.stream().filter(line -> !line.savedForLater()).toList();
    }

    public List<CartLine> savedForLater() {
        return lines.stream().filter(CartLine::savedForLater).toList();
    }

    public @Nullable String currency() {
        return lines.isEmpty() ? null : lines.get(0).currency();
    }

    /** Goods total of the lines to buy, at the remembered prices. */
    public BigDecimal subtotal() {
        return items().stream().map(CartLine::lineTotal).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
