package dev.streamcart.inventory.velocity;

import org.jspecify.annotations.Nullable;

/**
 * How fast a product sells, as of one moment.
 *
 * @param unitsLast24h net units sold in the last 24 h
 * @param unitsLast7d net units sold in the last 7 days
 * @param unitsPerDay {@code unitsLast7d} over the days of history it covers (1 to 7)
 */
public record SalesVelocity(int unitsLast24h, int unitsLast7d, double unitsPerDay) {

    public static final SalesVelocity NONE = new SalesVelocity(0, 0, 0.0);
    private static final double RELEVANT_PACE_CHANGE = 0.01;

    public SalesVelocity {
        if (unitsPerDay < 0 || Double.isNaN(unitsPerDay)) {
            throw new IllegalArgumentException("unitsPerDay must be >= 0, was " + unitsPerDay);
        }
    }

    /**
     * Whether {@code other} tells a seller something different: another unit count in either window,
     * or a pace more than 1% apart. The pace of a product with under 7 days of history drifts every
     * second (its days observed grow); re-publishing it for every drift would flood the read model.
     */
    public boolean differsNoticeably(SalesVelocity other) {
        if (unitsLast24h != other.unitsLast24h || unitsLast7d != other.unitsLast7d) {
            return true;
        }
        double larger = Math.max(unitsPerDay, other.unitsPerDay);
        return Math.abs(unitsPerDay - other.unitsPerDay) > RELEVANT_PACE_CHANGE * larger;
    }

    /** Days the available units last at this pace; null when nothing sells (infinite cover). */
    public @Nullable Double daysOfCover(int available) {
        if (unitsPerDay <= 0) {
            return null;
        }
        return Math.max(0, available) / unitsPerDay;
    }
}
