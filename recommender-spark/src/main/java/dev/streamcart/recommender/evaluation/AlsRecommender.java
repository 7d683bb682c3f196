package dev.streamcart.recommender.evaluation;

import java.util.Map;

/**
 * ALS as serving-api uses it: a user's score for an item is the dot product of their factors; a
 * user without factors gets nothing (serving would fall back to popularity).
 */
public final class AlsRecommender implements Recommender {

    private final InteractionTable table;
    private final float[][] userFactors;
    private final float[][] itemFactors;

    /** @param userFactors and {@code itemFactors}: factors by user id and by product id */
    public AlsRecommender(InteractionTable table, Map<Integer, float[]> userFactors, Map<Integer, float[]> itemFactors) {
        this.table = table;
        this.userFactors = new float[table.users()][];
        for (int user = 0; user < table.users(); user++) {
            this.userFactors[user] = userFactors.get(table.userId(user));
        }
        this.itemFactors = new float[table.items()][];
        for (int item = 0; item < table.items(); item++) {
            this.itemFactors[item] = itemFactors.get(table.itemId(item));
        }
    }

    @Override
    public int[] recommend(int user, int k) {
        float[] factors = userFactors[user];
        if (factors == null) {
            return new int[0];
        }
        double[] scores = new double[itemFactors.length];
        for (int item = 0; item < itemFactors.length; item++) {
            float[] other = itemFactors[item];
            if (other == null) {
                scores[item] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double dot = 0;
            for (int f = 0; f < factors.length; f++) {
                dot += factors[f] * other[f];
            }
            scores[item] = dot;
        }
        return TopK.select(scores, table.itemsOf(user), k);
    }
}
