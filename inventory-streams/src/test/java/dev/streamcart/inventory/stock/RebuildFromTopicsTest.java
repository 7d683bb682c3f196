package dev.streamcart.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.streamcart.inventory.InventoryApplication;
import dev.streamcart.inventory.InventoryStreamsConfig;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.StreamsScaling;
import dev.streamcart.schemas.streams.query.QueryEndpointSettings;
import dev.streamcart.schemas.topics.CompactedTopicReader;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rebuild: run, feed, stop, delete the local state folder, start again. The store rebuilt from its
 * changelog equals the first run's entry for entry, replaying the same input changes nothing in
 * stock-levels, and new changes are applied on top of the rebuilt state.
 */
class RebuildFromTopicsTest {

    private static final int PRODUCTS = 60;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    static final TestInfrastructure INFRA = TestInfrastructure.in("rebuild-from-topics");

    @Test
    void deletingTheStateFolderRebuildsTheSameStoreAndTheSameStockLevels() throws Exception {
        // an hour between velocity refreshes: only the changelog may shape the rebuilt state
        InventoryStreamsConfig config = new InventoryStreamsConfig(INFRA.get().bootstrapServers(), INFRA.get().schemaRegistryUrl(),
                INFRA.folder().resolve("state"), StreamsScaling.single(), 14, QueryEndpointSettings.loopback(0), Duration.ofHours(1));
        SchemaRegistryClient registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        List<ProducerRecord<String, InventoryChanged>> input = input();

        try (KafkaProducer<String, InventoryChanged> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.get().bootstrapServers()), new StringSerializer(),
                Topics.INVENTORY_CHANGES.valueSerde(registry).serializer());
                CompactedTopicReader<StockLevel> stockLevels = CompactedTopicReader.fromBeginning(INFRA.get().bootstrapServers(),
                        Topics.STOCK_LEVELS.name(), 3, Topics.STOCK_LEVELS.valueSerde(registry).deserializer());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.get().bootstrapServers()))) {

            Map<String, ProductStock> firstStore;
            Map<String, StockLevel> firstLevels;
            try (InventoryApplication app = start(config, registry)) {
                send(producer, input);
                awaitInputConsumed(admin);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(stockLevels.poll()).hasSize(PRODUCTS));
                firstStore = contents(app);
                firstLevels = Map.copyOf(stockLevels.poll());
            }
            assertThat(firstStore).hasSize(PRODUCTS);
            Map<TopicPartition, Long> levelsEndBeforeRebuild = endOffsets(admin, Topics.STOCK_LEVELS.name());

            Folders.delete(config.stateDirectory());
            assertThat(Files.exists(config.stateDirectory())).isFalse();

            try (InventoryApplication app = start(config, registry)) {
                assertThat(contents(app)).as("store rebuilt from the changelog").isEqualTo(firstStore);

                send(producer, input);                      // the whole input again: every change is stale
                awaitInputConsumed(admin);
                assertThat(endOffsets(admin, Topics.STOCK_LEVELS.name())).as("replayed input re-emits nothing")
                        .isEqualTo(levelsEndBeforeRebuild);
                assertThat(stockLevels.poll()).isEqualTo(firstLevels);
                assertThat(contents(app)).isEqualTo(firstStore);

                // a new change of warehouse 1 is added to warehouse 2's rebuilt row
                StockLevel before = firstLevels.get("7");
                send(producer, List.of(record(7, 1, 500, 0, 100_000)));   // committed about a day later
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    StockLevel after = stockLevels.poll().get("7");
                    int warehouse2OnHand = before.getWarehouses().get(1).getOnHand();
                    assertThat(after.getOnHand()).isEqualTo(500 + warehouse2OnHand);
                    assertThat(after.getUnitsLast7d()).as("sales history kept").isEqualTo(before.getUnitsLast7d()
                            - before.getWarehouses().get(0).getReserved());
                });
            }
        }
    }

    /** Per product, two warehouses, stock received then reserved by orders in steps (sales for the velocity). */
    private static List<ProducerRecord<String, InventoryChanged>> input() {
        List<ProducerRecord<String, InventoryChanged>> records = new ArrayList<>();
        long lsn = 1;
        for (int step = 0; step < 4; step++) {
            for (long product = 1; product <= PRODUCTS; product++) {
                for (long warehouse = 1; warehouse <= 2; warehouse++) {
                    int onHand = (int) (40 + product + warehouse);
                    int reserved = (int) Math.min(onHand, step * (product % 5 + warehouse));
                    records.add(record(product, warehouse, onHand, reserved, lsn++));
                }
            }
        }
        return records;
    }

    private static ProducerRecord<String, InventoryChanged> record(long product, long warehouse, int onHand, int reserved,
            long lsn) {
        InventoryChanged change = InventoryChanged.newBuilder()
                .setProductId(product).setWarehouseId(warehouse).setQuantity(onHand).setReservedQuantity(reserved)
                .setLowStockThreshold(10).setReorderPoint(5).setDeleted(false)
                .setSourceLsn(lsn).setCommittedAt(T0.plusSeconds(lsn)).build();
        return new ProducerRecord<>(Topics.INVENTORY_CHANGES.name(), Topics.key(product), change);
    }

    private static void send(KafkaProducer<String, InventoryChanged> producer, List<ProducerRecord<String, InventoryChanged>> records) {
        records.forEach(producer::send);
        producer.flush();
    }

    private static InventoryApplication start(InventoryStreamsConfig config, SchemaRegistryClient registry) {
        InventoryApplication app = InventoryApplication.create(config, registry);
        app.start();
        app.streams().running().orTimeout(60, TimeUnit.SECONDS).join();
        return app;
    }

    private static Map<String, ProductStock> contents(InventoryApplication app) {
        ReadOnlyKeyValueStore<String, ProductStock> store = app.streams().streams().store(StoreQueryParameters
                .fromNameAndType(StockTopology.STOCK_STORE, QueryableStoreTypes.<String, ProductStock>keyValueStore()));
        Map<String, ProductStock> contents = new HashMap<>();
        try (KeyValueIterator<String, ProductStock> all = store.all()) {
            all.forEachRemaining((KeyValue<String, ProductStock> entry) -> contents.put(entry.key, entry.value));
        }
        return contents;
    }

    /** Until the application's committed input offsets reach the end of inventory-changes. */
    private static void awaitInputConsumed(Admin admin) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<TopicPartition, Long> end = endOffsets(admin, Topics.INVENTORY_CHANGES.name());
            Map<TopicPartition, Long> committed = admin.listConsumerGroupOffsets(InventoryStreamsConfig.APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(Topics.INVENTORY_CHANGES.name()) && entry.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            assertThat(committed).isEqualTo(end);
        });
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < 3; partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }
}
