package dev.streamcart.recommender.evaluation;

/**
 * Baseline: item-to-item co-occurrence. An item scores the sum, over the user's items, of how
 * many users had both (each item's top neighbours only, as serving's fallback sees them), topped
 * up with popular items.
 */
public final class CooccurrenceRecommender implements Recommender {

    private final Cooccurrence cooccurrence;
    private final InteractionTable table;
    private final int[] order;

    public CooccurrenceRecommender(Cooccurrence cooccurrence) {
        this.cooccurrence = cooccurrence;
        this.table = cooccurrence.table();
        this.order = PopularityRecommender.popularityOrder(table);
    }

    @Override
    public int[] recommend(int user, int k) {
        double[] scores = new double[table.items()];
        int[] touched = new int[table.items()];
        int touchedCount = 0;
        for (int item : table.itemsOf(user)) {
            int[] neighbours = cooccurrence.neighbours(item);
            int[] counts = cooccurrence.counts(item);
            for (int i = 0; i < neighbours.length; i++) {
                if (scores[neighbours[i]] == 0) {
                    touched[touchedCount++] = neighbours[i];
                }
                scores[neighbours[i]] += counts[i];
            }
        }
        int[] seen = table.itemsOf(user);
        return TopK.fill(TopK.select(scores, seen, k, touched, touchedCount), order, seen, k);
    }
}
