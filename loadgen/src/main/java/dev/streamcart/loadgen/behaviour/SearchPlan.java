package dev.streamcart.loadgen.behaviour;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A search a shopper types before browsing: a word of a product's name, sometimes narrowed to a
 * category (subtree) or sorted other than by relevance.
 *
 * @param categoryId the category filter, or null for the whole store
 * @param sort       one of the API's sorts (price_asc, price_desc, rating, newest), or null for relevance
 */
public record SearchPlan(String query, @Nullable Long categoryId, @Nullable String sort) {

    public SearchPlan {
        Objects.requireNonNull(query, "query");
        if (query.isBlank()) {
            throw new IllegalArgumentException("a search needs words");
        }
    }
}
