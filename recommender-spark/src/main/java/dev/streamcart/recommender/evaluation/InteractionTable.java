package dev.streamcart.recommender.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import dev.streamcart.recommender.interactions.Interactions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Weighted (user, item) interactions held in the driver as compressed rows both ways (items of a
 * user, users of an item), on dense indices: the shape the evaluation and the co-occurrence counts
 * walk. 2M interactions take about 30 MB. Indices follow id order, so every walk is deterministic.
 */
public final class InteractionTable {

    private final int[] userIds;
    private final int[] itemIds;
    private final int[][] itemsOfUser;
    private final float[][] weightsOfUser;
    private final int[][] usersOfItem;
    private final double[] popularity;

    private InteractionTable(int[] users, int[] items, float[] weights, int size) {
        userIds = distinctSorted(users, size);
        itemIds = distinctSorted(items, size);
        int[] perUser = new int[userIds.length];
        int[] perItem = new int[itemIds.length];
        // the rows' ids become dense indices in place: the arrays are the builder's, used once
        int[] userOfRow = users;
        int[] itemOfRow = items;
        for (int row = 0; row < size; row++) {
            userOfRow[row] = Arrays.binarySearch(userIds, users[row]);
            itemOfRow[row] = Arrays.binarySearch(itemIds, items[row]);
            perUser[userOfRow[row]]++;
            perItem[itemOfRow[row]]++;
        }
        itemsOfUser = new int[userIds.length][];
        weightsOfUser = new float[userIds.length][];
        usersOfItem = new int[itemIds.length][];
        for (int user = 0; user < userIds.length; user++) {
            itemsOfUser[user] = new int[perUser[user]];
            weightsOfUser[user] = new float[perUser[user]];
        }
        for (int item = 0; item < itemIds.length; item++) {
            usersOfItem[item] = new int[perItem[item]];
        }
        int[] userFill = new int[userIds.length];
        int[] itemFill = new int[itemIds.length];
        popularity = new double[itemIds.length];
        for (int row = 0; row < size; row++) {
            int user = userOfRow[row];
            int item = itemOfRow[row];
            itemsOfUser[user][userFill[user]] = item;
            weightsOfUser[user][userFill[user]++] = weights[row];
            usersOfItem[item][itemFill[item]++] = user;
            popularity[item] += weights[row];
        }
        for (int user = 0; user < userIds.length; user++) {
            sortTogether(itemsOfUser[user], weightsOfUser[user]);
        }
        for (int[] usersOf : usersOfItem) {
            Arrays.sort(usersOf);
        }
    }

    /** The rows of an {@link Interactions#byUserAndItem()} dataset, streamed partition by partition. */
    public static InteractionTable collect(Dataset<Row> byUserAndItem) {
        Builder builder = new Builder(byUserAndItem.count());
        Iterator<Row> rows = byUserAndItem.select(Interactions.USER, Interactions.ITEM, Interactions.RATING).toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            builder.add(row.getInt(0), row.getInt(1), (float) row.getDouble(2));
        }
        return builder.build();
    }

    /** Accumulates rows; a (user, item) pair added twice is summed. {@link #build()} uses the rows up. */
    public static final class Builder {
        private int[] users;
        private int[] items;
        private float[] weights;
        private int size;

        public Builder() {
            this(1024);
        }

        /** Sized for {@code expectedRows}: growing by doubling would hold two copies of every row for a while. */
        public Builder(long expectedRows) {
            int capacity = (int) Math.max(16, Math.min(expectedRows, Integer.MAX_VALUE - 8));
            users = new int[capacity];
            items = new int[capacity];
            weights = new float[capacity];
        }

        public Builder add(int user, int item, float weight) {
            if (size == users.length) {
                users = Arrays.copyOf(users, size * 2);
                items = Arrays.copyOf(items, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
            }
            users[size] = user;
            items[size] = item;
            weights[size++] = weight;
            return this;
        }

        public InteractionTable build() {
            if (users == null) {
                throw new IllegalStateException("this builder's rows were used up by an earlier build()");
            }
            InteractionTable table = new InteractionTable(users, items, weights, size).mergeDuplicates();
            users = null;
            items = null;
            weights = null;
            return table;
        }
    }

    public int users() {
        return userIds.length;
    }

    public int items() {
        return itemIds.length;
    }

    public long interactions() {
        long total = 0;
        for (int[] items : itemsOfUser) {
            total += items.length;
        }
        return total;
    }

    public int userId(int index) {
        return userIds[index];
    }

    public int itemId(int index) {
        return itemIds[index];
    }

    /** The dense index of a user id, or -1 when the user has no interaction here. */
    public int userIndex(int userId) {
        int index = Arrays.binarySearch(userIds, userId);
        return index < 0 ? -1 : index;
    }

    /** The dense index of a product id, or -1 when nobody interacted with it here. */
    public int itemIndex(int itemId) {
        int index = Arrays.binarySearch(itemIds, itemId);
        return index < 0 ? -1 : index;
    }

    /** Item indices of a user, ascending. */
    public int[] itemsOf(int user) {
        return itemsOfUser[user];
    }

    /** Weights matching {@link #itemsOf(int)}. */
    public float[] weightsOf(int user) {
        return weightsOfUser[user];
    }

    /** User indices of an item, ascending. */
    public int[] usersOf(int item) {
        return usersOfItem[item];
    }

    /** Summed weight of an item: the popularity that {@code popular.tsv} ranks by. */
    public double popularity(int item) {
        return popularity[item];
    }

    private InteractionTable mergeDuplicates() {
        for (int[] items : itemsOfUser) {
            for (int i = 1; i < items.length; i++) {
                if (items[i] == items[i - 1]) {
                    return rebuildSummed();
                }
            }
        }
        return this;
    }

    private InteractionTable rebuildSummed() {
        Map<Long, Float> summed = new HashMap<>();
        for (int user = 0; user < itemsOfUser.length; user++) {
            for (int i = 0; i < itemsOfUser[user].length; i++) {
                long key = ((long) userIds[user] << 32) | (itemIds[itemsOfUser[user][i]] & 0xffffffffL);
                summed.merge(key, weightsOfUser[user][i], Float::sum);
            }
        }
        int[] users = new int[summed.size()];
        int[] items = new int[summed.size()];
        float[] weights = new float[summed.size()];
        int row = 0;
        for (Map.Entry<Long, Float> entry : summed.entrySet()) {
            users[row] = (int) (entry.getKey() >> 32);
            items[row] = (int) (long) entry.getKey();
            weights[row++] = entry.getValue();
        }
        return new InteractionTable(users, items, weights, row);
    }

    private static int[] distinctSorted(int[] values, int size) {
        int[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct == 0 || sorted[i] != sorted[distinct - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    private static void sortTogether(int[] keys, float[] values) {
        // item indices are non-negative: packing (index, weight bits) into a long sorts both by index
        long[] packed = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            packed[i] = ((long) keys[i] << 32) | (Float.floatToRawIntBits(values[i]) & 0xffffffffL);
        }
        Arrays.sort(packed);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (int) (packed[i] >>> 32);
            values[i] = Float.intBitsToFloat((int) packed[i]);
        }
    }
}
