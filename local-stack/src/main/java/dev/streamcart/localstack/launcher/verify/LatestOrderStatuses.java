package dev.streamcart.localstack.launcher.verify;

import java.util.Arrays;
import java.util.Objects;

/**
 * The latest status per order of the {@code order-views} topic, folded as it is read: one slot per
 * order however many versions of it the topic still holds (compaction lags), one byte per slot.
 */
final class LatestOrderStatuses implements LatestValueSink<OrderStatusOf> {

    private final StatusCodes codes;
    private final LongSlotIndex index = new LongSlotIndex();
    private byte[] statuses = new byte[1024];

    LatestOrderStatuses(StatusCodes codes) {
        this.codes = Objects.requireNonNull(codes, "codes");
    }

    @Override
    public void put(long key, OrderStatusOf value) {
        if (value.orderId() != key) {
            // the read models key each view by its id; anything else is a broken producer, not a status to compare
            throw new IllegalStateException("order-views key " + key + " holds order " + value.orderId());
        }
        int slot = index.add(key);
        if (slot == statuses.length) {
            statuses = Arrays.copyOf(statuses, Growth.next(slot));
        }
        statuses[slot] = codes.code(value.status());
    }

    @Override
    public void remove(long key) {
        int slot = index.find(key);
        if (slot >= 0) {
            statuses[slot] = OrderStatusTable.ABSENT;
        }
    }

    long retainedBytes() {
        return index.retainedBytes() + statuses.length;
    }

    /** The orders that have a view, in id order. */
    OrderStatusTable build() {
        long[] present = new long[index.size()];
        int count = 0;
        for (int slot = 0; slot < index.size(); slot++) {
            if (statuses[slot] != OrderStatusTable.ABSENT) {
                present[count++] = index.key(slot);
            }
        }
        Arrays.sort(present, 0, count);
        OrderStatusTable.Builder table = new OrderStatusTable.Builder(count);
        for (int i = 0; i < count; i++) {
            table.add(present[i], statuses[index.find(present[i])]);
        }
        return table.build();
    }
}
