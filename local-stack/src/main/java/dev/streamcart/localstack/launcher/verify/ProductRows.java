package dev.streamcart.localstack.launcher.verify;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * One product's stock per warehouse, in ascending warehouse order: the rows of PostgreSQL's
 * {@code inventory} table or the warehouses of a stock level. A reusable buffer, so walking millions
 * of products allocates nothing per product.
 */
final class ProductRows {

    private long productId;
    private int size;
    private long[] warehouseIds = new long[4];
    private int[] onHand = new int[4];
    private int[] reserved = new int[4];

    /** Empties the buffer for the rows of {@code productId}. */
    ProductRows reset(long productId) {
        this.productId = productId;
        this.size = 0;
        return this;
    }

    /** Adds a warehouse; warehouses must ascend. */
    ProductRows add(long warehouseId, int warehouseOnHand, int warehouseReserved) {
        if (size > 0 && warehouseId <= warehouseIds[size - 1]) {
            throw new IllegalArgumentException("product " + productId + ": warehouse " + warehouseId + " after "
                    + warehouseIds[size - 1] + ", warehouses must ascend");
        }
        if (size == warehouseIds.length) {
            warehouseIds = Arrays.copyOf(warehouseIds, size * 2);
            onHand = Arrays.copyOf(onHand, size * 2);
            reserved = Arrays.copyOf(reserved, size * 2);
        }
        warehouseIds[size] = warehouseId;
        onHand[size] = warehouseOnHand;
        reserved[size] = warehouseReserved;
        size++;
        return this;
    }

    long productId() {
        return productId;
    }

    int size() {
        return size;
    }

    long warehouseId(int row) {
        return warehouseIds[row];
    }

    int onHand(int row) {
        return onHand[row];
    }

    int reserved(int row) {
        return reserved[row];
    }

    /** int arithmetic, overflow included, as the totals of the read model are ints. */
    int totalOnHand() {
        int total = 0;
        for (int row = 0; row < size; row++) {
            total += onHand[row];
        }
        return total;
    }

    int totalReserved() {
        int total = 0;
        for (int row = 0; row < size; row++) {
            total += reserved[row];
        }
        return total;
    }

    /** The same warehouses with the same on hand and reserved (the product id is not compared). */
    boolean sameRowsAs(ProductRows other) {
        return size == other.size
                && Arrays.equals(warehouseIds, 0, size, other.warehouseIds, 0, size)
                && Arrays.equals(onHand, 0, size, other.onHand, 0, size)
                && Arrays.equals(reserved, 0, size, other.reserved, 0, size);
    }

    /** {@code {warehouse: onHand/reserved, ...}}. */
    String describe() {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        for (int row = 0; row < size; row++) {
            text.add(warehouseIds[row] + ": " + onHand[row] + "/" + reserved[row]);
        }
        return text.toString();
    }
}
