package dev.streamcart.serving.search;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a product search with the total and the facet counts of everything that matched
 * (all pages, not just this one). Money is a decimal string, like everywhere in the API.
 */
public record SearchResult(long total, int page, int size, long totalPages, String sort, List<Hit> items,
                           Facets facets) {

    /** A matching product; {@code score} is the text relevance (null without a text query). */
    public record Hit(long id, String name, @Nullable String brand, String price, String currency, long categoryId,
                      @Nullable String ratingAverage, int ratingCount, boolean inStock, @Nullable String imageUrl,
                      @Nullable Double score) {}

    public record Facets(List<CategoryCount> categories, List<BrandCount> brands, List<PriceRangeCount> priceRanges,
                         Availability availability) {}

    public record CategoryCount(long id, String name, long count) {}

    public record BrandCount(String brand, long count) {}

    /** Prices from {@code from} (inclusive) up to {@code to} (exclusive; null: no upper bound). */
    public record PriceRangeCount(String from, @Nullable String to, long count) {}

    public record Availability(long inStock, long outOfStock) {}
}
