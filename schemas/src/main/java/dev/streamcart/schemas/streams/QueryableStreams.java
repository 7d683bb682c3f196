package dev.streamcart.schemas.streams;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.streamcart.schemas.metrics.ServiceMetrics;
import dev.streamcart.schemas.streams.query.QueryEndpointSettings;
import dev.streamcart.schemas.streams.query.QueryRoute;
import dev.streamcart.schemas.streams.query.QueryServer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One instance of a Kafka Streams service that answers queries on its state: the topology, and the
 * HTTP endpoint that answers any key from its own stores or from the instance that owns the key, with
 * the service's {@code GET /metrics} on the same port. Any number of instances may run with the same
 * application id; each needs its own state folder. A service names the routes it serves.
 */
public abstract class QueryableStreams implements AutoCloseable {

    private final QueryServer queries;
    private final StreamsApplication streams;
    private final ServiceMetrics metrics;

    /**
     * Binds the query port and builds the topology, which learns the address the port advertises;
     * nothing runs until {@link #start()}. The port is released when the topology cannot be built.
     *
     * @param queryServerName names the query handler threads and log lines, e.g. {@code stock-queries}
     * @param serviceName the service the metrics are labelled with
     */
    protected QueryableStreams(QueryEndpointSettings endpoint, String queryServerName, String serviceName,
            Function<HostInfo, StreamsApplication> application) {
        Objects.requireNonNull(application, "application");
        QueryServer bound = QueryServer.bind(endpoint, queryServerName);
        try {
            this.streams = application.apply(bound.self());
            // Kafka Streams' own figures (process rates, lag, ...) and the JVM's, on the query port at /metrics
            this.metrics = ServiceMetrics.forService(serviceName);
            streams.bindMetrics(metrics.registry());
        } catch (RuntimeException e) {
            bound.close();
            throw e;
        }
        this.queries = bound;
    }

    /** The routes this service answers, read from {@code streams}' stores; called once, when queries start. */
    protected abstract List<QueryRoute> routes(KafkaStreams streams);

    /** Starts the query endpoint and the topology. */
    public final void start() {
        serveQueries();
        streams.start();
    }

    /** Starts only the query endpoint (503 until the topology runs), for a caller that starts the topology itself. */
    public final void serveQueries() {
        queries.start(streams.streams(), routes(streams.streams()), metrics);
    }

    /** Stops answering queries; {@link #close()} also does. */
    public final void stopQueries() {
        queries.close();
    }

    public final StreamsApplication streams() {
        return streams;
    }

    /** The registry behind this instance's {@code GET /metrics}. */
    public final ServiceMetrics metrics() {
        return metrics;
    }

    /** Where this instance answers its routes and {@code GET /metrics}. */
    public final HostInfo queryEndpoint() {
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
