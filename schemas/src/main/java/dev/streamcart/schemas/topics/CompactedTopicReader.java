package dev.streamcart.schemas.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a compacted topic from its beginning, as its readers see it ({@code read_committed}:
 * aborted transactions never count), keeping the latest value per key; a tombstone removes its key.
 * No consumer group: nothing is committed. Two ways:
 * <ul>
 *   <li>{@link #readToEnd}: once, up to the end offsets the topic has when the read starts (a
 *       snapshot, e.g. to compare a view with its source), handing each change to the caller, who
 *       may keep only what it compares;</li>
 *   <li>{@link #fromBeginning} and then {@link #poll()}: following the topic, the latest value of
 *       every key so far after each poll (tests waiting for a view to converge).</li>
 * </ul>
 */
public final class CompactedTopicReader<V> implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, V> consumer;
    private final Map<String, V> latest = new HashMap<>();

    private CompactedTopicReader(KafkaConsumer<String, V> consumer) {
        this.consumer = consumer;
    }

    /**
     * A reader of every partition of {@code topic} from its beginning. The partitions are named, not
     * looked up, so the reader can start before the application that creates the topic.
     */
    public static <V> CompactedTopicReader<V> fromBeginning(String bootstrapServers, String topic, int partitions,
                                                            Deserializer<V> values) {
        KafkaConsumer<String, V> consumer = consumer(bootstrapServers, values);
        List<TopicPartition> assigned = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return new CompactedTopicReader<>(consumer);
    }

    /** Polls what has arrived since the last call and returns the latest value of every key so far. */
    public Map<String, V> poll() {
        for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), record.value());
            }
        }
        return Map.copyOf(latest);
    }

    /**
     * Reads {@code topic} from its beginning to the end offsets it has now and hands every record to
     * {@code change} in offset order per partition: its key and value, null for a tombstone. The
     * caller keeps the latest per key; a deserializer that reduces each value to what the caller needs
     * keeps whole records from piling up, not even within one poll.
     *
     * @param stall how long to wait without a record before giving up; reading a big topic takes
     *     longer than that in total, so it bounds a stall, not the read
     */
    public static <V> void readToEnd(String bootstrapServers, String topic, Deserializer<V> values, Duration stall,
                                     BiConsumer<String, @Nullable V> change) {
        Objects.requireNonNull(change, "change");
        try (KafkaConsumer<String, V> consumer = consumer(bootstrapServers, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, stall).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // with read_committed the end offsets are the last stable offsets: what a reader can see now
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, stall);
            Instant deadline = Instant.now().plus(stall);
            while (!reachedEnd(consumer, ends)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end: nothing arrived for " + stall);
                }
                ConsumerRecords<String, V> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    deadline = Instant.now().plus(stall);
                }
                for (ConsumerRecord<String, V> record : records) {
                    change.accept(record.key(), record.value());
                }
            }
        }
    }

    /** {@link #readToEnd(String, String, Deserializer, Duration, BiConsumer)} into a map of the latest value per key. */
    public static <V> Map<String, V> readToEnd(String bootstrapServers, String topic, Deserializer<V> values, Duration stall) {
        Map<String, V> latest = new HashMap<>();
        readToEnd(bootstrapServers, topic, values, stall, (key, value) -> {
            if (value == null) {
                latest.remove(key);
            } else {
                latest.put(key, value);
            }
        });
        return latest;
    }

    private static <V> KafkaConsumer<String, V> consumer(String bootstrapServers, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(props, new StringDeserializer(), Objects.requireNonNull(values, "values"));
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
