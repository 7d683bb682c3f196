package dev.streamcart.orders.query;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.streamcart.orders.fraud.CurrentFraudSignals;
import dev.streamcart.orders.fraud.FraudTopology;
import dev.streamcart.orders.fraud.UserActivity;
import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.streams.query.KeyedAnswer;
import dev.streamcart.schemas.streams.query.LocalStores;
import dev.streamcart.schemas.streams.query.OwnedKey;
import dev.streamcart.schemas.streams.query.QueryReply;
import dev.streamcart.schemas.streams.query.QueryRequest;
import dev.streamcart.schemas.streams.query.QueryRoute;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code GET /fraud-signals/{userId}}: the user's {@code FraudSignals} over the 24 h ending now,
 * computed from the owner's {@code fraud-activity-store} when asked; 404 when the user has no
 * activity in that window (the payment risk check then sees a clean user).
 */
public final class FraudSignalsRoute implements KeyedAnswer {

    public static final String TEMPLATE = "/fraud-signals/{userId}";

    private final KafkaStreams streams;
    private final Clock clock;

    private FraudSignalsRoute(KafkaStreams streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    public static QueryRoute of(KafkaStreams streams, Clock clock) {
        return new QueryRoute(TEMPLATE, FraudTopology.ACTIVITY_STORE, new FraudSignalsRoute(streams, clock));
    }

    @Override
    public CompletionStage<QueryReply> answer(OwnedKey key, QueryRequest request) {
        ReadOnlyKeyValueStore<String, UserActivity> activities = LocalStores.keyValue(streams, FraudTopology.ACTIVITY_STORE, key);
        FraudSignals signals = CurrentFraudSignals.of(activities, key.id(), clock.instant());
        return CompletableFuture.completedFuture(signals == null
                ? QueryReply.notFound("no activity of user " + key.id() + " in the last 24 h", key.servedBy())
                : QueryReply.ok(request, signals, key.servedBy()));
    }
}
