package dev.streamcart.serving.replica;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory replica of a compacted read-model topic (stock-levels, order-views): a consumer
 * without a group assigns every partition, reads from the beginning and keeps the latest value per
 * key; a tombstone removes the key.
 *
 * <p>Guarantees: it reads with {@code isolation.level=read_committed}, so it never shows a value
 * from an aborted exactly-once transaction of the Streams app that writes the topic. It is
 * {@linkplain #isCaughtUp() caught up} once its position reached the end offsets seen when it
 * first found the topic; after that it trails the topic by about one poll. A record that cannot be
 * decoded is logged and skipped rather than stopping the replica. Values are decoded on the
 * replica's own thread, so readers only ever do a map lookup.
 */
public final class CompactedTopicReplica<V extends SpecificRecord> implements ReadModel<V>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReplica.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);

    private final TopicSpec<V> topic;
    private final SchemaRegistryClient registry;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile BiConsumer<String, @Nullable V> listener = (key, value) -> { };

    public CompactedTopicReplica(TopicSpec<V> topic, String bootstrapServers, SchemaRegistryClient registry) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.registry = Objects.requireNonNull(registry, "registry");
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "serving-api-replica-" + topic.name());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "replica-" + topic.name());
        this.thread.setDaemon(true);
    }

    /**
     * Tells {@code listener} of every change, on the replica's thread, after the value is stored:
     * the new value, or null when a tombstone removed the key. Set it before {@link #start()}; it
     * lets a secondary index (orders by user, say) follow the replica without scanning it.
     */
    public CompactedTopicReplica<V> onChange(BiConsumer<String, @Nullable V> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    public CompactedTopicReplica<V> start() {
        thread.start();
        return this;
    }

    @Override
    public @Nullable V get(String key) {
        return values.get(key);
    }

    @Override
    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public int size() {
        return values.size();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = new HashMap<>(retryingTimeouts(() -> consumer.endOffsets(partitions)));
            if (!running) {
                return;
            }
            LOG.info("replicating {} ({} partitions, {} records to catch up)", topic.name(), partitions.size(),
                    startEnd.values().stream().mapToLong(Long::longValue).sum());
            Deserializer<V> deserializer = topic.valueSerde(registry).deserializer();
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (ConsumerRecord<String, byte[]> record : records) {
                    apply(record, deserializer);
                }
                if (!caughtUp && reached(startEnd)) {
                    caughtUp = true;
                    LOG.info("replica of {} caught up with {} keys", topic.name(), values.size());
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("replica of {} stopped on an unexpected failure", topic.name(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            stopped.countDown();
        }
    }

    private List<TopicPartition> awaitPartitions() {
        // The topic may not exist yet when the API starts before the platform created it.
        boolean warned = false;
        while (running) {
            List<PartitionInfo> infos = retryingTimeouts(() -> consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            if (!warned) {
                LOG.warn("topic {} does not exist yet or the broker is slow to answer; waiting for it", topic.name());
                warned = true;
            }
            sleep(TOPIC_WAIT);
        }
        return List.of();
    }

    /**
     * A broker that is slow to answer (starting, or starved of CPU) is not a reason to stop serving
     * reads for good: metadata and offset look-ups are retried until they answer or we are closed.
     */
    private <T> T retryingTimeouts(Supplier<T> lookup) {
        while (true) {
            try {
                return lookup.get();
            } catch (TimeoutException e) {
                if (!running) {
                    throw new WakeupException();
                }
                LOG.warn("the broker did not answer a look-up for {} in time ({}); retrying", topic.name(), e.getMessage());
                sleep(TOPIC_WAIT);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record, Deserializer<V> deserializer) {
        if (record.key() == null) {
            return;
        }
        V value = null;
        if (record.value() != null) {
            try {
                value = deserializer.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                LOG.warn("skipping undecodable record {}-{}@{} of {}: {}", record.topic(), record.partition(),
                        record.offset(), topic.name(), e.toString());
                return;
            }
        }
        if (value == null) {
            values.remove(record.key());
        } else {
            values.put(record.key(), value);
        }
        listener.accept(record.key(), value);
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive() && stopped.getCount() > 0) {
            // never started: nothing polls, so close the consumer here
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            stopped.countDown();
            return;
        }
        consumer.wakeup();
        try {
            if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("replica of {} did not stop within 10 s", topic.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
