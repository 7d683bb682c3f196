package dev.streamcart.serving.shipping;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** A parcel of an order, with the units it carries and its tracking timeline (oldest first). */
public record Shipment(long id, long orderId, String carrier, String trackingNumber, String status, Instant shippedAt,
                       @Nullable Instant deliveredAt, List<Item> items, List<TrackingEvent> events) {

    /** Units of one product that left one warehouse in this shipment. */
    public record Item(long productId, long warehouseId, int quantity) {}

    /** One step the carrier reported. */
    public record TrackingEvent(long id, String status, @Nullable String location, Instant at) {}

    public Shipment {
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(shippedAt, "shippedAt");
        items = List.copyOf(items);
        events = List.copyOf(events);
    }
}
