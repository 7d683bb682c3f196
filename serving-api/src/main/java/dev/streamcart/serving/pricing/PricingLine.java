package dev.streamcart.serving.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/** A line to price: which product of which seller, how many, at what unit price, and its unit weight. */
public record PricingLine(long productId, long sellerId, long categoryId, int quantity, BigDecimal unitPrice,
                          int unitWeightGrams) {

    public PricingLine {
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
        if (unitWeightGrams < 0) {
            throw new IllegalArgumentException("unitWeightGrams must not be negative, was " + unitWeightGrams);
        }
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
