package dev.streamcart.serving.shipping;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A request to hand reserved units of an order to a carrier under a tracking number.
 *
 * @param lines       what goes in the parcel; empty means every unit still waiting to ship
 * @param sellerScope the seller shipping: only that seller's items are touched (null: the operator, any item)
 */
public record ShipOrder(long orderId, String carrier, String trackingNumber, List<Line> lines,
                        @Nullable Long sellerScope) {

    /** Units of one product to put in the parcel. */
    public record Line(long productId, int quantity) {}

    public ShipOrder {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        lines = List.copyOf(lines);
    }
}
