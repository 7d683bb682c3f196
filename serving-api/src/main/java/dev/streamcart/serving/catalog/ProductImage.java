package dev.streamcart.serving.catalog;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** An image of a product; position 0 is the main one. */
public record ProductImage(String url, @Nullable String altText, int position) {

    public ProductImage {
        Objects.requireNonNull(url, "url");
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative");
        }
    }
}
