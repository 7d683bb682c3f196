package dev.streamcart.ingest.publish;

import java.util.Objects;

import dev.streamcart.schemas.topics.TopicSpec;
import org.apache.avro.specific.SpecificRecord;

/** A typed event bound for a catalogue topic under the key of its aggregate. */
public record OutgoingEvent<V extends SpecificRecord>(TopicSpec<V> topic, String key, V value) {

    public OutgoingEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
