package dev.streamcart.inventory;

import java.util.List;
import java.util.Objects;

import dev.streamcart.inventory.query.StockRoute;
import dev.streamcart.inventory.stock.StockTopology;
import dev.streamcart.schemas.metrics.ServiceMetrics;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.StreamsApplication;
import dev.streamcart.schemas.streams.query.QueryServer;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One inventory-streams instance: the Kafka Streams topology and the HTTP endpoint that answers
 * stock queries for any product, from its own store or from the instance that owns the product.
 * Any number of instances may run with the same application id; each needs its own state folder.
 */
public final class InventoryApplication implements AutoCloseable {

    private final QueryServer queries;
    private final StreamsApplication streams;
    private final ServiceMetrics metrics;

    private InventoryApplication(QueryServer queries, StreamsApplication streams, ServiceMetrics metrics) {
        this.queries = queries;
        this.streams = streams;
        this.metrics = metrics;
    }

    /** Binds the query port and builds the topology; nothing runs until {@link #start()}. */
    public static InventoryApplication create(InventoryStreamsConfig config, SchemaRegistryClient registry) {
        Objects.requireNonNull(config, "config");
        QueryServer queries = QueryServer.bind(config.query(), "stock-queries");
        try {
            StreamsApplication streams = new StreamsApplication(
                    StockTopology.build(registry, config.reorderSuggestion(), config.velocityRefreshInterval()),
                    config.streamsProperties(queries.self()));
            // Kafka Streams' own figures (process rates, lag, ...) and the JVM's, on the query port at /metrics
            ServiceMetrics metrics = ServiceMetrics.forService("inventory-streams");
            streams.bindMetrics(metrics.registry());
            return new InventoryApplication(queries, streams, metrics);
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
        queries.start(streams.streams(), List.of(StockRoute.of(streams.streams())), metrics);
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

    /** Where this instance answers {@code GET /stock/{productId}} and {@code GET /metrics}. */
    public HostInfo queryEndpoint() {
        return queries.self();
    }

    /** Stops answering first, then leaves the group. */
    @Override
    public void close() {
        queries.close();
        streams.close();
        metrics.close();
    }
}
