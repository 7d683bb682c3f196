package dev.streamcart.serving.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Appends domain events to the {@code outbox} table on the caller's connection, hence in the
 * caller's transaction: the event exists exactly when the change it describes is committed.
 * ingest-cdc publishes the rows from the WAL; business code never talks to Kafka for domain events.
 * The table is a hand-off, not an archive: rows are deleted after the outbox retention (the
 * events live on in Kafka and ClickHouse).
 */
public final class OutboxWriter {

    private final ObjectMapper json;

    public OutboxWriter(ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Writes one event and returns its id (the events' {@code eventId} downstream). */
    public UUID append(Connection connection, String aggregateType, long aggregateId, String eventType, Object payload)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, event_type, payload)
                VALUES (?, ?, ?, ?, ?::jsonb)""")) {
            insert.setObject(1, id);
            insert.setString(2, aggregateType);
            insert.setString(3, Long.toString(aggregateId));
            insert.setString(4, eventType);
            insert.setString(5, serialize(payload));
            insert.executeUpdate();
        }
        return id;
    }

    private String serialize(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize outbox payload " + payload.getClass().getSimpleName(), e);
        }
    }
}
