package dev.streamcart.serving.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A product of the catalog as PostgreSQL holds it. {@code attributes} are the seller's own
 * (colour, size, ...); the shipping weight is {@code weightGrams}, stored as the attribute of that name.
 */
public record Product(long id, long sellerId, long categoryId, String sku, String name, @Nullable String description,
                      @Nullable String brand, BigDecimal price, String currency, boolean active,
                      @Nullable Integer weightGrams, Map<String, Object> attributes, List<String> tags,
                      List<ProductImage> images, @Nullable BigDecimal ratingAverage, int ratingCount,
                      Instant createdAt, Instant updatedAt) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
        attributes = Map.copyOf(attributes);
        tags = List.copyOf(tags);
        images = List.copyOf(images);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
