package dev.streamcart.serving.shipping;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The distance class of a parcel: 1 within one region ("eu-west" to "eu-west"), 2 within one
 * continent (same prefix before the first '-': "eu-west" to "eu-north"), 3 otherwise. An unknown
 * region on either side counts as 3, so a price is never underestimated.
 */
public final class ShippingZone {

    public static final int LOCAL = 1;
    public static final int CONTINENTAL = 2;
    public static final int INTERCONTINENTAL = 3;

    private ShippingZone() {}

    public static int between(@Nullable String warehouseRegion, @Nullable String destinationRegion) {
        if (warehouseRegion == null || destinationRegion == null || warehouseRegion.isBlank()
                || destinationRegion.isBlank()) {
            return INTERCONTINENTAL;
        }
        String from = warehouseRegion.trim().toLowerCase(Locale.ROOT);
        String to = destinationRegion.trim().toLowerCase(Locale.ROOT);
        if (from.equals(to)) {
            return LOCAL;
        }
        return continent(from).equals(continent(to)) ? CONTINENTAL : INTERCONTINENTAL;
    }

    private static String continent(String region) {
        int dash = region.indexOf('-');
        return dash < 0 ? region : region.substring(0, dash);
    }
}
