package dev.streamcart.localstack.launcher.verify;

import java.util.Arrays;

/**
 * The latest stock level per product of the {@code stock-levels} topic, folded as it is read into
 * primitive columns: one slot per product (totals and where its warehouses are), warehouses in a
 * shared column. A new version with as many warehouses as the last overwrites it in place; one with
 * a different count is appended and the old rows become garbage, which is dropped by compacting
 * once it is half the column. So memory follows the products, not the versions the topic holds.
 */
final class LatestStockLevels implements LatestValueSink<StockLevelOf> {

    private static final int ABSENT = -1;

    private final LongSlotIndex index = new LongSlotIndex();
    private int[] totalOnHand = new int[1024];
    private int[] totalReserved = new int[1024];
    private int[] totalAvailable = new int[1024];
    private int[] firstRow = new int[1024];
    /** Warehouses of each slot; {@link #ABSENT} after a tombstone. */
    private int[] rowCount = new int[1024];

    private long[] warehouseIds = new long[2048];
    private int[] onHand = new int[2048];
    private int[] reserved = new int[2048];
    private int usedRows;
    private int liveRows;

    @Override
    public void put(long key, StockLevelOf level) {
        if (level.productId() != key) {
            // the read models key each level by its product; anything else is a broken producer, not stock to compare
            throw new IllegalStateException("stock-levels key " + key + " holds product " + level.productId());
        }
        int known = index.size();
        int slot = index.add(key);
        if (slot == known) {
            if (slot == rowCount.length) {
                growSlots();
            }
            rowCount[slot] = ABSENT;
        }
        ProductRows rows = level.warehouses();
        if (rowCount[slot] != rows.size()) {
            forget(slot);
            firstRow[slot] = appendSpace(rows.size());
            rowCount[slot] = rows.size();
            liveRows += rows.size();
        }
        for (int row = 0; row < rows.size(); row++) {
            int at = firstRow[slot] + row;
            warehouseIds[at] = rows.warehouseId(row);
            onHand[at] = rows.onHand(row);
            reserved[at] = rows.reserved(row);
        }
        totalOnHand[slot] = level.onHand();
        totalReserved[slot] = level.reserved();
        totalAvailable[slot] = level.available();
    }

    @Override
    public void remove(long key) {
        int slot = index.find(key);
        if (slot >= 0) {
            forget(slot);
        }
    }

    long retainedBytes() {
        return index.retainedBytes() + 20L * rowCount.length + 16L * warehouseIds.length;
    }

    /** The products that have a stock level, in id order. */
    StockLevelTable build() {
        long[] present = new long[index.size()];
        int count = 0;
        for (int slot = 0; slot < index.size(); slot++) {
            if (rowCount[slot] != ABSENT) {
                present[count++] = index.key(slot);
            }
        }
        Arrays.sort(present, 0, count);
        StockTable.Builder table = new StockTable.Builder(count, liveRows);
        int[] onHandTotals = new int[count];
        int[] reservedTotals = new int[count];
        int[] availableTotals = new int[count];
        ProductRows rows = new ProductRows();
        for (int i = 0; i < count; i++) {
            int slot = index.find(present[i]);
            rows.reset(present[i]);
            for (int row = firstRow[slot]; row < firstRow[slot] + rowCount[slot]; row++) {
                rows.add(warehouseIds[row], onHand[row], reserved[row]);
            }
            table.add(rows);
            onHandTotals[i] = totalOnHand[slot];
            reservedTotals[i] = totalReserved[slot];
            availableTotals[i] = totalAvailable[slot];
        }
        return new StockLevelTable(table.build(), onHandTotals, reservedTotals, availableTotals);
    }

    private void forget(int slot) {
        if (rowCount[slot] != ABSENT) {
            liveRows -= rowCount[slot];
            rowCount[slot] = ABSENT;
        }
    }

    /** Where {@code count} new rows go: after the used ones, compacting or growing the columns first when full. */
    private int appendSpace(int count) {
        if (usedRows + count > warehouseIds.length) {
            boolean mostlyGarbage = usedRows - liveRows >= usedRows / 2;
            int capacity = mostlyGarbage ? Math.max(warehouseIds.length, liveRows + count)
                    : Math.max(Growth.next(warehouseIds.length), usedRows + count);
            if (mostlyGarbage) {
                compact(capacity);
            } else {
                warehouseIds = Arrays.copyOf(warehouseIds, capacity);
                onHand = Arrays.copyOf(onHand, capacity);
                reserved = Arrays.copyOf(reserved, capacity);
            }
        }
        int first = usedRows;
        usedRows += count;
        return first;
    }

    /** Moves the live rows to the front of fresh columns, in slot order. */
    private void compact(int capacity) {
        long[] compactIds = new long[capacity];
        int[] compactOnHand = new int[capacity];
        int[] compactReserved = new int[capacity];
        int next = 0;
        for (int slot = 0; slot < index.size(); slot++) {
            if (rowCount[slot] > 0) {
                System.arraycopy(warehouseIds, firstRow[slot], compactIds, next, rowCount[slot]);
                System.arraycopy(onHand, firstRow[slot], compactOnHand, next, rowCount[slot]);
                System.arraycopy(reserved, firstRow[slot], compactReserved, next, rowCount[slot]);
                firstRow[slot] = next;
                next += rowCount[slot];
            }
        }
        warehouseIds = compactIds;
        onHand = compactOnHand;
        reserved = compactReserved;
        usedRows = next;
    }

    private void growSlots() {
        int capacity = Growth.next(rowCount.length);
        totalOnHand = Arrays.copyOf(totalOnHand, capacity);
        totalReserved = Arrays.copyOf(totalReserved, capacity);
        totalAvailable = Arrays.copyOf(totalAvailable, capacity);
        firstRow = Arrays.copyOf(firstRow, capacity);
        rowCount = Arrays.copyOf(rowCount, capacity);
    }
}
