package dev.streamcart.localstack.launcher.verify;

import java.util.Arrays;

/**
 * Stock per product and warehouse as primitive columns sorted by product, then warehouse: 12
 * bytes per product and 16 per warehouse row, looked up by binary search or walked in order.
 */
final class StockTable {

    private final long[] productIds;
    /** Where each product's rows start; the last entry is the row count. */
    private final int[] firstRows;
    private final long[] warehouseIds;
    private final int[] onHand;
    private final int[] reserved;
    private final int size;

    private StockTable(long[] productIds, int[] firstRows, long[] warehouseIds, int[] onHand, int[] reserved, int size) {
        this.productIds = productIds;
        this.firstRows = firstRows;
        this.warehouseIds = warehouseIds;
        this.onHand = onHand;
        this.reserved = reserved;
        this.size = size;
    }

    int size() {
        return size;
    }

    long productId(int index) {
        return productIds[index];
    }

    /** The index of {@code productId}, or -1. */
    int indexOf(long productId) {
        int index = Arrays.binarySearch(productIds, 0, size, productId);
        return index < 0 ? -1 : index;
    }

    /** Copies the rows of the product at {@code index} into {@code into}. */
    ProductRows copyInto(int index, ProductRows into) {
        into.reset(productIds[index]);
        for (int row = firstRows[index]; row < firstRows[index + 1]; row++) {
            into.add(warehouseIds[row], onHand[row], reserved[row]);
        }
        return into;
    }

    long retainedBytes() {
        return 8L * productIds.length + 4L * firstRows.length + 16L * warehouseIds.length;
    }

    /** Builds a table from products given in ascending id order. */
    static final class Builder {

        private long[] productIds;
        private int[] firstRows;
        private long[] warehouseIds;
        private int[] onHand;
        private int[] reserved;
        private int size;
        private int rows;

        Builder() {
            this(1024, 1024);
        }

        /** @param expectedProducts and @param expectedRows: how much will be added (more still fits) */
        Builder(int expectedProducts, int expectedRows) {
            productIds = new long[Math.max(16, expectedProducts)];
            firstRows = new int[productIds.length + 1];
            warehouseIds = new long[Math.max(16, expectedRows)];
            onHand = new int[warehouseIds.length];
            reserved = new int[warehouseIds.length];
        }

        Builder add(ProductRows product) {
            if (size > 0 && product.productId() <= productIds[size - 1]) {
                throw new IllegalArgumentException("product " + product.productId() + " after " + productIds[size - 1]
                        + ": ids must ascend");
            }
            if (size + 1 == productIds.length) {
                productIds = Arrays.copyOf(productIds, Growth.next(productIds.length));
                firstRows = Arrays.copyOf(firstRows, productIds.length + 1);
            }
            if (rows + product.size() > warehouseIds.length) {
                int capacity = Math.max(Growth.next(warehouseIds.length), rows + product.size());
                warehouseIds = Arrays.copyOf(warehouseIds, capacity);
                onHand = Arrays.copyOf(onHand, capacity);
                reserved = Arrays.copyOf(reserved, capacity);
            }
            productIds[size] = product.productId();
            firstRows[size] = rows;
            for (int row = 0; row < product.size(); row++) {
                warehouseIds[rows] = product.warehouseId(row);
                onHand[rows] = product.onHand(row);
                reserved[rows] = product.reserved(row);
                rows++;
            }
            size++;
            firstRows[size] = rows;
            return this;
        }

        /** Trims one column at a time, so the moment of most memory holds one column twice, not all. */
        StockTable build() {
            productIds = trim(productIds, size);
            firstRows = trim(firstRows, size + 1);
            warehouseIds = trim(warehouseIds, rows);
            onHand = trim(onHand, rows);
            reserved = trim(reserved, rows);
            return new StockTable(productIds, firstRows, warehouseIds, onHand, reserved, size);
        }

        private static long[] trim(long[] column, int length) {
            return column.length == length ? column : Arrays.copyOf(column, length);
        }

        private static int[] trim(int[] column, int length) {
            return column.length == length ? column : Arrays.copyOf(column, length);
        }
    }
}
