package dev.streamcart.loadgen.behaviour;

/**
 * How shoppers treat the recommendations the storefront shows them (the recommendations' A/B test needs all
 * three steps: impressions, clicks and purchases per variant). Shares are probabilities in [0, 1],
 * each of the step before.
 *
 * @param shown  share of sessions whose pages show recommendations (impressions)
 * @param opened share of those where the shopper opens one of the first few (a click, {@code ?rec=})
 * @param bought share of those opened that the shopper adds to the cart with the same attribution,
 *               then checks out and pays like any other order (a purchase credited to the variant)
 */
public record RecommendationShares(double shown, double opened, double bought) {

    public RecommendationShares {
        requireShare("shown", shown);
        requireShare("opened", opened);
        requireShare("bought", bought);
    }

    /** 40% of sessions see recommendations, 30% of those open one, 25% of those buy it (3% of sessions). */
    public static RecommendationShares defaults() {
        return new RecommendationShares(0.4, 0.3, 0.25);
    }

    public RecommendationShares withBought(double newBought) {
        return new RecommendationShares(shown, opened, newBought);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
        }
    }
}
