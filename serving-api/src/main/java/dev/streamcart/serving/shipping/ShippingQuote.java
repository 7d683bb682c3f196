package dev.streamcart.serving.shipping;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The answer of {@code GET /api/orders/{id}/shipping-options}: what the parcel is and who can carry it. */
public record ShippingQuote(long orderId, int weightGrams, int zone, @Nullable String destinationRegion,
                            List<ShippingOption> options) {

    public ShippingQuote {
        options = List.copyOf(options);
    }
}
