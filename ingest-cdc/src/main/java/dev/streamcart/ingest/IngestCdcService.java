package dev.streamcart.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.streamcart.ingest.capture.CaptureMetrics;
import dev.streamcart.ingest.capture.CaptureStats;
import dev.streamcart.ingest.capture.ChangeBatchHandler;
import dev.streamcart.ingest.capture.ChangeRouter;
import dev.streamcart.ingest.capture.OffsetStoreGuard;
import dev.streamcart.ingest.capture.SlotLagGauge;
import dev.streamcart.ingest.capture.StreamingReadiness;
import dev.streamcart.ingest.capture.ThroughputReporter;
import dev.streamcart.ingest.catalog.ProductChangeMapper;
import dev.streamcart.ingest.inventory.InventoryChangeMapper;
import dev.streamcart.ingest.leadership.CaptureLeadership;
import dev.streamcart.ingest.outbox.OutboxRouter;
import dev.streamcart.ingest.publish.EventPublisher;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.TopicProvisioner;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture pipeline: Debezium's embedded PostgreSQL connector reads the WAL through the
 * {@code streamcart_cdc} slot and publication, and every change of {@code outbox},
 * {@code products} and {@code inventory} is published as a typed Avro event. Start, then wait
 * for {@link #streaming()}; {@link #failure()} completes if the engine stops on its own.
 */
public final class IngestCdcService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestCdcService.class);
    private static final int TOPIC_ATTEMPTS = 3;

    private final IngestCdcConfig config;
    private final CaptureStats stats = new CaptureStats(Clock.systemUTC());
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final StreamingReadiness readiness = new StreamingReadiness(IngestCdcConfig.TOPIC_PREFIX);
    private final SchemaRegistryClient registry;
    private final OutboxRouter outbox;
    private final ThroughputReporter reporter;
    private final ExecutorService engineThread = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "cdc-engine"));
    private @Nullable EventPublisher publisher;
    private final CompletableFuture<Void> standingBy = new CompletableFuture<>();
    private @Nullable DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private @Nullable CaptureLeadership leadership;
    private final CaptureMetrics metrics;

    /** {@code metrics}: where the capture's figures go (see {@link CaptureMetrics} and {@link SlotLagGauge}). */
    public IngestCdcService(IngestCdcConfig config, MeterRegistry metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = new SchemaRegistryClient(config.schemaRegistryUrl());
        this.outbox = new OutboxRouter(registry::schemaById);
        this.reporter = new ThroughputReporter(stats, outbox::deadLetteredRows);
        this.metrics = new CaptureMetrics(metrics);
        this.metrics.countDeadLetters(outbox);
        SlotLagGauge.register(metrics, config.jdbcUrl(), config.user(), config.password(), IngestCdcConfig.SLOT_NAME);
    }

    /**
     * Waits for the capture lock (while another instance holds it, {@link #standingBy()} completes),
     * then prepares topics, offsets and slot, and starts the engine on its own thread.
     */
    public void start() {
        CaptureLeadership held = CaptureLeadership.acquire(config.jdbcUrl(), config.user(), config.password(),
                IngestCdcConfig.SLOT_NAME, () -> standingBy.complete(null), closing::get);
        startCapturing(held);
    }

    private synchronized void startCapturing(CaptureLeadership held) {
        if (closing.get()) {
            held.close();
            return;
        }
        leadership = held;
        held.watch(failure::complete);
        ensureTopics();
        reconcileOffsetsWithSlot();
        publisher = new EventPublisher(config.bootstrapServers(), registry, IngestCdcConfig.SERVICE_NAME);
        ChangeBatchHandler handler = new ChangeBatchHandler(changeRouter(outbox), publisher, stats, metrics,
                Clock.systemUTC());
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(config.debeziumProperties())
                .using(readiness)
                .using(this::engineStopped)
                .notifying(handler)
                .build();
        engineThread.execute(engine);
        reporter.start();
    }

    /** The routing of captured tables to events: one mapper per table, one per outbox aggregate type. */
    static ChangeRouter changeRouter(OutboxRouter outbox) {
        return new ChangeRouter(Map.of(
                "outbox", outbox,
                "products", new ProductChangeMapper(),
                "inventory", new InventoryChangeMapper()));
    }

    /** Published events and capture lag, for status reports. */
    public CaptureStats stats() {
        return stats;
    }

    /**
     * Outbox rows sent to {@code outbox-dead-letters} since start (unknown aggregate type or broken
     * contract); anything above zero needs an operator.
     */
    public long deadLetteredOutboxRows() {
        return outbox.deadLetteredRows();
    }

    /** Completes once the connector streams from the slot (after any initial snapshot). */
    public CompletableFuture<Void> streaming() {
        return readiness.streaming();
    }

    /** Completes when another instance captures and this one waits to take over. */
    public CompletableFuture<Void> standingBy() {
        return standingBy;
    }

    /** Completes when the engine stopped without being asked to, or the capture lock was lost. */
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    private void engineStopped(boolean success, String message, @Nullable Throwable error) {
        if (closing.get()) {
            return;
        }
        LOG.error("CDC engine stopped: {}", message, error);
        failure.complete(error != null ? error : new IllegalStateException("CDC engine stopped: " + message));
    }

    private void ensureTopics() {
        for (int attempt = 1; ; attempt++) {
            try {
                TopicProvisioner.ensureTopics(config.bootstrapServers(), config.topicReplicationFactor());
                return;
            } catch (IllegalStateException e) {
                // Services start in parallel and may race to create a topic: the next attempt sees it.
                if (attempt >= TOPIC_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void reconcileOffsetsWithSlot() {
        OffsetStoreGuard guard = new OffsetStoreGuard(config.offsetsFile(), config.offsetsSourceFile(),
                IngestCdcConfig.SLOT_NAME);
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password())) {
            Files.createDirectories(config.workDirectory());
            guard.reconcile(connection);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot check CDC offsets against the replication slot: " + e.getMessage(), e);
        }
    }

    /** Stops the engine (which flushes the offsets of committed batches), then the producer. */
    @Override
    public synchronized void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        reporter.close();
        readiness.close();
        try {
            if (engine != null) {
                engine.close();
            }
            engineThread.shutdown();
            if (!engineThread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("CDC engine did not stop within 30 s");
            }
        } catch (IOException e) {
            LOG.warn("error while stopping the CDC engine", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (publisher != null) {
                publisher.close();
            }
            if (leadership != null) {
                leadership.close();
            }
        }
    }
}
