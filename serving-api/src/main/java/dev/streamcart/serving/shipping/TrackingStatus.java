package dev.streamcart.serving.shipping;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.streamcart.serving.problems.DomainException;

/** Where a shipment is; a carrier reports all but SHIPPED, which is its first event. */
public enum TrackingStatus {
    SHIPPED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERED;

    /** A status a carrier may report through the API. */
    public static TrackingStatus reported(String text) {
        try {
            TrackingStatus status = valueOf(text.trim().toUpperCase(Locale.ROOT));
            if (status != SHIPPED) {
                return status;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw DomainException.invalidInput("'status' must be one of " + Arrays.stream(values())
                .filter(status -> status != SHIPPED).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
