package dev.streamcart.orders.fraud;

import java.time.Instant;
import java.util.Objects;

import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * A user's fraud signals as of the moment they are asked for: the activity in
 * {@link FraudTopology#ACTIVITY_STORE} within the window ending {@code now}, counted exactly as
 * {@link FraudSignalsProcessor} counts it. Asking at query time needs no punctuator to have run:
 * activity that left the window since the user's last event no longer counts.
 */
public final class CurrentFraudSignals {

    private CurrentFraudSignals() {}

    /** The signals of {@code userId}, or null when the user has no activity within the window ending {@code now}. */
    public static @Nullable FraudSignals of(ReadOnlyKeyValueStore<String, UserActivity> activities, long userId, Instant now) {
        Objects.requireNonNull(activities, "activities");
        Objects.requireNonNull(now, "now");
        UserActivity stored = activities.get(Topics.key(userId));
        if (stored == null) {
            return null;
        }
        UserActivity recent = stored.since(now.toEpochMilli() - FraudTopology.WINDOW.toMillis());
        return recent.isEmpty() ? null : recent.signals(userId, now);
    }
}
