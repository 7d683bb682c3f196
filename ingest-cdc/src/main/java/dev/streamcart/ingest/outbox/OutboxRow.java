package dev.streamcart.ingest.outbox;

import java.time.Instant;
import java.util.Objects;

import dev.streamcart.ingest.capture.Columns;
import dev.streamcart.ingest.capture.RowChange;
import org.apache.kafka.connect.data.Struct;
import org.jspecify.annotations.Nullable;

/**
 * One outbox row: a domain event written in the same transaction as the change it describes.
 *
 * @param id the row's UUID, which becomes the event id consumers deduplicate on
 * @param payload the event record in Avro's JSON encoding
 * @param schemaId registry id of the schema the payload was written with; null in rows of a writer
 *     older than the column (or one running without a registry)
 * @param occurredAt commit time of the transaction that wrote the row
 */
public record OutboxRow(String id, String aggregateType, String aggregateId, String eventType, String payload,
        @Nullable Integer schemaId, Instant occurredAt) {

    public OutboxRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    static OutboxRow from(RowChange change) {
        Struct row = change.row();
        return new OutboxRow(
                Columns.requiredString(row, "id"),
                Columns.requiredString(row, "aggregate_type"),
                Columns.requiredString(row, "aggregate_id"),
                Columns.requiredString(row, "event_type"),
                Columns.requiredString(row, "payload"),
                Columns.value(row, "schema_id") instanceof Number id ? id.intValue() : null,
                occurredAt(change));
    }

    /**
     * A streamed row carries its transaction's commit time. A snapshot read only carries the time
     * of the snapshot, so there the row's own {@code created_at} (its transaction's start) is the
     * closer answer.
     */
    private static Instant occurredAt(RowChange change) {
        if (change.operation() == RowChange.Operation.SNAPSHOT_READ) {
            Instant createdAt = Columns.instant(change.row(), "created_at");
            if (createdAt != null) {
                return createdAt;
            }
        }
        return change.committedAt();
    }
}
