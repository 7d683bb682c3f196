package dev.streamcart.serving.orders;

import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One line of an order, priced at checkout; {@code recommendationVariant} is the A/B variant of the
 * recommendation the item was put in the cart from, if any.
 */
public record OrderItem(long productId, long sellerId, long categoryId, int quantity, BigDecimal unitPrice,
                        @Nullable String recommendationVariant) {

    public OrderItem(long productId, long sellerId, long categoryId, int quantity, BigDecimal unitPrice) {
        this(productId, sellerId, categoryId, quantity, unitPrice, null);
    }

    public OrderItem {
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
