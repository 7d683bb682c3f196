package dev.streamcart.serving.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.streamcart.serving.problems.DomainException;

/** The orders a search can return; {@code relevance} without a text query falls back to newest. */
public enum SearchSort {
    RELEVANCE, PRICE_ASC, PRICE_DESC, RATING, NEWEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SearchSort parse(String raw) {
        for (SearchSort sort : values()) {
            if (sort.wireName().equals(raw.trim().toLowerCase(Locale.ROOT))) {
                return sort;
            }
        }
        throw DomainException.invalidInput("query parameter 'sort' must be one of "
                + Arrays.stream(values()).map(SearchSort::wireName).collect(Collectors.joining(", ")) + ", was '" + raw + "'");
    }
}
