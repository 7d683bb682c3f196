package dev.streamcart.serving.catalog;

import java.util.Objects;
import java.util.function.BiConsumer;

import dev.streamcart.schemas.catalog.ProductChanged;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a product from the {@link ProductCache} whenever its row changes in PostgreSQL, as seen on
 * the {@code product-changes} topic. The writing instance already invalidated after its commit;
 * this reaches every other instance, and rows changed outside the API.
 */
public final class ProductChangeInvalidation implements BiConsumer<String, @Nullable ProductChanged> {

    private static final Logger LOG = LoggerFactory.getLogger(ProductChangeInvalidation.class);

    private final ProductCache cache;

    public ProductChangeInvalidation(ProductCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public void accept(String key, @Nullable ProductChanged change) {
        if (change != null) {
            cache.invalidate(change.getProductId());
            return;
        }
        try {
            cache.invalidate(Long.parseLong(key));
        } catch (NumberFormatException e) {
            LOG.warn("product-changes record with a key that is not a product id: {}", key);
        }
    }
}
