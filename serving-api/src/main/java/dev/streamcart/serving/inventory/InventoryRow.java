package dev.streamcart.serving.inventory;

import org.jspecify.annotations.Nullable;

/** Stock of one product in one warehouse (and the warehouse's region), as locked for a reservation. */
public record InventoryRow(long productId, long warehouseId, int quantity, int reserved,
                           @Nullable String warehouseRegion) {

    public InventoryRow(long productId, long warehouseId, int quantity, int reserved) {
        this(productId, warehouseId, quantity, reserved, null);
    }

    public int available() {
        return quantity - reserved;
    }
}
