package dev.streamcart.orders.query;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.streamcart.orders.userorders.UserOrders;
import dev.streamcart.orders.userorders.UserOrdersTopology;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.streams.query.KeyedAnswer;
import dev.streamcart.schemas.streams.query.LocalStores;
import dev.streamcart.schemas.streams.query.OwnedKey;
import dev.streamcart.schemas.streams.query.QueryReply;
import dev.streamcart.schemas.streams.query.QueryRequest;
import dev.streamcart.schemas.streams.query.QueryRoute;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code GET /users/{userId}/orders[?limit=N]}: the user's newest {@code limit} (1..500, default
 * 50) orders, newest placing first, as an array of {@code OrderView}; an empty array for a user
 * without orders. Answered by the owner of the user's partition of {@code user-orders-store}.
 */
public final class UserOrdersRoute implements KeyedAnswer {

    public static final String TEMPLATE = "/users/{userId}/orders";
    public static final String LIMIT = "limit";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final KafkaStreams streams;

    private UserOrdersRoute(KafkaStreams streams) {
        this.streams = streams;
    }

    public static QueryRoute of(KafkaStreams streams) {
        return new QueryRoute(TEMPLATE, UserOrdersTopology.STORE, new UserOrdersRoute(streams));
    }

    @Override
    public void check(QueryRequest request) {
        limit(request);
    }

    @Override
    public CompletionStage<QueryReply> answer(OwnedKey key, QueryRequest request) {
        ReadOnlyKeyValueStore<String, OrderView> store = LocalStores.keyValue(streams, UserOrdersTopology.STORE, key);
        List<OrderView> orders = UserOrders.newestFirst(store, key.id(), limit(request));
        return CompletableFuture.completedFuture(QueryReply.okList(request, orders, OrderView.class, key.servedBy()));
    }

    private static int limit(QueryRequest request) {
        return request.intParameter(LIMIT, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }
}
