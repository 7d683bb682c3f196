package dev.streamcart.serving.readmodels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.streamcart.serving.health.ComponentHealth;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;

/**
 * The hot keys of a {@link ReadModel}, kept current by the view's own change feed: a bounded cache
 * (so it never grows with the catalogue) in front of the Streams app's interactive queries. A key
 * is loaded on its first read, then replaced by each change the feed reports for it, so a cached
 * value is as fresh as the pipeline. A key is only cached while the feed is live, since a change
 * missed before that would otherwise leave it stale; the time-to-live is a safety net for a feed
 * that stalls, not the means of freshness. The cache is never the only copy: a miss asks the app. A
 * value the app read from a standby copy ({@link PossiblyStaleReads}) is passed on but not kept: a
 * change the feed delivered before it would never replace it.
 */
public final class CachedReadModel<V extends SpecificRecord> implements ReadModel<V> {

    private final ReadModel<V> source;
    private final BooleanSupplier feedIsLive;
    private final ToLongFunction<V> version;
    private final Cache<String, V> cache;

    /**
     * @param feedIsLive whether the change feed that calls {@link #changed} follows every change now
     *                   ({@link TopicChangeFeed#isLive()})
     * @param version    orders the values of one key (a change is applied only when it is not older
     *                   than the cached value, as a load may race with the feed)
     */
    public CachedReadModel(ReadModel<V> source, BooleanSupplier feedIsLive, ToLongFunction<V> version,
                           long maximumSize, Duration timeToLive) {
        this.source = Objects.requireNonNull(source, "source");
        this.feedIsLive = Objects.requireNonNull(feedIsLive, "feedIsLive");
        this.version = Objects.requireNonNull(version, "version");
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(timeToLive).build();
    }

    /** Whether the feed should decode a change of {@code key}: only cached keys need it. */
    public boolean isCached(String key) {
        return cache.getIfPresent(key) != null;
    }

    /** Applies one change from the feed: the new value, or null when the key was removed. */
    public void changed(String key, @Nullable V value) {
        cache.asMap().computeIfPresent(key, (k, cached) -> {
            if (value == null) {
                return null;
            }
            return version.applyAsLong(value) >= version.applyAsLong(cached) ? value : cached;
        });
    }

    @Override
    public @Nullable V get(String key) {
        if (!feedIsLive.getAsBoolean()) {
            return source.get(key);
        }
        boolean[] loadedHere = {false};
        List<V> uncachedStale = new ArrayList<>(1);
        V value = cache.get(key, missing -> {
            loadedHere[0] = true;
            int staleBefore = PossiblyStaleReads.count();
            V loaded = source.get(missing);
            if (loaded != null && PossiblyStaleReads.count() != staleBefore) {
                uncachedStale.add(loaded);
                return null;
            }
            return loaded;
        });
        if (value != null) {
            return value;
        }
        if (!uncachedStale.isEmpty()) {
            return uncachedStale.get(0);
        }
        // Another thread's load of the key, which this get waited for, may have been a stale value
        // it did not keep: ask for ourselves rather than answer "none".
        return loadedHere[0] ? null : source.get(key);
    }

    @Override
    public boolean isEnabled() {
        return source.isEnabled();
    }

    @Override
    public ComponentHealth health() {
        return source.health();
    }

    /** How many keys are cached now (for tests and metrics). */
    public long cachedKeys() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
