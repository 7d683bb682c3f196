package dev.streamcart.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.streamcart.inventory.InventoryApplication;
import dev.streamcart.inventory.InventoryStreamsConfig;
import dev.streamcart.inventory.RecordedValues;
import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.inventory.StockAlertType;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.CompactedTopicReader;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * inventory-streams on a real broker and registry: exact totals and alerts, then the same state
 * (alert state included: nothing is raised twice) rebuilt without its folder.
 */
class StockLevelsOnBrokerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    static final TestInfrastructure INFRA = TestInfrastructure.in("stock-levels-on-broker");

    @Test
    void stockLevelsAreExactAndRebuiltAfterLosingTheStateFolder() throws IOException {
        InventoryStreamsConfig config = InventoryStreamsConfig.from(INFRA.get().settings());
        SchemaRegistryClient registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        try (KafkaProducer<String, InventoryChanged> producer = producer(registry);
                CompactedTopicReader<StockLevel> stockLevels = CompactedTopicReader.fromBeginning(INFRA.get().bootstrapServers(),
                        Topics.STOCK_LEVELS.name(), 3, Topics.STOCK_LEVELS.valueSerde(registry).deserializer());
                RecordedValues<StockAlert> alerts = new RecordedValues<>(INFRA.get().bootstrapServers(),
                        Topics.STOCK_ALERTS.name(), 3, Topics.STOCK_ALERTS.valueSerde(registry).deserializer())) {

            try (InventoryApplication app = start(config, registry)) {
                send(producer, change(1, 1, 100, 10, 10));
                send(producer, change(1, 2, 50, 0, 11));
                send(producer, change(2, 1, 5, 5, 12));
                send(producer, change(1, 1, 100, 10, 10));   // re-delivered
                send(producer, change(1, 1, 999, 0, 9));     // stale replay

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Map<String, StockLevel> levels = stockLevels.poll();
                    assertTotals(levels.get("1"), 150, 10, 140);
                    assertTotals(levels.get("2"), 5, 5, 0);
                    assertThat(alerts.poll()).extracting(StockAlert::getProductId, StockAlert::getType).containsExactly(
                            tuple(2L, StockAlertType.OUT_OF_STOCK), tuple(2L, StockAlertType.REORDER));
                });
            }

            Folders.delete(config.stateDirectory());

            try (InventoryApplication app = start(config, registry)) {
                ReadOnlyKeyValueStore<String, ProductStock> store = app.streams().streams().store(StoreQueryParameters
                        .fromNameAndType(StockTopology.STOCK_STORE, QueryableStoreTypes.keyValueStore()));
                assertThat(store.get("2").toStockLevel().getAvailable()).as("restored from the changelog").isZero();

                send(producer, change(1, 2, 60, 0, 20));
                send(producer, change(2, 1, 6, 6, 21));      // still sold out: no second OUT_OF_STOCK
                send(producer, change(2, 1, 30, 6, 22));     // stock received

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertTotals(stockLevels.poll().get("1"), 160, 10, 150);
                    assertThat(alerts.poll()).extracting(StockAlert::getType).containsExactly(
                            StockAlertType.OUT_OF_STOCK, StockAlertType.REORDER, StockAlertType.BACK_IN_STOCK);
                });
            }
        }
    }

    private static InventoryApplication start(InventoryStreamsConfig config, SchemaRegistryClient registry) {
        InventoryApplication app = InventoryApplication.create(config, registry);
        app.start();
        app.streams().running().orTimeout(60, TimeUnit.SECONDS).join();
        return app;
    }

    private static void assertTotals(StockLevel level, int onHand, int reserved, int available) {
        assertThat(level).isNotNull();
        assertThat(level.getOnHand()).isEqualTo(onHand);
        assertThat(level.getReserved()).isEqualTo(reserved);
        assertThat(level.getAvailable()).isEqualTo(available);
    }

    private static KafkaProducer<String, InventoryChanged> producer(SchemaRegistryClient registry) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.get().bootstrapServers()),
                new StringSerializer(), Topics.INVENTORY_CHANGES.valueSerde(registry).serializer());
    }

    private static void send(KafkaProducer<String, InventoryChanged> producer, InventoryChanged change) {
        producer.send(new ProducerRecord<>(Topics.INVENTORY_CHANGES.name(), Topics.key(change.getProductId()), change));
        producer.flush();
    }

    private static InventoryChanged change(long productId, long warehouseId, int quantity, int reserved, long lsn) {
        return InventoryChanged.newBuilder()
                .setProductId(productId).setWarehouseId(warehouseId).setQuantity(quantity).setReservedQuantity(reserved)
                .setLowStockThreshold(10).setReorderPoint(5).setDeleted(false)
                .setSourceLsn(lsn).setCommittedAt(T0.plusMillis(lsn)).build();
    }

}
