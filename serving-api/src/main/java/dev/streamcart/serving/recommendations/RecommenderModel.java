package dev.streamcart.serving.recommendations;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A loaded model version (contract 5): latent factors of users and items, and the popularity
 * ranking for cold starts. Item factors sit in one flat array ({@code rank} floats per item, in
 * {@code itemIds} order) so scoring is a cache-friendly loop. Immutable once built.
 */
public final class RecommenderModel {

    private final String version;
    private final int rank;
    private final Map<Long, float[]> userFactors;
    private final long[] itemIds;
    private final float[] itemFactors;
    private final long[] popularIds;
    private final double[] popularScores;

    RecommenderModel(String version, int rank, Map<Long, float[]> userFactors, long[] itemIds, float[] itemFactors,
                     long[] popularIds, double[] popularScores) {
        this.version = Objects.requireNonNull(version, "version");
        if (itemFactors.length != itemIds.length * rank) {
            throw new IllegalArgumentException("item factors hold " + itemFactors.length + " floats, expected "
                    + itemIds.length + " items x rank " + rank);
        }
        if (popularIds.length != popularScores.length) {
            throw new IllegalArgumentException("popular ids and scores differ in length");
        }
        this.rank = rank;
        this.userFactors = Map.copyOf(userFactors);
        this.itemIds = itemIds.clone();
        this.itemFactors = itemFactors.clone();
        this.popularIds = popularIds.clone();
        this.popularScores = popularScores.clone();
    }

    public String version() {
        return version;
    }

    public int rank() {
        return rank;
    }

    public int userCount() {
        return userFactors.size();
    }

    public int itemCount() {
        return itemIds.length;
    }

    /** The user's factors, or null for a user the model was not trained on. */
    @Nullable float[] userFactors(long userId) {
        return userFactors.get(userId);
    }

    /** Scores every item for {@code user} into {@code top}, skipping items {@code eligible} rejects. */
    void scoreAll(float[] user, TopK top, ProductFilter eligible) {
        for (int item = 0, offset = 0; item < itemIds.length; item++, offset += rank) {
            float score = 0f;
            for (int f = 0; f < rank; f++) {
                score += user[f] * itemFactors[offset + f];
            }
            long productId = itemIds[item];
            // the filter costs more than the comparison, so test the heap first
            if (top.wouldAccept(score, productId) && eligible.test(productId)) {
                top.offer(score, productId);
            }
        }
    }

    /** The first eligible items of the popularity ranking (popular.tsv is sorted best first). */
    void popular(TopK top, ProductFilter eligible) {
        for (int i = 0; i < popularIds.length && !top.isFull(); i++) {
            if (eligible.test(popularIds[i])) {
                top.offer(popularScores[i], popularIds[i]);
            }
        }
    }
}
