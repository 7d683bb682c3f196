package dev.streamcart.serving.orders;

import java.math.BigDecimal;
import java.util.Objects;

/** One line of an order, priced at checkout. */
public record OrderItem(long productId, long sellerId, long categoryId, int quantity, BigDecimal unitPrice) {

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
