package dev.streamcart.serving.readmodels;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.TopicSpec;
import dev.streamcart.serving.consuming.ConsumerThread;
import org.apache.avro.specific.SpecificRecord;
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
 * Follows the changes of a compacted read-model topic (stock-levels, order-views, product-changes)
 * from NOW on: a consumer without a group assigns every partition at its end offset and tells a
 * listener of each change that it is interested in. It holds no values and never replays history,
 * so its memory and its start time do not grow with the topic: it exists to keep bounded caches
 * (hot stock levels, users' purchases, products) current, not to be a copy of the view.
 *
 * <p>It reads with {@code isolation.level=read_committed}, so it never reports a value from an
 * aborted exactly-once transaction of the Streams app that writes the topic. It is
 * {@linkplain #isLive() live} once its start positions are fixed: a cache may keep what it loads
 * from then on, because every later change reaches it. A record that cannot be decoded is logged
 * and skipped. Keys the listener is not interested in are not decoded at all.
 */
public final class TopicChangeFeed<V extends SpecificRecord> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicChangeFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);

    private final TopicSpec<V> topic;
    private final SchemaRegistryClient registry;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConsumerThread thread;
    private volatile boolean live;
    private volatile Predicate<String> interested = key -> true;
    private volatile BiConsumer<String, @Nullable V> listener = (key, value) -> { };

    public TopicChangeFeed(TopicSpec<V> topic, String bootstrapServers, SchemaRegistryClient registry) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.registry = Objects.requireNonNull(registry, "registry");
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "serving-api-changes-" + topic.name());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a position lost to retention or compaction resumes at the end: replaying history is what this class avoids
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new ConsumerThread(consumer, "changes-" + topic.name(), "change feed of " + topic.name(),
                this::run);
    }

    /**
     * Tells {@code listener} of every change of a key {@code interested} accepts, on the feed's
     * thread: the new value, or null for a tombstone. Set both before {@link #start()}.
     */
    public TopicChangeFeed<V> onChange(Predicate<String> interested, BiConsumer<String, @Nullable V> listener) {
        this.interested = Objects.requireNonNull(interested, "interested");
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Tells {@code listener} of every change. */
    public TopicChangeFeed<V> onChange(BiConsumer<String, @Nullable V> listener) {
        return onChange(key -> true, listener);
    }

    public TopicChangeFeed<V> start() {
        thread.start();
        return this;
    }

    /** Whether every change committed from now on will reach the listener. */
    public boolean isLive() {
        return live;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: asking for the positions fixes them now, before anyone relies on the feed
            for (TopicPartition partition : partitions) {
                retryingTimeouts(() -> consumer.position(partition));
            }
            if (!thread.isRunning()) {
                return;
            }
            live = true;
            LOG.info("following changes of {} ({} partitions) from their end", topic.name(), partitions.size());
            Deserializer<V> deserializer = topic.valueSerde(registry).deserializer();
            while (thread.isRunning()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (ConsumerRecord<String, byte[]> record : records) {
                    apply(record, deserializer);
                }
            }
        } finally {
            live = false;
        }
    }

    private List<TopicPartition> awaitPartitions() {
        // The topic may not exist yet when the API starts before the platform created it.
        boolean warned = false;
        while (thread.isRunning()) {
            List<PartitionInfo> infos = retryingTimeouts(() -> consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            if (!warned) {
                LOG.warn("topic {} does not exist yet or the broker is slow to answer; waiting for it", topic.name());
                warned = true;
            }
            thread.pause(TOPIC_WAIT);
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
                if (!thread.isRunning()) {
                    throw new WakeupException();
                }
                LOG.warn("the broker did not answer a look-up for {} in time ({}); retrying", topic.name(), e.getMessage());
                thread.pause(TOPIC_WAIT);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record, Deserializer<V> deserializer) {
        if (record.key() == null || !interested.test(record.key())) {
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
        try {
            listener.accept(record.key(), value);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed on key {}: {}", topic.name(), record.key(), e.toString());
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
