package dev.streamcart.serving.replica;

import org.jspecify.annotations.Nullable;

/** A keyed, in-memory view of a read-model topic. */
public interface ReadModel<V> {

    /** The latest value of {@code key}, or null when the view has none (yet). */
    @Nullable V get(String key);

    /** Whether the view has read, at least once, everything the topic held when the view started. */
    boolean isCaughtUp();

    /** Whether the view is backed by a topic at all (false when the API runs without Kafka). */
    boolean isEnabled();

    /** How many keys the view holds. */
    int size();

    static <V> ReadModel<V> disabled() {
        return new ReadModel<>() {
            @Override
            public @Nullable V get(String key) {
                return null;
            }

            @Override
            public boolean isCaughtUp() {
                return false;
            }

            @Override
            public boolean isEnabled() {
                return false;
            }

            @Override
            public int size() {
                return 0;
            }
        };
    }
}
