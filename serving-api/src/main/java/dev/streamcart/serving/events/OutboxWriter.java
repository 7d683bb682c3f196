package dev.streamcart.serving.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.streamcart.schemas.outbox.OutboxAggregate;
import dev.streamcart.schemas.outbox.OutboxEncoder;
import dev.streamcart.schemas.outbox.OutboxPayload;
import org.apache.avro.specific.SpecificRecord;

/**
 * Appends domain events to the {@code outbox} table on the caller's connection, hence in the
 * caller's transaction: the event exists exactly when the change it describes is committed.
 * ingest-cdc publishes the rows from the WAL; business code never talks to Kafka for domain events.
 * The event is the generated Avro record itself, stored as Avro JSON with its schema's registry id
 * ({@link OutboxEncoder}), so every field it has is published. The table is a hand-off, not an
 * archive: rows are deleted after the outbox retention (the events live on in Kafka and ClickHouse).
 * One instance serves the whole API.
 */
public final class OutboxWriter {

    /** Builds the event once its row's id (the event id consumers deduplicate on) is known. */
    @FunctionalInterface
    public interface Event<V extends SpecificRecord> {

        /** {@code occurredAt}: this clock's time; ingest-cdc replaces it by the commit time. */
        V build(String eventId, Instant occurredAt);
    }

    private final OutboxEncoder encoder;
    private final Clock clock;

    public OutboxWriter(OutboxEncoder encoder, Clock clock) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes one event of {@code aggregate} and returns its id (the events' {@code eventId} downstream). */
    public <V extends SpecificRecord> UUID append(Connection connection, OutboxAggregate<V> aggregate, long aggregateId,
            String eventType, Event<V> event) throws SQLException {
        UUID id = UUID.randomUUID();
        OutboxPayload payload = encoder.encode(aggregate, event.build(id.toString(), clock.instant()));
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload, schema_id)
                VALUES (?, ?, ?, ?, ?::jsonb, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, aggregate.type());
            insert.setString(3, Long.toString(aggregateId));
            insert.setString(4, eventType);
            insert.setString(5, payload.json());
            if (payload.schemaId() == null) {
                insert.setNull(6, Types.INTEGER);
            } else {
                insert.setInt(6, payload.schemaId());
            }
            insert.executeUpdate();
        }
        return id;
    }
}
