package dev.streamcart.serving.search;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a product search with the total and the facet counts of everything that matched
 * (all pages, not just this one). Money is a decimal string, like everywhere in the API.
 *
 * <p>{@code totalRelation} is {@value #EXACT} when {@code total} and the facets count every match, and
 * {@value #AT_LEAST} when more products matched than a search counts exactly: {@code total} is then a
 * lower bound (Elasticsearch's {@code hits.total.relation}) and the facets count the matches examined.
 */
public record SearchResult(long total, String totalRelation, int page, int size, long totalPages, String sort,
                           List<Hit> items, Facets facets) {

    public static final String EXACT = "eq";
    public static final String AT_LEAST = "gte";

    /** A matching product; {@code score} is the text relevance (null without a text query). */
    public record Hit(long id, String name, @Nullable String brand, String price, String currency, long categoryId,
                      @Nullable String ratingAverage, int ratingCount, boolean inStock, @Nullable String imageUrl,
                      @Nullable Double score) {

        Hit withScore(double relevance) {
            return new Hit(id, name, brand, price, currency, categoryId, ratingAverage, ratingCount, inStock, imageUrl,
                    relevance);
        }
    }

    public record Facets(List<CategoryCount> categories, List<BrandCount> brands, List<PriceRangeCount> priceRanges,
                         Availability availability) {}

    public record CategoryCount(long id, String name, long count) {}

    public record BrandCount(String brand, long count) {}

    /** Prices from {@code from} (inclusive) up to {@code to} (exclusive; null: no upper bound). */
    public record PriceRangeCount(String from, @Nullable String to, long count) {}

    public record Availability(long inStock, long outOfStock) {}
}
