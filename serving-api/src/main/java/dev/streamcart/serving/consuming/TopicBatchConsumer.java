package dev.streamcart.serving.consuming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic in its own consumer group and hands each polled batch of decoded values to a
 * {@link BatchHandler} that writes them to PostgreSQL; offsets are committed only after the
 * handler returned.
 *
 * <p>Guarantees: at least once, made effectively once by handlers that are idempotent (a natural
 * unique key, or a state check). Committed records only ({@code read_committed}: the platform's
 * topics are written in exactly-once transactions); a new group starts from the earliest record, so
 * what was written while the API was down is still applied. When the handler fails (PostgreSQL
 * refused), the consumer goes back to its committed offsets and retries after a pause, in order,
 * never skipping. A record that cannot be decoded is logged and skipped: retrying cannot fix it.
 */
public final class TopicBatchConsumer<V extends SpecificRecord> implements AutoCloseable {

    /** Writes one batch; throws to have the same records delivered again after a pause. */
    @FunctionalInterface
    public interface BatchHandler<V> {
        void handle(List<V> batch);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicBatchConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final TopicSpec<V> topic;
    private final Deserializer<V> deserializer;
    private final BatchHandler<V> handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConsumerThread thread;
    private final AtomicLong handled = new AtomicLong();

    public TopicBatchConsumer(String bootstrapServers, SchemaRegistryClient registry, TopicSpec<V> topic, String groupId,
                              int maxBatch, BatchHandler<V> handler) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.deserializer = topic.valueSerde(Objects.requireNonNull(registry, "registry")).deserializer();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxBatch);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new ConsumerThread(consumer, groupId, topic.name() + " consumer", this::run);
    }

    public TopicBatchConsumer<V> start() {
        thread.start();
        return this;
    }

    /** How many values the handler has finished with since start. */
    public long handledValues() {
        return handled.get();
    }

    private void run() {
        consumer.subscribe(List.of(topic.name()));
        while (thread.isRunning()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
            if (records.isEmpty()) {
                continue;
            }
            List<V> batch = decode(records);
            try {
                handler.handle(batch);
            } catch (RuntimeException e) {
                LOG.warn("{}: {} records not written, retrying: {}", topic.name(), records.count(), e.toString());
                rewindToCommitted();
                thread.pause(RETRY_PAUSE); // back-off before retrying a failed database write
                continue;
            }
            handled.addAndGet(batch.size());
            commit();
        }
    }

    private List<V> decode(ConsumerRecords<String, byte[]> records) {
        List<V> values = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                values.add(deserializer.deserialize(record.topic(), record.value()));
            } catch (RuntimeException e) {
                LOG.warn("skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        e.toString());
            }
        }
        return values;
    }

    private void rewindToCommitted() {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
        for (TopicPartition partition : consumer.assignment()) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    private void commit() {
        try {
            consumer.commitSync();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved on a rebalance: their new owner re-reads these records, harmlessly
            LOG.info("{}: offsets not committed ({}); the records will be re-delivered and found done", topic.name(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
