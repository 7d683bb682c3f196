package dev.streamcart.recommender.interactions;

/**
 * How much a purchase says about taste: {@code weightPerUnit} for each unit bought, halved every
 * {@code halfLifeDays} of age (age counted back from the newest purchase in the data, so that
 * training the same data twice gives the same weights).
 */
public record PurchaseWeighting(double weightPerUnit, double halfLifeDays) {

    public PurchaseWeighting {
        if (weightPerUnit <= 0) {
            throw new IllegalArgumentException("weightPerUnit must be positive, was " + weightPerUnit);
        }
        if (halfLifeDays <= 0) {
            throw new IllegalArgumentException("halfLifeDays must be positive, was " + halfLifeDays);
        }
    }
}
