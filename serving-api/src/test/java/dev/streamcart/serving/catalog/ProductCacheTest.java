package dev.streamcart.serving.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ProductCacheTest {

    private final ProductCache cache = new ProductCache(100, Duration.ofMinutes(5));

    @Test
    void aCachedProductIsServedWithoutLoadingAgainUntilInvalidated() {
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get(1, id -> { loads.incrementAndGet(); return Optional.of(product("1.00")); })).isPresent();
        assertThat(cache.get(1, id -> { loads.incrementAndGet(); return Optional.of(product("2.00")); }))
                .get().extracting(Product::price).isEqualTo(new BigDecimal("1.00"));
        assertThat(loads.get()).isEqualTo(1);

        cache.invalidate(1);

        assertThat(cache.get(1, id -> Optional.of(product("2.00")))).get().extracting(Product::price)
                .isEqualTo(new BigDecimal("2.00"));
    }

    @Test
    void aMissingProductIsNotCached() {
        assertThat(cache.get(7, id -> Optional.empty())).isEmpty();
        assertThat(cache.get(7, id -> Optional.of(product("3.00")))).isPresent();
    }

    /** The race: a load of the old row finishes after the writer's invalidation. It must not be kept. */
    @Test
    void aLoadThatStartedBeforeAnInvalidationIsNotKeptAfterIt() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        CompletableFuture<Optional<Product>> slowReader = CompletableFuture.supplyAsync(() -> cache.get(1, id -> {
            loading.countDown();
            await(invalidated);
            return Optional.of(product("1.00")); // what the database held when this read began
        }));
        await(loading);

        cache.invalidate(1); // the writer committed 2.00 meanwhile
        invalidated.countDown();

        assertThat(slowReader.get(10, TimeUnit.SECONDS)).get().extracting(Product::price)
                .as("its own reader, who started before the change, may see the old price")
                .isEqualTo(new BigDecimal("1.00"));
        assertThat(cache.get(1, id -> Optional.of(product("2.00")))).get().extracting(Product::price)
                .as("but nobody after it").isEqualTo(new BigDecimal("2.00"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Product product(String price) {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        return new Product(1, 2, 3, "SKU-1", "Mug", null, null, new BigDecimal(price), "USD", true, null, Map.of(),
                List.of(), List.of(), null, 0, now, now);
    }
}
