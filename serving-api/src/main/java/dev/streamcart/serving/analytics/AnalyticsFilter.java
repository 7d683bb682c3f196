package dev.streamcart.serving.analytics;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an analytics request asks for: the half-open time range {@code [from, to)}, the bucket size,
 * optional category, seller and buyer-region slices, and the currency (amounts of different
 * currencies are never added). A seller's requests always carry their own seller id (see
 * {@link AnalyticsFilters}). The region slices the sales reports only (the other KPI tables have no
 * region); it is checked to be a plain name, safe to splice into SQL.
 */
public record AnalyticsFilter(Instant from, Instant to, Granularity granularity, @Nullable Long categoryId,
                              @Nullable Long sellerId, @Nullable String region, String currency) {

    public AnalyticsFilter {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(currency, "currency");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
    }

    /** True when the request is limited to one category, seller or region (product-level rows answer it). */
    boolean sliced() {
        return categoryId != null || sellerId != null || region != null;
    }

    /** {@code minute >= from AND minute < to} on a DateTime column, in epoch seconds. */
    String timeRange(String column) {
        return column + " >= toDateTime(" + from.getEpochSecond() + ") AND " + column + " < toDateTime("
                + to.getEpochSecond() + ")";
    }

    /** The currency, safe to splice into SQL (checked to be three capital letters by the parser). */
    String currencyLiteral() {
        return "'" + currency + "'";
    }

    AnalyticsFilter forSeller(long seller) {
        return new AnalyticsFilter(from, to, granularity, categoryId, seller, region, currency);
    }
}
