package dev.streamcart.schemas.streams;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams topology: start, wait until it first reaches RUNNING, close. A failure
 * that stops every stream thread completes {@link #failure()}, so the process can exit non-zero
 * and be restarted from its committed state instead of idling.
 */
public final class StreamsApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApplication.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final CompletableFuture<Void> running = new CompletableFuture<>();
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable KafkaStreamsMetrics metrics;

    public StreamsApplication(Topology topology, Properties properties) {
        this.streams = new KafkaStreams(Objects.requireNonNull(topology, "topology"), properties);
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING) {
                running.complete(null);
            } else if (newState == KafkaStreams.State.ERROR) {
                failure.complete(new IllegalStateException("Kafka Streams entered ERROR state"));
            }
        });
        // With exactly-once a poison record would loop forever under REPLACE_THREAD: stop and surface it.
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("stream thread failed; shutting the application down", exception);
            failure.complete(exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /**
     * Publishes Kafka Streams' own metrics to {@code registry} as {@code kafka_stream_*} (process and
     * commit rates and latencies per thread and task, records lagging per partition, state store
     * figures) and those of its clients ({@code kafka_consumer_*}, {@code kafka_producer_*}).
     */
    public void bindMetrics(MeterRegistry registry) {
        KafkaStreamsMetrics bound = new KafkaStreamsMetrics(streams);
        bound.bindTo(Objects.requireNonNull(registry, "registry"));
        metrics = bound;
    }

    public void start() {
        streams.start();
    }

    /** Completes the first time every stream thread is RUNNING (assigned and restored). */
    public CompletableFuture<Void> running() {
        return running;
    }

    /** Completes when the application stopped on an error. */
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Closes and leaves the consumer group, so a restarted instance gets its partitions at once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            KafkaStreamsMetrics bound = metrics;
            if (bound != null) {
                bound.close();
            }
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        }
    }
}
