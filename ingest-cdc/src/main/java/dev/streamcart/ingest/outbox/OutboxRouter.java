package dev.streamcart.ingest.outbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.capture.RowChangeMapper;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.outbox.DeadLetterReason;
import dev.streamcart.schemas.outbox.OutboxDeadLetter;
import dev.streamcart.schemas.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox: each inserted row is routed by its aggregate type to that
 * aggregate's mapper and topic. Rows are immutable events, so updates and deletes of the table
 * are housekeeping and publish nothing. A snapshot read publishes the row again (consumers
 * deduplicate by event id), which rebuilds the topics after offsets were lost.
 *
 * <p>A row of an unknown aggregate type, or one that breaks its contract, goes whole to
 * {@code outbox-dead-letters} with the reason and its WAL position, and is counted. It does not
 * stop the pipeline for every other event, and it is not lost: the outbox table itself forgets
 * rows after a few minutes, so the dead-letter topic is where such a row can still be found,
 * fixed and replayed. It is published in the same batch as the events around it, so the slot
 * only moves past it once Kafka holds it.
 */
public final class OutboxRouter implements RowChangeMapper {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRouter.class);

    private final Map<String, OutboxEventMapper> mappersByAggregateType;
    private final AtomicLong unroutedRows = new AtomicLong();
    private final AtomicLong malformedRows = new AtomicLong();

    public OutboxRouter(Map<String, OutboxEventMapper> mappersByAggregateType) {
        this.mappersByAggregateType = Map.copyOf(Objects.requireNonNull(mappersByAggregateType, "mappersByAggregateType"));
    }

    @Override
    public List<OutgoingEvent<?>> map(RowChange change) {
        if (change.operation() != RowChange.Operation.INSERT && change.operation() != RowChange.Operation.SNAPSHOT_READ) {
            return List.of();
        }
        OutboxRow row = OutboxRow.from(change);
        OutboxEventMapper mapper = mappersByAggregateType.get(row.aggregateType());
        if (mapper == null) {
            long count = unroutedRows.incrementAndGet();
            LOG.warn("outbox row {} has unknown aggregate type '{}' (event {}); sent to {} ({} so far)",
                    row.id(), row.aggregateType(), row.eventType(), Topics.OUTBOX_DEAD_LETTERS.name(), count);
            return List.of(deadLetter(row, change, DeadLetterReason.UNKNOWN_AGGREGATE_TYPE,
                    "no mapper for aggregate type '" + row.aggregateType() + "'"));
        }
        try {
            return List.of(mapper.map(row));
        } catch (RuntimeException e) {
            // Not only IllegalArgumentException: a row that trips anything else in its mapper (an
            // int overflow, say) would otherwise stop the engine at the same row on every restart.
            String error = e instanceof IllegalArgumentException ? String.valueOf(e.getMessage()) : e.toString();
            long count = malformedRows.incrementAndGet();
            LOG.error("outbox row {} ({} {} of {}) breaks its contract and is sent to {} ({} so far): {}",
                    row.id(), row.aggregateType(), row.eventType(), row.aggregateId(),
                    Topics.OUTBOX_DEAD_LETTERS.name(), count, error);
            return List.of(deadLetter(row, change, DeadLetterReason.CONTRACT_VIOLATION, error));
        }
    }

    private static OutgoingEvent<OutboxDeadLetter> deadLetter(OutboxRow row, RowChange change, DeadLetterReason reason,
            String error) {
        OutboxDeadLetter letter = OutboxDeadLetter.newBuilder()
                .setOutboxId(row.id())
                .setAggregateType(row.aggregateType())
                .setAggregateId(row.aggregateId())
                .setEventType(row.eventType())
                .setPayload(row.payload())
                .setReason(reason)
                .setError(error)
                .setSourceLsn(change.lsn())
                .setCommittedAt(change.committedAt())
                .build();
        return new OutgoingEvent<>(Topics.OUTBOX_DEAD_LETTERS, row.aggregateId(), letter);
    }

    /** Rows sent to the dead-letter topic because no mapper knows their aggregate type. */
    public long unroutedRows() {
        return unroutedRows.get();
    }

    /** Rows sent to the dead-letter topic because their payload broke the contract. */
    public long malformedRows() {
        return malformedRows.get();
    }

    /** Every row sent to the dead-letter topic since start. */
    public long deadLetteredRows() {
        return unroutedRows.get() + malformedRows.get();
    }
}
