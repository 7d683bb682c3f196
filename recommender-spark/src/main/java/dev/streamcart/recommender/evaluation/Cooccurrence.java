package dev.streamcart.recommender.evaluation;

import java.util.stream.IntStream;

/**
 * Item-to-item co-occurrence: for each item, the items most often met in the same users' histories
 * (score = number of users who have both), highest first, ties to the lower product id. Counted
 * item by item with one dense counter array per thread, so the cost is the sum over users of
 * their item count squared, and the memory a few arrays the size of the catalogue.
 *
 * <p>Used twice: as the "customers also bought" fallback written to {@code cooccurrence.tsv}, and
 * as an evaluation baseline (on the training part of the split).
 */
public final class Cooccurrence {

    private final InteractionTable table;
    private final int[][] neighbours;
    private final int[][] counts;

    private Cooccurrence(InteractionTable table, int[][] neighbours, int[][] counts) {
        this.table = table;
        this.neighbours = neighbours;
        this.counts = counts;
    }

    public static Cooccurrence of(InteractionTable table, int perItem) {
        int items = table.items();
        int[][] neighbours = new int[items][];
        int[][] counts = new int[items][];
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[items]);
        ThreadLocal<int[]> touchedScratch = ThreadLocal.withInitial(() -> new int[items]);
        IntStream.range(0, items).parallel().forEach(item -> {
            double[] together = scratch.get();
            int[] touched = touchedScratch.get();
            int touchedCount = 0;
            for (int user : table.usersOf(item)) {
                for (int other : table.itemsOf(user)) {
                    if (other != item) {
                        if (together[other] == 0) {
                            touched[touchedCount++] = other;
                        }
                        together[other]++;
                    }
                }
            }
            int[] top = TopK.select(together, new int[] {item}, perItem, touched, touchedCount);
            int[] topCounts = new int[top.length];
            for (int i = 0; i < top.length; i++) {
                topCounts[i] = (int) together[top[i]];
            }
            neighbours[item] = top;
            counts[item] = topCounts;
            for (int i = 0; i < touchedCount; i++) {
                together[touched[i]] = 0;
            }
        });
        return new Cooccurrence(table, neighbours, counts);
    }

    public InteractionTable table() {
        return table;
    }

    /** Item indices most often met with {@code item}, highest count first. */
    public int[] neighbours(int item) {
        return neighbours[item];
    }

    /** The counts matching {@link #neighbours(int)}. */
    public int[] counts(int item) {
        return counts[item];
    }
}
