package dev.streamcart.ingest.outbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import dev.streamcart.ingest.capture.RowChange;
import dev.streamcart.ingest.capture.RowChangeMapper;
import dev.streamcart.ingest.publish.OutgoingEvent;
import dev.streamcart.schemas.outbox.DeadLetterReason;
import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxDeadLetter;
import dev.streamcart.schemas.outbox.OutboxPayloadReader;
import dev.streamcart.schemas.registry.SchemaRegistryException;
import dev.streamcart.schemas.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox: each inserted row is published on its aggregate's topic
 * ({@link OutboxAggregate}), keyed by the aggregate id, as the record its writer encoded. There is no
 * mapping per event: the row names the registry id of the schema it was written with, the payload
 * is decoded with that very schema (cached by id, so a new schema costs one registry call and then
 * nothing per row), and published under the same id, so every field the writer set reaches Kafka,
 * including fields this build does not know. The envelope is stamped onto any record whose schema has
 * the fields: {@code eventId} = the row's id, {@code occurredAt} = the commit time read from the WAL.
 * Rows are immutable events, so updates and deletes of the table are housekeeping and publish
 * nothing. A snapshot read publishes the row again (consumers deduplicate by event id), which
 * rebuilds the topics after offsets were lost.
 *
 * <p>A row of an unknown aggregate type, one without a schema id (written before the column
 * existed), or one whose payload does not decode, goes whole to {@code outbox-dead-letters} with the
 * reason and its WAL position, and is counted. It does not stop the pipeline for every other event,
 * and it is not lost: the outbox table itself forgets rows after a few minutes, so the dead-letter
 * topic is where such a row can still be found, fixed and replayed. It is published in the same
 * batch as the events around it, so the slot only moves past it once Kafka holds it. A registry that
 * does not answer is not the row's fault: that stops the batch, which is retried.
 */
public final class OutboxRouter implements RowChangeMapper {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRouter.class);
    private static final String EVENT_ID = "eventId";
    private static final String OCCURRED_AT = "occurredAt";

    private final IntFunction<Schema> writerSchemas;
    private final Map<Integer, OutboxPayloadReader> readersBySchemaId = new ConcurrentHashMap<>();
    private final AtomicLong unroutedRows = new AtomicLong();
    private final AtomicLong malformedRows = new AtomicLong();

    /** {@code writerSchemas}: the registry's schema of an id, e.g. {@code SchemaRegistryClient::schemaById}. */
    public OutboxRouter(IntFunction<Schema> writerSchemas) {
        this.writerSchemas = Objects.requireNonNull(writerSchemas, "writerSchemas");
    }

    @Override
    public List<OutgoingEvent<?>> map(RowChange change) {
        if (change.operation() != RowChange.Operation.INSERT && change.operation() != RowChange.Operation.SNAPSHOT_READ) {
            return List.of();
        }
        OutboxRow row = OutboxRow.from(change);
        OutboxAggregate<?> aggregate = OutboxAggregate.byType(row.aggregateType());
        if (aggregate == null) {
            long count = unroutedRows.incrementAndGet();
            LOG.warn("outbox row {} has unknown aggregate type '{}' (event {}); sent to {} ({} so far)",
                    row.id(), row.aggregateType(), row.eventType(), Topics.OUTBOX_DEAD_LETTERS.name(), count);
            return List.of(deadLetter(row, change, DeadLetterReason.UNKNOWN_AGGREGATE_TYPE,
                    "no topic for aggregate type '" + row.aggregateType() + "'"));
        }
        try {
            return List.of(event(row, aggregate));
        } catch (SchemaRegistryException e) {
            if (e.status() != 404) {
                throw e;
            }
            return List.of(malformed(row, change, "schema id " + row.schemaId() + " is not in the registry: "
                    + e.getMessage()));
        } catch (RuntimeException e) {
            // Not only IllegalArgumentException: a row that trips anything else here would otherwise
            // stop the engine at the same row on every restart.
            return List.of(malformed(row, change, e instanceof IllegalArgumentException
                    ? String.valueOf(e.getMessage()) : e.toString()));
        }
    }

    private OutgoingEvent<GenericRecord> event(OutboxRow row, OutboxAggregate<?> aggregate) {
        Integer schemaId = row.schemaId();
        if (schemaId == null) {
            throw new IllegalArgumentException("the row has no schema_id: it was written by a serving-api older than"
                    + " the outbox.schema_id column (drain the outbox before upgrading ingest-cdc)");
        }
        OutboxPayloadReader reader = readersBySchemaId.computeIfAbsent(schemaId,
                id -> new OutboxPayloadReader(writerSchemas.apply(id)));
        String expected = SpecificData.get().getSchema(aggregate.topic().valueClass()).getFullName();
        if (!reader.writerSchema().getFullName().equals(expected)) {
            throw new IllegalArgumentException("schema id " + schemaId + " is " + reader.writerSchema().getFullName()
                    + ", but " + aggregate.topic().name() + " carries " + expected);
        }
        GenericRecord record = reader.read(row.payload());
        stamp(record, EVENT_ID, row.id());
        stamp(record, OCCURRED_AT, row.occurredAt().toEpochMilli());
        return new OutgoingEvent<>(aggregate.topic(), row.aggregateId(), record, schemaId);
    }

    private static void stamp(GenericRecord record, String field, Object value) {
        if (record.getSchema().getField(field) != null) {
            record.put(field, value);
        }
    }

    private OutgoingEvent<OutboxDeadLetter> malformed(OutboxRow row, RowChange change, String error) {
        long count = malformedRows.incrementAndGet();
        LOG.error("outbox row {} ({} {} of {}) breaks its contract and is sent to {} ({} so far): {}",
                row.id(), row.aggregateType(), row.eventType(), row.aggregateId(),
                Topics.OUTBOX_DEAD_LETTERS.name(), count, error);
        return deadLetter(row, change, DeadLetterReason.CONTRACT_VIOLATION, error);
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

    /** Rows sent to the dead-letter topic because no aggregate writes their type. */
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
