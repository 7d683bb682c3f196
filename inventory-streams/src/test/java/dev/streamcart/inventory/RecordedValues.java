package dev.streamcart.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads an event topic as its consumers do (read_committed) and keeps every value, in arrival order. */
public final class RecordedValues<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<V> values = new ArrayList<>();

    public RecordedValues(String bootstrapServers, String topic, int partitions, Deserializer<V> valueDeserializer) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), valueDeserializer);
        List<TopicPartition> assigned = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
    }

    /** Polls what has arrived since the last call and returns every value so far. */
    public List<V> poll() {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
            values.add(record.value());
        }
        return List.copyOf(values);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
