package dev.streamcart.serving.pricing;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One seller's share of an order, shipped as one parcel: its lines, weight, zone and carrier, and
 * its subtotal, tax, shipping and total. Carrier fields are null when the order is priced without a
 * destination (goods only).
 */
public record SellerParcel(long sellerId, List<PricedLine> lines, int weightGrams, int zone,
                           @Nullable String carrier, @Nullable Integer deliveryDays,
                           BigDecimal subtotal, BigDecimal tax, BigDecimal shipping) {

    public SellerParcel {
        lines = List.copyOf(lines);
    }

    public BigDecimal total() {
        return subtotal.add(tax).add(shipping);
    }
}
