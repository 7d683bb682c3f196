package dev.streamcart.schemas.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.query.AvroBodies;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an event record into the payload of its outbox row. The record's schema is registered under
 * the topic's value subject, as the publishing side names it, so the registry checks BACKWARD
 * compatibility when the row is written, not when it is published; the client caches the id, so
 * only the first event of each schema calls the registry.
 */
public final class OutboxEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxEncoder.class);

    private final @Nullable SchemaRegistryClient registry;

    /** {@code registry}: null where no Kafka is configured; such rows carry no schema id. */
    public OutboxEncoder(@Nullable SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /**
     * Registers the schema of every outbox aggregate now, at start-up, so that no write waits on the
     * registry inside its transaction. A registry that does not answer yet is not fatal: the first
     * write of each schema registers it then.
     *
     * @return how many schemas were registered (0 without a registry)
     */
    public int registerAll() {
        if (registry == null) {
            return 0;
        }
        int registered = 0;
        for (OutboxAggregate<?> aggregate : OutboxAggregate.ALL) {
            try {
                registry.register(aggregate.topic().valueSubject(), SpecificData.get().getSchema(aggregate.topic().valueClass()));
                registered++;
            } catch (RuntimeException e) {
                LOG.warn("could not register the schema of {} events yet ({}); the first write will", aggregate.type(),
                        e.toString());
            }
        }
        return registered;
    }

    public <V extends SpecificRecord> OutboxPayload encode(OutboxAggregate<V> aggregate, V event) {
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(event, "event");
        Integer schemaId = registry == null ? null : registry.register(aggregate.topic().valueSubject(), event.getSchema());
        return new OutboxPayload(new String(AvroBodies.encodeJson(event), StandardCharsets.UTF_8), schemaId);
    }
}
