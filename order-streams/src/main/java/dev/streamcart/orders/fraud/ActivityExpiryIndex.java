package dev.streamcart.orders.fraud;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Which users' activity leaves the window when: one key per user with activity,
 * {@code <20-digit epoch ms when the oldest entry leaves>/<user key>}, so the punctuator reads only
 * the users that are due (a range scan up to now) instead of every active user each time. At five
 * million orders a day that is millions of users in the window and a few per second that are due.
 */
final class ActivityExpiryIndex {

    private static final String SEPARATOR = "/";
    private static final String EMPTY = "";

    private final KeyValueStore<String, String> store;
    private final long windowMillis;

    ActivityExpiryIndex(KeyValueStore<String, String> store, long windowMillis) {
        this.store = Objects.requireNonNull(store, "store");
        this.windowMillis = windowMillis;
    }

    /** Moves the user's index key from where {@code before} was due to where {@code after} is. */
    void update(String userKey, @Nullable UserActivity before, @Nullable UserActivity after) {
        String from = keyOf(userKey, before);
        String to = keyOf(userKey, after);
        if (Objects.equals(from, to)) {
            return;
        }
        if (from != null) {
            store.delete(from);
        }
        if (to != null) {
            store.put(to, EMPTY);
        }
    }

    /** A user due for expiry, with the index key that filed them. */
    record Due(String indexKey, String userKey) {}

    /** The users whose oldest entry left the window before {@code now}. */
    List<Due> dueUsers(long now) {
        List<Due> due = new ArrayList<>();
        try (KeyValueIterator<String, String> range = store.range(pad(0), pad(now))) {
            while (range.hasNext()) {
                String key = range.next().key;
                due.add(new Due(key, key.substring(key.indexOf(SEPARATOR) + 1)));
            }
        }
        return due;
    }

    /** Drops an index key whose user has no activity any more (a crash between the two stores' writes). */
    void forget(Due due) {
        store.delete(due.indexKey());
    }

    boolean isEmpty() {
        try (KeyValueIterator<String, String> all = store.all()) {
            return !all.hasNext();
        }
    }

    /**
     * Indexes every activity of {@code activities}: once, for state written before this index
     * existed (an upgrade); afterwards the index is restored from its own changelog.
     */
    void rebuildFrom(KeyValueStore<String, UserActivity> activities) {
        List<KeyValue<String, UserActivity>> all = new ArrayList<>();
        try (KeyValueIterator<String, UserActivity> iterator = activities.all()) {
            iterator.forEachRemaining(all::add);
        }
        all.forEach(entry -> update(entry.key, null, entry.value));
    }

    private @Nullable String keyOf(String userKey, @Nullable UserActivity activity) {
        if (activity == null || activity.isEmpty()) {
            return null;
        }
        return pad(activity.entries().get(0).at() + windowMillis) + SEPARATOR + userKey;
    }

    /** Fixed width, so the string order of keys is the order of times (epoch ms are never negative here). */
    private static String pad(long millis) {
        return String.format("%020d", Math.max(0, millis));
    }
}
