package dev.streamcart.serving.analytics;

import java.util.HashMap;
import java.util.Map;

import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * A set of user ids that is only read once built: the users of one part of a range, whose union with
 * another part's is counted without building it. A compressed bitmap (Roaring, as ClickHouse's
 * {@code groupBitmap} and Druid use) rather than sorted ids: a week's million active users take a
 * fraction of a megabyte instead of 8 MB, and the size of a union is one pass over both bitmaps'
 * containers instead of a binary search per user of the smaller part.
 */
final class UserSet {

    static final UserSet EMPTY = new UserSet(new Roaring64Bitmap());

    /** Never changed after the constructor: read by any number of threads at once. */
    private final Roaring64Bitmap ids;
    private final long size;

    private UserSet(Roaring64Bitmap ids) {
        ids.runOptimize();
        this.ids = ids;
        this.size = ids.getLongCardinality();
    }

    /** The distinct users among {@code userIds}, which may repeat and come in any order. */
    static UserSet of(long[] userIds) {
        Roaring64Bitmap ids = new Roaring64Bitmap();
        ids.add(userIds);
        return new UserSet(ids);
    }

    /** The users of each bucket: {@code userIds[i]} was seen in {@code buckets[i]}. */
    static Map<Long, UserSet> byBucket(long[] buckets, long[] userIds) {
        if (buckets.length != userIds.length) {
            throw new IllegalArgumentException("a bucket for every user id: " + buckets.length + " against " + userIds.length);
        }
        Map<Long, Roaring64Bitmap> building = new HashMap<>();
        for (int i = 0; i < buckets.length; i++) {
            building.computeIfAbsent(buckets[i], bucket -> new Roaring64Bitmap()).addLong(userIds[i]);
        }
        Map<Long, UserSet> sets = new HashMap<>();
        building.forEach((bucket, ids) -> sets.put(bucket, new UserSet(ids)));
        return sets;
    }

    long size() {
        return size;
    }

    /** How many users are in this set or in {@code other}. */
    long unionSize(UserSet other) {
        return size + other.size - Roaring64Bitmap.andCardinality(ids, other.ids);
    }

    /** What the set takes in memory, for a cache's weight. */
    long bytes() {
        return ids.getLongSizeInBytes();
    }
}
