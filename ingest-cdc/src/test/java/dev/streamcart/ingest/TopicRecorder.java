package dev.streamcart.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Records every event of one catalogue topic from its beginning, decoded through the registry. */
final class TopicRecorder<V extends SpecificRecord> implements AutoCloseable {

    /** One event as a consumer sees it. */
    record Received<V>(String key, V value, int partition, long offset) {}

    private final KafkaConsumer<String, V> consumer;
    private final List<Received<V>> received = new ArrayList<>();

    TopicRecorder(String bootstrapServers, SchemaRegistryClient registry, TopicSpec<V> topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), topic.valueSerde(registry).deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < topic.partitions(); p++) {
            partitions.add(new TopicPartition(topic.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything received so far, in arrival order (which is offset order within a partition). */
    List<Received<V>> poll() {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
            received.add(new Received<>(record.key(), record.value(), record.partition(), record.offset()));
        }
        return List.copyOf(received);
    }

    List<V> values() {
        return poll().stream().map(Received::value).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
