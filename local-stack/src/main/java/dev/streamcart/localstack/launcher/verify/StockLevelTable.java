package dev.streamcart.localstack.launcher.verify;

import java.util.Objects;

/**
 * The {@code stock-levels} read model as compact columns: each product's warehouses (a
 * {@link StockTable}) and its totals, at the same index.
 */
final class StockLevelTable {

    private final StockTable warehouses;
    private final int[] onHand;
    private final int[] reserved;
    private final int[] available;

    StockLevelTable(StockTable warehouses, int[] onHand, int[] reserved, int[] available) {
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
        if (onHand.length != warehouses.size() || reserved.length != warehouses.size()
                || available.length != warehouses.size()) {
            throw new IllegalArgumentException("one total per product expected");
        }
        this.onHand = onHand;
        this.reserved = reserved;
        this.available = available;
    }

    StockTable warehouses() {
        return warehouses;
    }

    int size() {
        return warehouses.size();
    }

    long productId(int index) {
        return warehouses.productId(index);
    }

    int onHand(int index) {
        return onHand[index];
    }

    int reserved(int index) {
        return reserved[index];
    }

    int available(int index) {
        return available[index];
    }

    long retainedBytes() {
        return warehouses.retainedBytes() + 12L * onHand.length;
    }
}
