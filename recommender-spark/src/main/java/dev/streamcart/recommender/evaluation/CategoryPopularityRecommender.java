package dev.streamcart.recommender.evaluation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline: the most popular items within the user's favourite categories (the
 * {@value #FAVOURITES} categories holding most of the user's interaction weight), topped up with
 * globally popular items. Items of unknown category only come in the top-up.
 */
public final class CategoryPopularityRecommender implements Recommender {

    static final int FAVOURITES = 3;

    private final InteractionTable table;
    private final int[] order;
    private final long[] categoryOfItem;

    /** @param categories product id to category id; products missing here have no category */
    public CategoryPopularityRecommender(InteractionTable table, Map<Integer, Long> categories) {
        this.table = table;
        this.order = PopularityRecommender.popularityOrder(table);
        this.categoryOfItem = new long[table.items()];
        for (int item = 0; item < table.items(); item++) {
            categoryOfItem[item] = categories.getOrDefault(table.itemId(item), -1L);
        }
    }

    @Override
    public int[] recommend(int user, int k) {
        long[] favourites = favouriteCategories(user);
        int[] seen = table.itemsOf(user);
        int[] chosen = new int[k];
        int size = 0;
        for (int i = 0; i < order.length && size < k; i++) {
            int item = order[i];
            if (categoryOfItem[item] >= 0 && Arrays.binarySearch(favourites, categoryOfItem[item]) >= 0
                    && Arrays.binarySearch(seen, item) < 0) {
                chosen[size++] = item;
            }
        }
        return TopK.fill(Arrays.copyOf(chosen, size), order, seen, k);
    }

    private long[] favouriteCategories(int user) {
        Map<Long, Double> weightPerCategory = new HashMap<>();
        int[] items = table.itemsOf(user);
        float[] weights = table.weightsOf(user);
        for (int i = 0; i < items.length; i++) {
            if (categoryOfItem[items[i]] >= 0) {
                weightPerCategory.merge(categoryOfItem[items[i]], (double) weights[i], Double::sum);
            }
        }
        List<Long> top = weightPerCategory.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(FAVOURITES).map(Map.Entry::getKey).toList();
        return top.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
