package dev.streamcart.recommender.interactions;

/**
 * How much each signal says about taste: a purchased unit weighs {@code weightPerUnit}, a product
 * view {@code weightPerView}, a cart add {@code weightPerCartAdd}; every weight is halved each
 * {@code halfLifeDays} of age, age counted back from the newest interaction in the data (of any
 * signal), so that training the same data twice gives the same weights.
 */
public record Weighting(double weightPerUnit, double weightPerView, double weightPerCartAdd, double halfLifeDays) {

    public Weighting {
        requirePositive("weightPerUnit", weightPerUnit);
        requirePositive("weightPerView", weightPerView);
        requirePositive("weightPerCartAdd", weightPerCartAdd);
        requirePositive("halfLifeDays", halfLifeDays);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
