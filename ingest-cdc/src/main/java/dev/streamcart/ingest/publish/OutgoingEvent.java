package dev.streamcart.ingest.publish;

import java.util.Objects;

import dev.streamcart.schemas.topics.TopicSpec;
import org.apache.avro.generic.IndexedRecord;
import org.jspecify.annotations.Nullable;

/**
 * An event bound for a catalogue topic under the key of its aggregate.
 *
 * @param value a record of the topic's generated class, encoded with the topic's serde; or, with a
 *     {@code writerSchemaId}, a record of that registered schema, published as it is (an outbox
 *     event keeps every field its writer set, known to this build or not)
 */
public record OutgoingEvent<V extends IndexedRecord>(TopicSpec<?> topic, String key, V value,
        @Nullable Integer writerSchemaId) {

    public OutgoingEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** An event of the topic's own generated class. */
    public OutgoingEvent(TopicSpec<?> topic, String key, V value) {
        this(topic, key, value, null);
    }
}
