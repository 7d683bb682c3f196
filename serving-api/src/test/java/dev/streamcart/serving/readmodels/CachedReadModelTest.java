package dev.streamcart.serving.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.serving.health.ComponentHealth;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The hot-stock cache: loads once, follows the feed's changes of cached keys only, never goes back in time. */
class CachedReadModelTest {

    /** A view that counts how often it is asked. */
    private static final class CountingView implements ReadModel<StockLevel> {
        final Map<String, StockLevel> values = new HashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        /** Answer as a Streams app does from its standby copy, while the key's owner is unreachable. */
        boolean fromStandby;

        @Override
        public @Nullable StockLevel get(String key) {
        reads.incrementAndGet();
        if (fromStandby) {
            PossiblyStaleReads.noteOne();
        }
        return values.get(key);
        }

        @Override
        public boolean isEnabled() {
        return true;
        }

        @Override
        public ComponentHealth health() {
        return ComponentHealth.up();
        }
    }

    private static StockLevel level(long productId, int available, long updatedAtMillis) {
        return StockLevel.newBuilder().setProductId(productId).setOnHand(available).setReserved(0).setAvailable(available)
                .setWarehouses(List.of()).setUpdatedAt(Instant.ofEpochMilli(updatedAtMillis)).build();
    }

    private static CachedReadModel<StockLevel> cache(ReadModel<StockLevel> view, boolean feedIsLive, long size) {
        return new CachedReadModel<>(view, () -> feedIsLive, level -> level.getUpdatedAt().toEpochMilli(), size,
                Duration.ofMinutes(1));
    }

    @Test
    void whileTheFeedIsNotLiveEveryReadAsksTheView() {
        CountingView view = new CountingView();
        view.values.put("1", level(1, 5, 100));
        CachedReadModel<StockLevel> cached = cache(view, false, 10);

        cached.get("1");
        cached.get("1");

        assertThat(view.reads).hasValue(2);
        assertThat(cached.cachedKeys()).isZero();
        assertThat(cached.isCached("1")).isFalse();
    }

    @Test
    void aChangeReplacesACachedValueUnlessItIsOlder() {
        CountingView view = new CountingView();
        view.values.put("1", level(1, 5, 100));
        CachedReadModel<StockLevel> cached = cache(view, true, 10);
        assertThat(cached.get("1").getAvailable()).isEqualTo(5);
        assertThat(cached.isCached("1")).isTrue();

        cached.changed("1", level(1, 3, 200));
        assertThat(cached.get("1").getAvailable()).isEqualTo(3);
        cached.changed("1", level(1, 9, 150));
        assertThat(cached.get("1").getAvailable()).as("an older change lost a race with a load").isEqualTo(3);
        cached.changed("2", level(2, 7, 300));
        assertThat(cached.isCached("2")).as("only cached keys follow the feed").isFalse();
        assertThat(view.reads).as("one load, every later read from the cache").hasValue(1);

        cached.changed("1", null);
        assertThat(cached.isCached("1")).as("a removed key leaves the cache").isFalse();
    }

    @Test
    void aValueReadFromAStandbyCopyIsPassedOnButNotKept() {
        PossiblyStaleReads.reset();
        CountingView view = new CountingView();
        view.values.put("1", level(1, 5, 100));
        view.fromStandby = true;
        CachedReadModel<StockLevel> cached = cache(view, true, 10);

        assertThat(cached.get("1").getAvailable()).isEqualTo(5);
        assertThat(PossiblyStaleReads.count()).as("the request knows it read a stale value").isEqualTo(1);
        assertThat(cached.isCached("1")).as("a stale value is not kept").isFalse();

        view.fromStandby = false;
        view.values.put("1", level(1, 4, 200));
        assertThat(cached.get("1").getAvailable()).as("the owner's answer, once it is back").isEqualTo(4);
        assertThat(cached.isCached("1")).isTrue();
        assertThat(view.reads).hasValue(2);
        PossiblyStaleReads.reset();
    }

    @Test
    void theCacheStaysWithinItsBound() {
        CountingView view = new CountingView();
        CachedReadModel<StockLevel> cached = cache(view, true, 100);
        for (long id = 1; id <= 1_000; id++) {
            view.values.put(Long.toString(id), level(id, 1, id));
            cached.get(Long.toString(id));
        }
        assertThat(cached.cachedKeys()).isLessThanOrEqualTo(100);
    }
}
