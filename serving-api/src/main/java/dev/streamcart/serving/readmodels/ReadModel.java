package dev.streamcart.serving.readmodels;

import java.time.Duration;

import dev.streamcart.serving.health.ComponentHealth;
import org.jspecify.annotations.Nullable;

/**
 * A keyed view computed by a Kafka Streams app (stock levels, order views, fraud signals), read
 * where it lives. Nothing here holds the whole view: memory does not grow with the data.
 */
public interface ReadModel<V> {

    /**
     * The current value of {@code key}, or null when the view has none (yet).
     *
     * @throws ReadModelUnavailableException when the view cannot be asked right now (retriable)
     */
    @Nullable V get(String key);

    /**
     * As {@link #get}, but a view that does not have the key yet may take up to {@code wait} for it
     * to arrive (read-your-own-write). Views that cannot wait answer at once.
     */
    default @Nullable V await(String key, Duration wait) {
        return get(key);
    }

    /** Whether the view exists at all (false when the API runs without Kafka). */
    boolean isEnabled();

    /** Whether the view answers now, for {@code /health}. */
    ComponentHealth health();

    static <V> ReadModel<V> disabled() {
        return new ReadModel<>() {
            @Override
            public @Nullable V get(String key) {
                return null;
            }

            @Override
            public boolean isEnabled() {
                return false;
            }

            @Override
            public ComponentHealth health() {
                return ComponentHealth.disabled("no Kafka configured");
            }
        };
    }
}
