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

    public SalesVelocity {
        if (unitsPerDay < 0 || Double.isNaN(unitsPerDay)) {
            throw new IllegalArgumentException("unitsPerDay must be >= 0, was " + unitsPerDay);
        }
    }

    /** Days the available units last at this pace; null when nothing sells (infinite cover). */
    public @Nullable Double daysOfCover(int available) {
        if (unitsPerDay <= 0) {
            return null;
        }
        return Math.max(0, available) / unitsPerDay;
    }
}
