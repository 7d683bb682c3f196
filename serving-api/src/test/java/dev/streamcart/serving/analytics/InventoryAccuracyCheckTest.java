package dev.streamcart.serving.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The periodic inventory check: the real-time view (a real {@code stock-levels} topic replicated by
 * the API) against PostgreSQL's {@code inventory}, recorded in ClickHouse's
 * {@code inventory_accuracy} and answered by {@code /api/analytics/inventory-accuracy}.
 */
class InventoryAccuracyCheckTest {

    static {
        // read by ServingApi through Settings (system property first), before the extension starts it
        System.setProperty(InventoryAccuracyCheck.INTERVAL_KEY, "1");
    }

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka().clickHouse();

    @AfterAll
    static void forgetInterval() {
        System.clearProperty(InventoryAccuracyCheck.INTERVAL_KEY);
    }

    @Test
    void aProductWhoseStreamedStockDiffersIsCountedAsAMismatch() throws Exception {
        ClickHouseFixture clickHouse = new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl()).applySchema();
        Storefront shop = new Storefront(SERVER.client());
        long warehouse = shop.warehouse();
        long matching = shop.product("5.00");
        long drifting = shop.product("7.00");
        long missing = shop.product("9.00");
        shop.receive(matching, warehouse, 20);
        shop.receive(drifting, warehouse, 20);
        shop.receive(missing, warehouse, 20);
        publish(level(matching, warehouse, 20), level(drifting, warehouse, 19));
        Instant published = Instant.now();

        // rows changed in the last 5 s are in flight and skipped; after that all three are compared
        await().atMost(Duration.ofSeconds(30)).until(() -> !clickHouse.query("SELECT products_checked, mismatches FROM "
                + "streamcart.inventory_accuracy FINAL WHERE checked_at >= toDateTime(" + (published.getEpochSecond() + 6)
                + ") AND products_checked = 3 FORMAT TSV").isEmpty());
        String latest = clickHouse.query("SELECT products_checked, mismatches FROM streamcart.inventory_accuracy FINAL "
                + "WHERE products_checked = 3 ORDER BY checked_at DESC LIMIT 1 FORMAT TSV");
        assertThat(latest).isEqualTo("3\t2");

        // the report's range ends at the request's second: wait until it holds a check of all three
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode latestCheck = SERVER.admin().get("/api/analytics/inventory-accuracy").json().path("summary")
                    .path("latest");
            assertThat(latestCheck.path("productsChecked").asLong()).isEqualTo(3);
            assertThat(latestCheck.path("mismatches").asLong()).isEqualTo(2);
            assertThat(latestCheck.path("accuracy").decimalValue()).isEqualByComparingTo("0.3333");
        });
    }

    private static StockLevel level(long productId, long warehouseId, int onHand) {
        return StockLevel.newBuilder().setProductId(productId).setOnHand(onHand).setReserved(0).setAvailable(onHand)
                .setWarehouses(List.of(WarehouseStock.newBuilder().setWarehouseId(warehouseId).setOnHand(onHand)
                        .setReserved(0).setAvailable(onHand).setSourceLsn(1).build()))
                .setUpdatedAt(Instant.now()).build();
    }

    private static void publish(StockLevel... levels) {
        SchemaRegistryClient registry = new SchemaRegistryClient(SERVER.infrastructure().schemaRegistryUrl());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVER.infrastructure().bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "accuracy-test-" + UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (StockLevel level : levels) {
                byte[] bytes = Topics.STOCK_LEVELS.valueSerde(registry).serializer()
                        .serialize(Topics.STOCK_LEVELS.name(), level);
                producer.send(new ProducerRecord<>(Topics.STOCK_LEVELS.name(), Topics.key(level.getProductId()), bytes));
            }
            producer.commitTransaction();
        }
    }
}
