package dev.streamcart.serving.inventory;

/** Units of a product taken from one warehouse for an order. */
public record Allocation(long productId, long warehouseId, int quantity) {

    public Allocation {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
    }
}
