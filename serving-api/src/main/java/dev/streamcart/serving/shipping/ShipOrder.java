package dev.streamcart.serving.shipping;

import java.util.Objects;

/** A request to hand an order's reserved units to a carrier under a tracking number. */
public record ShipOrder(long orderId, String carrier, String trackingNumber) {

    public static final int MAX_TRACKING_NUMBER = 64;

    public ShipOrder {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
    }
}
