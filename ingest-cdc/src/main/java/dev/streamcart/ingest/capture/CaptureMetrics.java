package dev.streamcart.ingest.capture;

import java.time.Duration;
import java.util.Objects;

import dev.streamcart.ingest.outbox.OutboxRouter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the capture exposes on {@code /metrics}:
 * <ul>
 *   <li>{@code streamcart_cdc_changes_captured_total{table}}: row changes received from the WAL
 *       (snapshot reads included; {@code cdc_heartbeat} too, which publishes nothing);</li>
 *   <li>{@code streamcart_cdc_events_published_total{topic}}: events Kafka acknowledged, counted
 *       once their batch is acknowledged (a re-delivered batch counts again);</li>
 *   <li>{@code streamcart_cdc_dead_letters_total{reason}}: outbox rows sent to
 *       {@code outbox-dead-letters} since start ({@code unknown_aggregate_type},
 *       {@code contract_violation});</li>
 *   <li>{@code streamcart_cdc_lag_seconds}: per batch, from the commit of its newest change in
 *       PostgreSQL to Kafka's acknowledgement of its events (histogram).</li>
 * </ul>
 */
public final class CaptureMetrics {

    private static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Timer lag;

    public CaptureMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.lag = Timer.builder("streamcart.cdc.lag")
                .description("commit in PostgreSQL to acknowledgement by Kafka, per batch (its newest change)")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
    }

    /** Counts the rows {@code router} sent to the dead-letter topic, read at each scrape. */
    public void countDeadLetters(OutboxRouter router) {
        Objects.requireNonNull(router, "router");
        FunctionCounter.builder("streamcart.cdc.dead.letters", router, OutboxRouter::unroutedRows)
                .description("outbox rows sent to outbox-dead-letters since start")
                .tag("reason", "unknown_aggregate_type")
                .register(registry);
        FunctionCounter.builder("streamcart.cdc.dead.letters", router, OutboxRouter::malformedRows)
                .description("outbox rows sent to outbox-dead-letters since start")
                .tag("reason", "contract_violation")
                .register(registry);
    }

    void captured(String table) {
        Counter.builder("streamcart.cdc.changes.captured")
                .description("row changes received from the WAL")
                .tag("table", table)
                .register(registry)
                .increment();
    }

    void published(String topic) {
        Counter.builder("streamcart.cdc.events.published")
                .description("events acknowledged by Kafka")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }

    void lag(Duration commitToAcknowledgement) {
        lag.record(commitToAcknowledgement.isNegative() ? Duration.ZERO : commitToAcknowledgement);
    }
}
