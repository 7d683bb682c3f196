package dev.streamcart.ingest.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.streamcart.ingest.publish.EventPublisher;
import dev.streamcart.ingest.publish.OutgoingEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Publishes one batch of captured changes and only then lets Debezium commit it. A crash before
 * the commit re-delivers the batch (at-least-once); consumers drop the duplicates by event id or
 * WAL position. A failed send fails the engine rather than skipping the change.
 */
public final class ChangeBatchHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final ChangeRouter router;
    private final EventPublisher publisher;
    private final CaptureStats stats;
    private final CaptureMetrics metrics;
    private final Clock clock;

    public ChangeBatchHandler(ChangeRouter router, EventPublisher publisher, CaptureStats stats, CaptureMetrics metrics,
                              Clock clock) {
        this.router = Objects.requireNonNull(router, "router");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(records.size());
        List<String> topics = new ArrayList<>(records.size());
        Instant newestCommit = null;
        for (RecordChangeEvent<SourceRecord> record : records) {
            Optional<RowChange> change = RowChange.from(record.record());
            if (change.isEmpty()) {
                continue;
            }
            metrics.captured(change.get().table());
            for (OutgoingEvent<?> event : router.route(change.get())) {
                acknowledgements.add(publisher.send(event));
                topics.add(event.topic().name());
            }
            newestCommit = change.get().committedAt();
        }
        awaitAll(acknowledgements);
        topics.forEach(metrics::published);
        for (RecordChangeEvent<SourceRecord> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
        if (newestCommit != null) {
            stats.batchPublished(acknowledgements.size(), newestCommit);
            metrics.lag(Duration.between(newestCommit, clock.instant()));
        }
    }

    private static void awaitAll(List<Future<RecordMetadata>> acknowledgements) throws InterruptedException {
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            try {
                acknowledgement.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not acknowledge a captured change; the batch will be"
                        + " re-delivered after a restart", e.getCause());
            }
        }
    }

    @Override
    public boolean supportsTombstoneEvents() {
        return false;
    }
}
