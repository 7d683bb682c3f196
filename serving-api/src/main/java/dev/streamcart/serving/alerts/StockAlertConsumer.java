package dev.streamcart.serving.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.db.Transactions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every alert of {@code stock-alerts} and notifies the product's seller. Reads committed
 * records only (the topic is written in exactly-once transactions), in its own consumer group from
 * the beginning. Each polled batch is stored in one database transaction and only then are the
 * offsets committed: a crash in between re-delivers the batch, and the unique natural identity of
 * each alert makes the second pass store and notify nothing.
 */
public final class StockAlertConsumer implements AutoCloseable {

    public static final String GROUP_ID = "serving-api-stock-alerts";
    private static final Logger LOG = LoggerFactory.getLogger(StockAlertConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final Transactions transactions;
    private final Deserializer<StockAlert> alerts;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    public StockAlertConsumer(String bootstrapServers, SchemaRegistryClient registry, Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.alerts = Topics.STOCK_ALERTS.valueSerde(Objects.requireNonNull(registry, "registry")).deserializer();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "serving-api-stock-alerts");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "stock-alerts-consumer");
        this.thread.setDaemon(true);
    }

    public StockAlertConsumer start() {
        consumer.subscribe(List.of(Topics.STOCK_ALERTS.name()));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(POLL_TIMEOUT);
                if (batch.isEmpty()) {
                    continue;
                }
                if (store(batch)) {
                    consumer.commitSync();
                } else {
                    // the database refused the batch: read it again from the last committed offsets
                    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
                    for (TopicPartition partition : consumer.assignment()) {
                        OffsetAndMetadata offset = committed.get(partition);
                        if (offset == null) {
                            consumer.seekToBeginning(List.of(partition));
                        } else {
                            consumer.seek(partition, offset.offset());
                        }
                    }
                    pause();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("stock alert consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("stock alert consumer stopped", e);
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    /** Stores the batch in one transaction; false when the database failed (the batch is retried). */
    private boolean store(ConsumerRecords<String, byte[]> batch) {
        try {
            int stored = transactions.inTransaction(connection -> {
                int fresh = 0;
                for (ConsumerRecord<String, byte[]> record : batch) {
                    StockAlert alert = decode(record);
                    if (alert == null) {
                        continue;
                    }
                    var inserted = StockAlertStore.insert(connection, alert);
                    if (inserted.isPresent()) {
                        fresh++;
                        Long sellerId = inserted.get().sellerId();
                        if (sellerId != null && SellerAlertNotifications.notifies(alert.getType())) {
                            SellerAlertNotifications.notifySeller(connection, sellerId, alert);
                        }
                    }
                }
                return fresh;
            });
            LOG.debug("stored {} new stock alerts of {} received", stored, batch.count());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not store {} stock alerts, retrying: {}", batch.count(), e.toString());
            return false;
        }
    }

    private @Nullable StockAlert decode(ConsumerRecord<String, byte[]> record) {
        try {
            return alerts.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            LOG.warn("skipping undecodable stock alert at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_DELAY.toMillis()); // back-off before retrying a failed database write
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("stock alert consumer did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
