package dev.streamcart.orders.query;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.streamcart.orders.tracking.OrderTrackingTopology;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.streams.query.KeyedAnswer;
import dev.streamcart.schemas.streams.query.LocalStores;
import dev.streamcart.schemas.streams.query.OwnedKey;
import dev.streamcart.schemas.streams.query.QueryReply;
import dev.streamcart.schemas.streams.query.QueryRequest;
import dev.streamcart.schemas.streams.query.QueryRoute;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /orders/{orderId}[?wait-ms=N]}: the order's view from the owner's
 * {@code order-views-store}; 404 when unknown. With {@code wait-ms} (0..5000) the owner waits up
 * to that long for a view not stored yet, woken by the view processor when it stores it (a client
 * reading its own checkout), and answers 404 only when it never came; 503 when too many reads are
 * already waiting. Read from a standby copy (the owner unreachable), it does not wait.
 */
public final class OrderRoute implements KeyedAnswer {

    public static final String TEMPLATE = "/orders/{orderId}";
    public static final String WAIT_MS = "wait-ms";
    public static final int MAX_WAIT_MS = 5_000;

    private final KafkaStreams streams;
    private final ViewWaiters waiters;

    private OrderRoute(KafkaStreams streams, ViewWaiters waiters) {
        this.streams = streams;
        this.waiters = waiters;
    }

    public static QueryRoute of(KafkaStreams streams, ViewWaiters waiters) {
        return new QueryRoute(TEMPLATE, OrderTrackingTopology.VIEW_STORE, new OrderRoute(streams, waiters));
    }

    @Override
    public void check(QueryRequest request) {
        waitMs(request);
    }

    @Override
    public Duration ownerTimeout(QueryRequest request) {
        return DEFAULT_OWNER_TIMEOUT.plusMillis(waitMs(request));
    }

    @Override
    public CompletionStage<QueryReply> answer(OwnedKey key, QueryRequest request) {
        ReadOnlyKeyValueStore<String, OrderView> views = LocalStores.keyValue(streams, OrderTrackingTopology.VIEW_STORE, key);
        OrderView view = views.get(key.key());
        int waitMs = waitMs(request);
        // A standby copy answers only while the owner is unreachable: waiting there would hold the
        // client for an order the owner may already have.
        if (view != null || waitMs == 0 || key.standby()) {
            return CompletableFuture.completedFuture(reply(view, key, request));
        }
        CompletableFuture<@Nullable OrderView> arrival = waiters.await(key.key(), Duration.ofMillis(waitMs));
        if (arrival == null) {
            return CompletableFuture.completedFuture(QueryReply.unavailable(
                    "too many reads are waiting for orders to arrive; try again"));
        }
        try {
            // It may have been stored between the first read and the registration.
            OrderView storedMeanwhile = views.get(key.key());
            if (storedMeanwhile != null) {
                arrival.complete(storedMeanwhile);
            }
        } catch (RuntimeException e) {
            arrival.cancel(false);
            throw e;
        }
        // Async: the stream thread that completes the arrival only hands the view over.
        return arrival.thenApplyAsync(arrived -> reply(arrived, key, request));
    }

    private static QueryReply reply(@Nullable OrderView view, OwnedKey key, QueryRequest request) {
        return view == null
                ? QueryReply.notFound("no order " + key.id(), key.servedBy())
                : QueryReply.ok(request, view, key.servedBy());
    }

    private static int waitMs(QueryRequest request) {
        return request.intParameter(WAIT_MS, 0, 0, MAX_WAIT_MS);
    }
}
