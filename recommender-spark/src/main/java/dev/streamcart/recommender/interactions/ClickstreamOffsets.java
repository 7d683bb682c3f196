package dev.streamcart.recommender.interactions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Captures, once before Spark starts, the offsets to read: earliest..latest (last stable offset) of
 * every partition of the clickstream topic at this moment. Events that arrive later belong to the
 * next training run, so one run reads a bounded, reproducible slice of the topic.
 */
public final class ClickstreamOffsets {

    /** How long Kafka may take to answer the metadata and offset queries. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private ClickstreamOffsets() {}

    /**
     * What the topic holds right now.
     *
     * @param topicExists false when the topic was never created
     * @param ranges      the non-empty offset ranges, each at most {@code maxRecordsPerRange} long
     */
    public record Snapshot(boolean topicExists, List<OffsetRange> ranges) {

        public Snapshot {
            ranges = List.copyOf(ranges);
        }

        public long records() {
            return ranges.stream().mapToLong(OffsetRange::size).sum();
        }

        public long partitions() {
            return ranges.stream().map(OffsetRange::partition).distinct().count();
        }
    }

    /**
     * Splits each partition's earliest..latest into ranges of at most {@code maxRecordsPerRange}
     * offsets, so a long partition is read by several tasks in parallel.
     *
     * @throws IllegalStateException when Kafka does not answer in time
     */
    public static Snapshot capture(ClickstreamSource source, long maxRecordsPerRange) {
        if (maxRecordsPerRange < 1) {
            throw new IllegalArgumentException("maxRecordsPerRange must be >= 1, was " + maxRecordsPerRange);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(source.bootstrapServers()))) {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(KAFKA_TIMEOUT);
            List<PartitionInfo> partitions = topics.get(source.topic());
            if (partitions == null || partitions.isEmpty()) {
                return new Snapshot(false, List.of());
            }
            List<TopicPartition> topicPartitions = partitions.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                    .toList();
            // assigned first: a read_committed consumer records the last stable offset of assigned partitions only
            consumer.assign(topicPartitions);
            Map<TopicPartition, Long> earliest = consumer.beginningOffsets(topicPartitions, KAFKA_TIMEOUT);
            Map<TopicPartition, Long> latest = consumer.endOffsets(topicPartitions, KAFKA_TIMEOUT);
            List<OffsetRange> ranges = new ArrayList<>();
            for (TopicPartition partition : topicPartitions) {
                long from = earliest.get(partition);
                long until = latest.get(partition);
                for (long start = from; start < until; start += maxRecordsPerRange) {
                    ranges.add(new OffsetRange(partition.topic(), partition.partition(), start,
                            Math.min(until, start + maxRecordsPerRange)));
                }
            }
            return new Snapshot(true, ranges);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot read the offsets of topic " + source.topic() + " at "
                    + source.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A consumer without a group (offsets are assigned, never committed) that sees committed data
     * only: the latest offset it reports is then the last stable offset.
     */
    static Properties consumerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(KAFKA_TIMEOUT.toMillis()));
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamcart-recommender");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }
}
