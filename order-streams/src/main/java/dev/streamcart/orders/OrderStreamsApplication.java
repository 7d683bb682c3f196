package dev.streamcart.orders;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import dev.streamcart.orders.query.FraudSignalsRoute;
import dev.streamcart.orders.query.OrderRoute;
import dev.streamcart.orders.query.UserOrdersRoute;
import dev.streamcart.orders.query.ViewWaiters;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.QueryableStreams;
import dev.streamcart.schemas.streams.StreamsApplication;
import dev.streamcart.schemas.streams.query.QueryRoute;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One order-streams instance: the Kafka Streams topology and the HTTP endpoint that answers
 * {@code GET /orders/{orderId}}, {@code GET /users/{userId}/orders} and
 * {@code GET /fraud-signals/{userId}} for any key, from its own stores or from the instance that
 * owns the key. Any number of instances may run with the same application id; each needs its own
 * state folder.
 */
public final class OrderStreamsApplication extends QueryableStreams {

    private final ViewWaiters viewWaiters;

    private OrderStreamsApplication(OrderStreamsConfig config, OrderSerdes serdes, ViewWaiters viewWaiters) {
        super(config.query(), "order-queries", "order-streams", self -> new StreamsApplication(
                OrderStreamsTopology.build(serdes, config.deadlines(), viewWaiters),
                config.streamsProperties(self)));
        this.viewWaiters = viewWaiters;
    }

    /** Binds the query port and builds the topology; nothing runs until {@link #start()}. */
    public static OrderStreamsApplication create(OrderStreamsConfig config, SchemaRegistryClient registry) {
        Objects.requireNonNull(config, "config");
        OrderSerdes serdes = OrderSerdes.registry(Objects.requireNonNull(registry, "registry"));
        return new OrderStreamsApplication(config, serdes, new ViewWaiters(ViewWaiters.DEFAULT_MAX_WAITERS));
    }

    @Override
    protected List<QueryRoute> routes(KafkaStreams streams) {
        return List.of(
                OrderRoute.of(streams, viewWaiters),
                UserOrdersRoute.of(streams),
                FraudSignalsRoute.of(streams, Clock.systemUTC()));
    }

    /** Reads of {@code GET /orders/{orderId}?wait-ms=} waiting on this instance for their order to arrive. */
    public int waitingOrderReads() {
        return viewWaiters.waiting();
    }
}
