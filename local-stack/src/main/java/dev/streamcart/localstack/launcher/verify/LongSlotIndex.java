package dev.streamcart.localstack.launcher.verify;

import java.util.Arrays;

/**
 * Numbers distinct long keys 0, 1, 2, ... in the order they are first added: an open-addressing
 * hash table over primitive arrays, so millions of keys cost about 16 bytes each instead of the
 * ~80 of a boxed {@code HashMap<Long, ...>} entry. Callers keep their values in arrays indexed by
 * slot. Keys are never removed: a key that comes back reuses its slot.
 */
final class LongSlotIndex {

    private static final int EMPTY = -1;
    private static final int MIN_CAPACITY = 1 << 10;

    private int[] buckets = emptyBuckets(MIN_CAPACITY);
    private long[] keys = new long[MIN_CAPACITY / 2];
    private int size;

    /** The slot of {@code key}, or -1 when it was never added. */
    int find(long key) {
        int mask = buckets.length - 1;
        for (int bucket = hash(key) & mask; ; bucket = (bucket + 1) & mask) {
            int slot = buckets[bucket];
            if (slot == EMPTY || keys[slot] == key) {
                return slot;
            }
        }
    }

    /** The slot of {@code key}, added as the next slot when new. */
    int add(long key) {
        int mask = buckets.length - 1;
        int bucket = hash(key) & mask;
        for (; buckets[bucket] != EMPTY; bucket = (bucket + 1) & mask) {
            if (keys[buckets[bucket]] == key) {
                return buckets[bucket];
            }
        }
        int slot = size++;
        if (slot == keys.length) {
            keys = Arrays.copyOf(keys, Growth.next(keys.length));
        }
        keys[slot] = key;
        buckets[bucket] = slot;
        // a load factor of at most 3/4 keeps probe sequences short
        if (size * 4L > buckets.length * 3L) {
            rehash(buckets.length * 2);
        }
        return slot;
    }

    long key(int slot) {
        return keys[slot];
    }

    int size() {
        return size;
    }

    /** Bytes held by the arrays: what the index costs on the heap. */
    long retainedBytes() {
        return 4L * buckets.length + 8L * keys.length;
    }

    private void rehash(int capacity) {
        buckets = emptyBuckets(capacity);
        int mask = capacity - 1;
        for (int slot = 0; slot < size; slot++) {
            int bucket = hash(keys[slot]) & mask;
            while (buckets[bucket] != EMPTY) {
                bucket = (bucket + 1) & mask;
            }
            buckets[bucket] = slot;
        }
    }

    private static int[] emptyBuckets(int capacity) {
        int[] buckets = new int[capacity];
        Arrays.fill(buckets, EMPTY);
        return buckets;
    }

    /** Ids are often consecutive: multiply and fold so they spread over the whole table. */
    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
