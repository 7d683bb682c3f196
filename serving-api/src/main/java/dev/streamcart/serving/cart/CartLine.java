package dev.streamcart.serving.cart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One product in a cart: the quantity, the unit price and currency remembered when it was added (or
 * last confirmed), and the product's current price, so a change can be shown before checkout refuses it.
 */
public record CartLine(long productId, long sellerId, long categoryId, String name, int quantity, BigDecimal unitPrice,
                       String currency, BigDecimal currentPrice, String currentCurrency, boolean active,
                       boolean savedForLater, Instant addedAt) {

    public CartLine {
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(currentPrice, "currentPrice");
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    public boolean priceChanged() {
        return unitPrice.compareTo(currentPrice) != 0 || !currency.equals(currentCurrency);
    }
}
