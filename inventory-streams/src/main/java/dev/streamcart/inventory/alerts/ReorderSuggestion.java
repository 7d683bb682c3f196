package dev.streamcart.inventory.alerts;

import dev.streamcart.inventory.velocity.SalesVelocity;

/**
 * How many units to order: enough for {@code coverDays} days at the recent pace, plus the low-stock
 * threshold as safety stock, minus what is still available; at least 1.
 */
public record ReorderSuggestion(int coverDays) {

    public static final int DEFAULT_COVER_DAYS = 14;

    public ReorderSuggestion {
        if (coverDays < 1) {
            throw new IllegalArgumentException("coverDays must be >= 1, was " + coverDays);
        }
    }

    public int quantity(StockTotals totals, SalesVelocity velocity) {
        long target = (long) Math.ceil(velocity.unitsPerDay() * coverDays) + Math.max(0, totals.lowStockThreshold());
        long missing = target - Math.max(0, totals.available());
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, missing));
    }
}
