package dev.streamcart.serving.analytics;

import java.time.Instant;
import java.util.Objects;

/** Paid sales of one category in one UTC minute; revenue as a decimal string ("123.45"). */
public record SalesRow(Instant minute, long categoryId, long orders, long units, String revenue) {

    public SalesRow {
        Objects.requireNonNull(minute, "minute");
        Objects.requireNonNull(revenue, "revenue");
    }
}
