package dev.streamcart.recommender.interactions;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where the storefront's click events are: a Kafka topic of Avro {@code ClickEvent}s in the
 * Confluent wire format, decoded through the schema registry. Serializable: Spark ships it to the
 * tasks that read the topic.
 */
public record ClickstreamSource(String bootstrapServers, String schemaRegistryUrl, String topic) implements Serializable {

    public ClickstreamSource {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(topic, "topic");
    }
}
