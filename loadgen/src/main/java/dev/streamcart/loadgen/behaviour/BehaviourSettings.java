package dev.streamcart.loadgen.behaviour;

/**
 * The knobs of the shopper model. Shares are probabilities in [0, 1].
 *
 * @param conversion             share of sessions that end in a checkout
 * @param preferredCategoryShare share of views and cart items taken from the shopper's preferred category
 * @param declineShare           share of payments made with the card the gateway declines
 * @param insufficientFundsShare share of payments made with the insufficient-funds test card
 * @param cancelShare            share of placed orders cancelled instead of paid
 * @param replayShare            share of checkouts and payments sent twice with the same Idempotency-Key
 * @param zipfExponent           skew of product popularity (1.0 is classic Zipf)
 * @param meanViews              mean number of product views per session
 * @param maxViews               cap on product views per session
 * @param cartShare              share of checkouts that go through the cart instead of POST /api/orders
 * @param searchShare            share of sessions that search before viewing products
 */
public record BehaviourSettings(
        double conversion,
        double preferredCategoryShare,
        double declineShare,
        double insufficientFundsShare,
        double cancelShare,
        double replayShare,
        double zipfExponent,
        double meanViews,
        int maxViews,
        double cartShare,
        double searchShare) {

    public BehaviourSettings {
        requireShare("cartShare", cartShare);
        requireShare("searchShare", searchShare);
        requireShare("conversion", conversion);
        requireShare("preferredCategoryShare", preferredCategoryShare);
        requireShare("declineShare", declineShare);
        requireShare("insufficientFundsShare", insufficientFundsShare);
        requireShare("cancelShare", cancelShare);
        requireShare("replayShare", replayShare);
        if (declineShare + insufficientFundsShare > 1) {
            throw new IllegalArgumentException("declineShare + insufficientFundsShare must not exceed 1");
        }
        if (zipfExponent < 0) {
            throw new IllegalArgumentException("zipfExponent must not be negative, was " + zipfExponent);
        }
        if (meanViews < 1 || maxViews < 1 || meanViews > maxViews) {
            throw new IllegalArgumentException("need 1 <= meanViews <= maxViews, was " + meanViews + " and " + maxViews);
        }
    }

    public static BehaviourSettings defaults() {
        return new BehaviourSettings(0.3, 0.75, 0.05, 0.01, 0.03, 0.02, 1.0, 3.0, 8, 0.9, 0.35);
    }

    /** The same settings for a given kind of day: the conversion is multiplied, capped at 95%. */
    public BehaviourSettings forProfile(TrafficProfile profile) {
        return withConversion(Math.min(0.95, conversion * profile.conversionMultiplier()));
    }

    public BehaviourSettings withConversion(double newConversion) {
        return new BehaviourSettings(newConversion, preferredCategoryShare, declineShare, insufficientFundsShare,
                cancelShare, replayShare, zipfExponent, meanViews, maxViews, cartShare,
                searchShare);
    }

    public BehaviourSettings withDeclineShare(double newDeclineShare) {
        return new BehaviourSettings(conversion, preferredCategoryShare, newDeclineShare, insufficientFundsShare,
                cancelShare, replayShare, zipfExponent, meanViews, maxViews, cartShare,
                searchShare);
    }

    public BehaviourSettings withCancelShare(double newCancelShare) {
        return new BehaviourSettings(conversion, preferredCategoryShare, declineShare, insufficientFundsShare,
                newCancelShare, replayShare, zipfExponent, meanViews, maxViews, cartShare,
                searchShare);
    }

    public BehaviourSettings withReplayShare(double newReplayShare) {
        return new BehaviourSettings(conversion, preferredCategoryShare, declineShare, insufficientFundsShare,
                cancelShare, newReplayShare, zipfExponent, meanViews, maxViews, cartShare,
                searchShare);
    }

    public BehaviourSettings withCartShare(double newCartShare) {
        return new BehaviourSettings(conversion, preferredCategoryShare, declineShare, insufficientFundsShare,
                cancelShare, replayShare, zipfExponent, meanViews, maxViews, newCartShare, searchShare);
    }

    public BehaviourSettings withSearchShare(double newSearchShare) {
        return new BehaviourSettings(conversion, preferredCategoryShare, declineShare, insufficientFundsShare,
                cancelShare, replayShare, zipfExponent, meanViews, maxViews, cartShare, newSearchShare);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
        }
    }
}
