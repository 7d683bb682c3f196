package dev.streamcart.serving.commands;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code order-commands} (written by order-streams with exactly-once, so read_committed)
 * in its own consumer group and applies each command through {@link OrderCommandHandler}.
 *
 * <p>Guarantees: at least once, made effectively once by the handler's idempotence. Offsets are
 * committed only after the commands before them were committed to PostgreSQL; when PostgreSQL
 * refuses one, the consumer goes back to it and retries after a pause, in order, instead of
 * skipping it. A record that cannot be decoded is logged and skipped (retrying cannot fix it).
 */
public final class OrderCommandConsumer implements AutoCloseable {

    public static final String GROUP_ID = "serving-api-order-commands";
    private static final Logger LOG = LoggerFactory.getLogger(OrderCommandConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<OrderCommand> deserializer;
    private final OrderCommandHandler handler;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong handled = new AtomicLong();
    private volatile boolean running = true;

    public OrderCommandConsumer(String bootstrapServers, SchemaRegistryClient registry, OrderCommandHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.deserializer = Topics.ORDER_COMMANDS.valueSerde(Objects.requireNonNull(registry, "registry")).deserializer();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP_ID);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // commands issued while the API was down (or before the group existed) must still be applied
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "order-commands");
        this.thread.setDaemon(true);
    }

    public OrderCommandConsumer start() {
        thread.start();
        return this;
    }

    /** How many commands were handled (applied, or found already done) since start. */
    public long handledCommands() {
        return handled.get();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.ORDER_COMMANDS.name()));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    handleBatch(records);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("order command consumer stopped on an unexpected failure", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            stopped.countDown();
        }
    }

    private void handleBatch(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!handle(record)) {
                    // PostgreSQL refused: keep what was done, come back to this record after a pause
                    commit(done);
                    rewindUnhandled(records, done, partition, record.offset());
                    pause();
                    return;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        commit(done);
    }

    /** True when the record is finished with (applied, already done, or undecodable). */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        OrderCommand command;
        try {
            command = record.value() == null ? null : deserializer.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("skipping undecodable command {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
            return true;
        }
        if (command == null) {
            return true;
        }
        try {
            handler.apply(command);
            handled.incrementAndGet();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("command {} for order {} failed; retrying: {}", command.getCommandId(), command.getOrderId(),
                    e.toString());
            return false;
        }
    }

    /** Every partition of the batch goes back to its first record not yet handled. */
    private void rewindUnhandled(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done,
                                 TopicPartition failedPartition, long failedOffset) {
        for (TopicPartition partition : records.partitions()) {
            if (partition.equals(failedPartition)) {
                consumer.seek(partition, failedOffset);
            } else {
                OffsetAndMetadata handledUpTo = done.get(partition);
                consumer.seek(partition, handledUpTo != null ? handledUpTo.offset()
                        : records.records(partition).get(0).offset());
            }
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved on a rebalance: their new owner re-reads these commands, harmlessly
            LOG.info("offsets of handled commands not committed ({}); they will be re-delivered and found done",
                    e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive() && stopped.getCount() > 0) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            stopped.countDown();
            return;
        }
        consumer.wakeup();
        try {
            if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("order command consumer did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
