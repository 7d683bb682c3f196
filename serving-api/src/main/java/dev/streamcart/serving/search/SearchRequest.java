package dev.streamcart.serving.search;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.streamcart.serving.problems.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * A product search as the client asked for it, checked: every refusal is a 400 naming the query
 * parameter. Only active products are searched.
 *
 * @param text       full-text query in web-search syntax ("red shoes", "mug -travel", "\"french press\"")
 * @param categoryId the category whose whole subtree is searched
 * @param inStock    true: only products with an unreserved unit in some warehouse; false: only those without
 */
public record SearchRequest(@Nullable String text, @Nullable Long categoryId, @Nullable BigDecimal minPrice,
                            @Nullable BigDecimal maxPrice, @Nullable String brand, @Nullable BigDecimal minRating,
                            @Nullable Boolean inStock, SearchSort sort, int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_TEXT = 200;
    /** Deep pages cost a scan of everything before them; clients should narrow the search instead. */
    public static final int MAX_OFFSET = 10_000;

    static final Set<String> PARAMETERS = Set.of("q", "category", "minPrice", "maxPrice", "brand", "minRating",
            "inStock", "sort", "page", "size");

    /** The effective order: relevance needs a text query. */
    public SearchSort effectiveSort() {
        return sort == SearchSort.RELEVANCE && text == null ? SearchSort.NEWEST : sort;
    }

    public int offset() {
        return (page - 1) * size;
    }

    /** Reads the query string; absent and blank parameters are not filters. */
    public static SearchRequest parse(Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw DomainException.invalidInput("query parameter '" + name + "' is not known (known: "
                        + String.join(", ", new TreeSet<>(PARAMETERS)) + ")");
            }
        }
        String text = single(query, "q");
        if (text != null && text.length() > MAX_TEXT) {
            throw invalid("q", "must be at most " + MAX_TEXT + " characters");
        }
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw invalid("q", "must not contain NUL characters");
        }
        Long category = id(query, "category");
        BigDecimal minPrice = money(query, "minPrice");
        BigDecimal maxPrice = money(query, "maxPrice");
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw invalid("minPrice", "must not be greater than 'maxPrice'");
        }
        String brand = single(query, "brand");
        if (brand != null && brand.length() > 100) {
            throw invalid("brand", "must be at most 100 characters");
        }
        // PostgreSQL text cannot hold NUL: compared as a parameter, it failed the query (500)
        if (brand != null && brand.indexOf('\u0000') >= 0) {
            throw invalid("brand", "must not contain NUL characters");
        }
        BigDecimal minRating = rating(query, "minRating");
        Boolean inStock = flag(query, "inStock");
        String sortText = single(query, "sort");
        SearchSort sort = sortText == null ? SearchSort.RELEVANCE : SearchSort.parse(sortText);
        int page = integer(query, "page", 1, 1, Integer.MAX_VALUE);
        int size = integer(query, "size", DEFAULT_SIZE, 1, MAX_SIZE);
        if ((long) (page - 1) * size > MAX_OFFSET) {
            throw invalid("page", "reaches past the first " + MAX_OFFSET + " results; narrow the search instead");
        }
        return new SearchRequest(text, category, minPrice, maxPrice, brand, minRating, inStock, sort, page, size);
    }

    private static @Nullable String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid(name, "must be given at most once");
        }
        String value = values.get(0).trim();
        return value.isEmpty() ? null : value;
    }

    private static @Nullable Long id(Map<String, List<String>> query, String name) {
        String raw = single(query, name);
        if (raw == null) {
            return null;
        }
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "must be a positive integer id, was '" + raw + "'");
    }

    private static @Nullable BigDecimal money(Map<String, List<String>> query, String name) {
        String raw = single(query, name);
        if (raw == null) {
            return null;
        }
        BigDecimal amount = decimal(name, raw);
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2 || amount.compareTo(new BigDecimal("9999999999.99")) > 0) {
            throw invalid(name, "must be an amount from 0 to 9999999999.99 with at most two fraction digits, was '" + raw + "'");
        }
        return amount;
    }

    private static @Nullable BigDecimal rating(Map<String, List<String>> query, String name) {
        String raw = single(query, name);
        if (raw == null) {
            return null;
        }
        BigDecimal rating = decimal(name, raw);
        if (rating.compareTo(BigDecimal.ZERO) < 0 || rating.compareTo(BigDecimal.valueOf(5)) > 0) {
            throw invalid(name, "must be a number from 0 to 5, was '" + raw + "'");
        }
        return rating;
    }

    private static BigDecimal decimal(String name, String raw) {
        try {
            if (raw.length() > 20) {
                throw new NumberFormatException("too long");
            }
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a decimal number such as 19.99, was '" + abbreviated(raw) + "'");
        }
    }

    private static @Nullable Boolean flag(Map<String, List<String>> query, String name) {
        String raw = single(query, name);
        if (raw == null) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(name, "must be true or false, was '" + abbreviated(raw) + "'");
        };
    }

    private static int integer(Map<String, List<String>> query, String name, int fallback, int min, int max) {
        String raw = single(query, name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "must be an integer from " + min + " to " + max + ", was '" + abbreviated(raw) + "'");
    }

    private static String abbreviated(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "...";
    }

    private static DomainException invalid(String name, String rule) {
        return DomainException.invalidInput("query parameter '" + name + "' " + rule);
    }
}
