package dev.streamcart.localstack.launcher.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a compacted read-model topic from its beginning to its end as its readers see it
 * (read_committed: aborted transactions never count) and folds it into a {@link LatestValueSink}:
 * the latest value per key, a tombstone removes its key. Each value is reduced to what the caller
 * compares as it is deserialized, so full records never pile up, not even within one poll. Keys
 * are the decimal ids of {@code Topics.key}. No consumer group: nothing is committed.
 */
final class CompactedTopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private CompactedTopicReader() {}

    /**
     * @param reduce what to keep of each value
     * @param stall how long to wait without a record before giving up; reading a big topic takes
     *     longer than that in total, so it bounds a stall, not the read
     */
    static <V, R> void readLatest(String bootstrapServers, String topic, Deserializer<V> values, Function<V, R> reduce,
            LatestValueSink<? super R> sink, Duration stall) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Deserializer<R> reduced = (name, bytes) -> bytes == null ? null : reduce.apply(values.deserialize(name, bytes));
        try (KafkaConsumer<String, R> consumer = new KafkaConsumer<>(props, new StringDeserializer(), reduced)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, stall);
            List<TopicPartition> partitions = infos.stream()
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
                ConsumerRecords<String, R> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    deadline = Instant.now().plus(stall);
                }
                for (ConsumerRecord<String, R> record : records) {
                    long key = id(topic, record.key());
                    if (record.value() == null) {
                        sink.remove(key);
                    } else {
                        sink.put(key, record.value());
                    }
                }
            }
        }
    }

    private static long id(String topic, String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(topic + " has a record whose key is not an id: " + key, e);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
