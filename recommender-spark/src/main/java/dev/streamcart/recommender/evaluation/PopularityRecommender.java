package dev.streamcart.recommender.evaluation;

import java.util.Comparator;
import java.util.stream.IntStream;

/** Baseline: the most popular items (summed interaction weight) the user has not had yet. */
public final class PopularityRecommender implements Recommender {

    private final InteractionTable table;
    private final int[] order;

    public PopularityRecommender(InteractionTable table) {
        this.table = table;
        this.order = popularityOrder(table);
    }

    /** Item indices, most popular first, ties to the lower product id. */
    static int[] popularityOrder(InteractionTable table) {
        return IntStream.range(0, table.items()).boxed()
                .sorted(Comparator.comparingDouble((Integer item) -> -table.popularity(item)).thenComparingInt(item -> item))
                .mapToInt(Integer::intValue).toArray();
    }

    int[] order() {
        return order;
    }

    @Override
    public int[] recommend(int user, int k) {
        return TopK.fill(new int[0], order, table.itemsOf(user), k);
    }
}
