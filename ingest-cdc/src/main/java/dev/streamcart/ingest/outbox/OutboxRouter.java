package dev.streamcart.ingest.outbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.capture.RowChangeMapper;
import dev.streamcart.ingest.publish.OutgoingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox: each inserted row is routed by its aggregate type to that
 * aggregate's mapper and topic. Rows are immutable events, so updates and deletes of the table
 * are housekeeping and publish nothing. A snapshot read publishes the row again (consumers
 * deduplicate by event id), which rebuilds the topics after offsets were lost.
 *
 * <p>A row of an unknown aggregate type, or one that breaks its contract, is logged and counted
 * but does not stop the pipeline for every other event.
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
            LOG.warn("outbox row {} has unknown aggregate type '{}' (event {}); skipped ({} so far)",
                    row.id(), row.aggregateType(), row.eventType(), count);
            return List.of();
        }
        try {
            return List.of(mapper.map(row));
        } catch (IllegalArgumentException e) {
            long count = malformedRows.incrementAndGet();
            LOG.error("outbox row {} ({} {} of {}) breaks its contract and is skipped ({} so far): {}",
                    row.id(), row.aggregateType(), row.eventType(), row.aggregateId(), count, e.getMessage());
            return List.of();
        }
    }

    /** Rows skipped because no mapper knows their aggregate type. */
    public long unroutedRows() {
        return unroutedRows.get();
    }

    /** Rows skipped because their payload broke the contract. */
    public long malformedRows() {
        return malformedRows.get();
    }
}
