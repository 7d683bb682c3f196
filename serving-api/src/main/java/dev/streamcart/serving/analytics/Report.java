package dev.streamcart.serving.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * The body of every {@code /api/analytics/...} answer: the filter it was computed for, its rows
 * (one CSV line each with {@code ?format=csv}), and an optional summary over the whole range.
 * Money is always a decimal string in {@code currency}; rates are fractions with four decimals.
 */
public record Report<R extends Record>(Instant from, Instant to, String granularity, @Nullable Long categoryId,
                                       @Nullable Long sellerId, @Nullable String region, String currency, List<R> rows,
                                       @Nullable Object summary, @JsonIgnore Class<R> rowType) {

    public Report {
        Objects.requireNonNull(rowType, "rowType");
        rows = List.copyOf(rows);
    }

    static <R extends Record> Report<R> of(AnalyticsFilter filter, Class<R> rowType, List<R> rows,
                                           @Nullable Object summary) {
        return new Report<>(filter.from(), filter.to(), filter.granularity().label(), filter.categoryId(),
                filter.sellerId(), filter.region(), filter.currency(), rows, summary, rowType);
    }
}
