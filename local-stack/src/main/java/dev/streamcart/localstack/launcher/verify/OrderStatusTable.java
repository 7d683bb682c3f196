package dev.streamcart.localstack.launcher.verify;

import java.util.Arrays;

/**
 * Order id to status code (see {@link StatusCodes}), sorted by id: 9 bytes per order, looked up
 * by binary search or walked in id order.
 */
final class OrderStatusTable {

    /** The status of an order the table does not hold. */
    static final byte ABSENT = -1;

    private final long[] ids;
    private final byte[] statuses;
    private final int size;

    private OrderStatusTable(long[] ids, byte[] statuses, int size) {
        this.ids = ids;
        this.statuses = statuses;
        this.size = size;
    }

    int size() {
        return size;
    }

    long id(int index) {
        return ids[index];
    }

    byte status(int index) {
        return statuses[index];
    }

    byte statusOf(long orderId) {
        int index = Arrays.binarySearch(ids, 0, size, orderId);
        return index < 0 ? ABSENT : statuses[index];
    }

    long retainedBytes() {
        return 8L * ids.length + statuses.length;
    }

    /** Builds a table from orders given in ascending id order, as PostgreSQL's {@code ORDER BY id} gives them. */
    static final class Builder {

        private long[] ids;
        private byte[] statuses;
        private int size;

        Builder() {
            this(1024);
        }

        /** @param expected how many orders will be added; more still fit */
        Builder(int expected) {
            ids = new long[Math.max(16, expected)];
            statuses = new byte[ids.length];
        }

        Builder add(long orderId, byte status) {
            if (size > 0 && orderId <= ids[size - 1]) {
                throw new IllegalArgumentException("order " + orderId + " after " + ids[size - 1] + ": ids must ascend");
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, Growth.next(size));
                statuses = Arrays.copyOf(statuses, ids.length);
            }
            ids[size] = orderId;
            statuses[size] = status;
            size++;
            return this;
        }

        OrderStatusTable build() {
            // one column at a time, so the moment of most memory holds one column twice, not both
            if (ids.length != size) {
                ids = Arrays.copyOf(ids, size);
                statuses = Arrays.copyOf(statuses, size);
            }
            return new OrderStatusTable(ids, statuses, size);
        }
    }
}
