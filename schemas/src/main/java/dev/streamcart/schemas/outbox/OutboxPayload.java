package dev.streamcart.schemas.outbox;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an outbox row carries of its event: Avro's JSON encoding of the record (readable in the
 * {@code jsonb} column) and the registry id of the schema it was written with.
 *
 * @param schemaId null only where no registry is configured (no Kafka, so nothing publishes the row)
 */
public record OutboxPayload(String json, @Nullable Integer schemaId) {

    public OutboxPayload {
        Objects.requireNonNull(json, "json");
    }
}
