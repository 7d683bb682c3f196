package dev.streamcart.orders;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import dev.streamcart.orders.query.FraudSignalsRoute;
import dev.streamcart.orders.query.OrderRoute;
import dev.streamcart.orders.query.UserOrdersRoute;
import dev.streamcart.orders.query.ViewWaiters;
import dev.streamcart.schemas.metrics.ServiceMetrics;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.StreamsApplication;
import dev.streamcart.schemas.streams.query.QueryServer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One order-streams instance: the Kafka Streams topology and the HTTP endpoint that answers
 * {@code GET /orders/{orderId}}, {@code GET /users/{userId}/orders} and
 * {@code GET /fraud-signals/{userId}} for any key, from its own stores or from the instance that
 * owns the key. Any number of instances may run with the same application id; each needs its own
 * state folder.
 */
public final class OrderStreamsApplication implements AutoCloseable {

    private final QueryServer queries;
    private final StreamsApplication streams;
    private final ViewWaiters viewWaiters;
    private final ServiceMetrics metrics;

    private OrderStreamsApplication(QueryServer queries, StreamsApplication streams, ViewWaiters viewWaiters,
                                    ServiceMetrics metrics) {
        this.queries = queries;
        this.streams = streams;
        this.viewWaiters = viewWaiters;
        this.metrics = metrics;
    }

    /** Binds the query port and builds the topology; nothing runs until {@link #start()}. */
    public static OrderStreamsApplication create(OrderStreamsConfig config, SchemaRegistryClient registry) {
        Objects.requireNonNull(config, "config");
        OrderSerdes serdes = OrderSerdes.registry(Objects.requireNonNull(registry, "registry"));
        QueryServer queries = QueryServer.bind(config.query(), "order-queries");
        try {
            ViewWaiters viewWaiters = new ViewWaiters(ViewWaiters.DEFAULT_MAX_WAITERS);
            StreamsApplication streams = new StreamsApplication(
                    OrderStreamsTopology.build(serdes, config.deadlines(), viewWaiters),
                    config.streamsProperties(queries.self()));
            // Kafka Streams' own figures (process rates, lag, ...) and the JVM's, on the query port at /metrics
            ServiceMetrics metrics = ServiceMetrics.forService("order-streams");
            streams.bindMetrics(metrics.registry());
            return new OrderStreamsApplication(queries, streams, viewWaiters, metrics);
        } catch (RuntimeException e) {
            queries.close();
            throw e;
        }
    }

    /** Starts the query endpoint and the topology. */
    public void start() {
        serveQueries();
        streams.start();
    }

    /** Starts only the query endpoint (503 until the topology runs), for a caller that starts the topology itself. */
    public void serveQueries() {
        KafkaStreams kafkaStreams = streams.streams();
        queries.start(kafkaStreams, List.of(
                OrderRoute.of(kafkaStreams, viewWaiters),
                UserOrdersRoute.of(kafkaStreams),
                FraudSignalsRoute.of(kafkaStreams, Clock.systemUTC())), metrics);
    }

    /** Stops answering queries; {@link #close()} also does. */
    public void stopQueries() {
        queries.close();
    }

    public StreamsApplication streams() {
        return streams;
    }

    /** The registry behind this instance's {@code GET /metrics}. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** Where this instance answers its queries and {@code GET /metrics}. */
    public HostInfo queryEndpoint() {
        return queries.self();
    }

    /** Reads of {@code GET /orders/{orderId}?wait-ms=} waiting on this instance for their order to arrive. */
    public int waitingOrderReads() {
        return viewWaiters.waiting();
    }

    /** Stops answering first, then leaves the group. */
    @Override
    public void close() {
        queries.close();
        streams.close();
        metrics.close();
    }
}
