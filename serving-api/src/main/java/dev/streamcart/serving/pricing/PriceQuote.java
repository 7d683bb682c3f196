package dev.streamcart.serving.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** What an order costs, per seller and overall, in its one currency. */
public record PriceQuote(String currency, @Nullable String region, List<SellerParcel> sellers) {

    public PriceQuote {
        Objects.requireNonNull(currency, "currency");
        sellers = List.copyOf(sellers);
    }

    public BigDecimal subtotal() {
        return sellers.stream().map(SellerParcel::subtotal).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public BigDecimal tax() {
        return sellers.stream().map(SellerParcel::tax).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public BigDecimal shipping() {
        return sellers.stream().map(SellerParcel::shipping).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public BigDecimal total() {
        return subtotal().add(tax()).add(shipping());
    }

    /** The priced line of a product (each product is one line). */
    public PricedLine line(long productId) {
        return sellers.stream().flatMap(s -> s.lines().stream()).filter(l -> l.productId() == productId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no line for product " + productId));
    }
}
