package dev.streamcart.serving.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.streamcart.serving.auth.Access;
import dev.streamcart.serving.auth.Principal;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code from}, {@code to}, {@code granularity}, {@code categoryId}, {@code sellerId},
 * {@code region} and {@code currency} from a request. A bad value is a 400 whose problem names the field (extension
 * {@code field}). A seller is always limited to their own seller id; naming another seller is a 403.
 */
public final class AnalyticsFilters {

    static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    static final Duration MAX_RANGE = Duration.ofDays(400);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Regions are names like eu-west or us-east (orders.region, at most 64 characters). */
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,63}");

    private final Clock clock;
    private final int maxBuckets;

    /** @param maxBuckets the cost bound of a request: its range divided by its granularity */
    public AnalyticsFilters(Clock clock, int maxBuckets) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1, was " + maxBuckets);
        }
        this.maxBuckets = maxBuckets;
    }

    public AnalyticsFilter read(Context ctx, Principal caller) {
        return read(ctx::queryParam, caller);
    }

    /** The same, from any parameter source (the stream reads them once, then reuses the filter). */
    AnalyticsFilter read(Function<String, @Nullable String> params, Principal caller) {
        Instant now = Instant.now(clock);
        Instant to = instant("to", params.apply("to"), now);
        Instant from = from(params.apply("from"), to);
        if (!to.isAfter(from)) {
            throw invalid("from", "'from' must be before 'to' (from " + from + ", to " + to + ")");
        }
        Duration range = Duration.between(from, to);
        Granularity granularity = granularity(params.apply("granularity"), range);
        if (range.compareTo(MAX_RANGE) > 0) {
            throw invalid("from", "the range from 'from' to 'to' may span at most " + MAX_RANGE.toDays() + " days");
        }
        // the cost bound: every report and every stream tick reads and returns one row per bucket
        long buckets = buckets(range, granularity);
        if (buckets > maxBuckets) {
            throw new DomainException(ProblemKind.INVALID_INPUT, "the range from 'from' to 'to' holds " + buckets + " "
                    + granularity.label() + " buckets, more than the " + maxBuckets
                    + " a request may ask for: use a coarser granularity or a shorter range",
                    Map.of("field", "granularity", "buckets", buckets, "maxBuckets", maxBuckets));
        }
        Long categoryId = id("categoryId", params.apply("categoryId"));
        Long sellerId = id("sellerId", params.apply("sellerId"));
        String region = region(params.apply("region"));
        String currency = currency(params.apply("currency"));
        if (!caller.isAdmin()) {
            long own = Objects.requireNonNull(caller.sellerId(), "a seller route let a non-seller through");
            if (sellerId != null && sellerId != own) {
                throw new DomainException(ProblemKind.FORBIDDEN, "seller " + own
                        + " may not see the analytics of seller " + sellerId);
            }
            sellerId = own;
        }
        return new AnalyticsFilter(from, to, granularity, categoryId, sellerId, region, currency);
    }

    /** For seller-scoped routes: admins and sellers pass, a seller account without a business gets 403. */
    static Principal callerWithScope(Context ctx) {
        Principal caller = Access.principal(ctx);
        if (!caller.isAdmin()) {
            Access.requireSellerId(ctx);
        }
        return caller;
    }

    /** An instant, or an ISO-8601 duration before {@code to} ("PT1H"), so a live view's range slides with the clock. */
    private static Instant from(@Nullable String raw, Instant to) {
        if (raw != null && raw.trim().startsWith("P")) {
            try {
                Duration back = Duration.parse(raw.trim());
                if (!back.isNegative() && !back.isZero()) {
                    return to.minus(back);
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw invalid("from", "'from' must be an ISO-8601 instant or a positive duration before 'to' like PT1H, was '"
                    + raw + "'");
        }
        return instant("from", raw, to.minus(DEFAULT_RANGE));
    }

    private static Instant instant(String field, @Nullable String raw, Instant fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            // whole seconds: ClickHouse's DateTime has no finer resolution
            return Instant.parse(raw.trim()).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw invalid(field, "'" + field + "' must be an ISO-8601 instant like 2026-11-26T15:00:00Z, was '"
                    + raw + "'");
        }
    }

    /**
     * The granularity asked, or the finest one within the cost bound: reports that do not group by
     * time (top products, regions, the funnel) are asked without one, over ranges of any length.
     */
    private Granularity granularity(@Nullable String raw, Duration range) {
        if (raw == null || raw.isBlank()) {
            for (Granularity candidate : Granularity.values()) {
                if (buckets(range, candidate) <= maxBuckets) {
                    return candidate;
                }
            }
            return Granularity.DAY;
        }
        try {
            return Granularity.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("granularity", "'granularity' must be minute, hour or day, was '" + raw + "'");
        }
    }

    private static long buckets(Duration range, Granularity granularity) {
        return (range.toSeconds() + granularity.seconds() - 1) / granularity.seconds();
    }

    private static @Nullable Long id(String field, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(raw.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(field, "'" + field + "' must be a positive integer id, was '" + raw + "'");
    }

    private static @Nullable String region(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String region = raw.trim();
        if (!REGION.matcher(region).matches()) {
            throw invalid("region", "'region' must be a region name like eu-west (letters, digits, '.', '_', '-', "
                    + "spaces; at most 64), was '" + raw + "'");
        }
        return region;
    }

    private static String currency(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return "USD";
        }
        String currency = raw.trim();
        if (!CURRENCY.matcher(currency).matches()) {
            throw invalid("currency", "'currency' must be an ISO 4217 code like USD, was '" + raw + "'");
        }
        return currency;
    }

    static DomainException invalid(String field, String detail) {
        return new DomainException(ProblemKind.INVALID_INPUT, detail, Map.of("field", field));
    }
}
