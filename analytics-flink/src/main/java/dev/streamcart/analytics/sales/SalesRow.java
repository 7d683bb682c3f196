package dev.streamcart.analytics.sales;

import java.time.Instant;

/**
 * One row of {@code sales_per_minute}: the totals of one category in one UTC minute, as of the
 * {@code version}-th distinct paid order counted in it. A later row for the same minute and
 * category carries more orders and so a larger version, and replaces this one.
 */
public record SalesRow(long minuteEpochSecond, long categoryId, long orders, long units, long revenueCents, long version) {

    public Instant minute() {
        return Instant.ofEpochSecond(minuteEpochSecond);
    }
}
