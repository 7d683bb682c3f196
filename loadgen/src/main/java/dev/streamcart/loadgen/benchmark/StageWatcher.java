package dev.streamcart.loadgen.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where the time goes: notes when each measured product's new available count first appears on
 * {@code inventory-changes} (ingest-cdc done) and on {@code stock-levels} (inventory-streams
 * committed), read_committed like the real readers, so a sample's freshness splits into CDC,
 * streams and API (replica + HTTP) parts.
 */
final class StageWatcher implements AutoCloseable {

    private static final String CHANGES = Topics.INVENTORY_CHANGES.name();
    private static final String LEVELS = Topics.STOCK_LEVELS.name();

    private final Set<Long> products;
    private final Deserializer<InventoryChanged> changes;
    private final Deserializer<StockLevel> levels;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    StageWatcher(String bootstrapServers, SchemaRegistryClient registry, Set<Long> products) {
        this.products = Set.copyOf(products);
        this.changes = Topics.INVENTORY_CHANGES.valueSerde(registry).deserializer();
        this.levels = Topics.STOCK_LEVELS.valueSerde(registry).deserializer();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(CHANGES, LEVELS)) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before any sample is taken
        this.thread = new Thread(this::run, "stage-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (record.value() == null || !products.contains(Long.parseLong(record.key()))) {
                        continue;
                    }
                    if (record.topic().equals(CHANGES)) {
                        InventoryChanged change = changes.deserialize(CHANGES, record.value());
                        firstSeen.putIfAbsent(key(CHANGES, change.getProductId(),
                                change.getQuantity() - change.getReservedQuantity()), now);
                    } else {
                        StockLevel level = levels.deserialize(LEVELS, record.value());
                        firstSeen.putIfAbsent(key(LEVELS, level.getProductId(), level.getAvailable()), now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    /** When the CDC event with this available count first arrived; empty when it was not seen. */
    OptionalLong changeSeen(long product, int available) {
        return seen(CHANGES, product, available);
    }

    /** When the stock level with this available count first became readable; empty when not seen. */
    OptionalLong levelSeen(long product, int available) {
        return seen(LEVELS, product, available);
    }

    private OptionalLong seen(String topic, long product, int available) {
        Long at = firstSeen.get(key(topic, product, available));
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    private static String key(String topic, long product, int available) {
        return topic + "/" + product + "/" + available;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
