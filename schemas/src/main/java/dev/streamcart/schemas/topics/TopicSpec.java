package dev.streamcart.schemas.topics;

import java.util.Map;
import java.util.Objects;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the platform: its name, its key (the aggregate id as a decimal string, so one
 * aggregate's events stay in order on one partition) and its Avro value type.
 */
public record TopicSpec<V extends SpecificRecord>(String name, Class<V> valueClass, int partitions, boolean compacted) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueClass, "valueClass");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public AvroSerde<V> valueSerde(SchemaRegistryClient registry) {
        return AvroSerde.forValues(valueClass, registry);
    }

    public String valueSubject() {
        return name + "-value";
    }

    public NewTopic newTopic(short replicationFactor) {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor);
        if (compacted) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }
}
