package dev.streamcart.serving.catalog;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Products by id, in process, for {@code GET /api/products/{id}}. A writer calls {@link #invalidate}
 * after its commit and before it answers, so a read that starts after a change's response never
 * sees the value before the change.
 *
 * <p>The race this guards against: a reader loads the old row, the writer commits and invalidates,
 * then the reader stores what it loaded. Every invalidation bumps a generation first; a loader stores
 * its value only if no invalidation happened since it began (checked inside the map's atomic
 * {@code compute}, which is serialised with {@code invalidate} on the same key). A value loaded
 * across an invalidation is still returned to its own reader, who started before the change answered.
 *
 * <p>Entries also expire after {@code timeToLive}: a bound on staleness for rows changed by code
 * that does not call {@link #invalidate} (another API instance, a manual fix in SQL).
 */
public final class ProductCache {

    private final Cache<Long, Product> cache;
    private final AtomicLong generation = new AtomicLong();

    public ProductCache(long maximumSize, Duration timeToLive) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(timeToLive).build();
    }

    /** The cached product, else what {@code loader} finds (stored unless an invalidation raced it). */
    public Optional<Product> get(long productId, LongFunction<Optional<Product>> loader) {
        Objects.requireNonNull(loader, "loader");
        Product cached = cache.getIfPresent(productId);
        if (cached != null) {
            return Optional.of(cached);
        }
        long started = generation.get();
        Optional<Product> loaded = loader.apply(productId);
        loaded.ifPresent(product -> cache.asMap().compute(productId,
                (id, current) -> generation.get() == started ? product : current));
        return loaded;
    }

    /** Forgets a product; call it after the transaction that changed the product has ended. */
    public void invalidate(long productId) {
        generation.incrementAndGet();
        cache.invalidate(productId);
    }

    /** Number of products held (approximate), for tests and metrics. */
    public long size() {
        return cache.estimatedSize();
    }
}
