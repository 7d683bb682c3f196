package dev.streamcart.serving.catalog;

import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** A product of the catalog as PostgreSQL holds it. */
public record Product(long id, long sellerId, long categoryId, String sku, String name, @Nullable String description,
                     BigDecimal price, String currency, boolean active) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currency, "currency");
    }
}
