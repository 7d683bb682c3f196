package dev.streamcart.recommender.evaluation;

/**
 * Something that ranks products for a user of an {@link InteractionTable}: ALS, a baseline, or a
 * test's oracle. Works on the table's dense indices.
 */
@FunctionalInterface
public interface Recommender {

    /** Up to {@code k} item indices, best first, none of them among the user's own items in the table. */
    int[] recommend(int user, int k);
}
