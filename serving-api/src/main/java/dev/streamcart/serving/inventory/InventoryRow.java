package dev.streamcart.serving.inventory;

/** Stock of one product in one warehouse, as locked for a reservation. */
public record InventoryRow(long productId, long warehouseId, int quantity, int reserved) {

    public int available() {
        return quantity - reserved;
    }
}
