package dev.streamcart.serving.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.inventory.WarehouseStock;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.order.StatusChange;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.TopicSpec;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Clicks;
import dev.streamcart.serving.testing.Storefront;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read paths that come from Kafka, on a real broker and schema registry: stock levels and
 * order views served from their compacted topics (read_committed), and product views sent to the
 * clickstream.
 */
class ReadModelReplicasTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    private static SchemaRegistryClient registry;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void openProducer() {
        registry = new SchemaRegistryClient(SERVER.infrastructure().schemaRegistryUrl());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVER.infrastructure().bootstrapServers());
        // like the Streams apps that own these topics: exactly-once transactions
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "read-model-test-" + UUID.randomUUID());
        producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static <V extends SpecificRecord> void commit(TopicSpec<V> topic, long key, V value) {
        producer.beginTransaction();
        producer.send(record(topic, key, value));
        producer.commitTransaction();
    }

    private static <V extends SpecificRecord> ProducerRecord<String, byte[]> record(TopicSpec<V> topic, long key, V value) {
        byte[] bytes = value == null ? null : topic.valueSerde(registry).serializer().serialize(topic.name(), value);
        return new ProducerRecord<>(topic.name(), Topics.key(key), bytes);
    }

    private static StockLevel stock(long productId, int... onHandAndReservedPerWarehouse) {
        List<WarehouseStock> warehouses = new ArrayList<>();
        int onHand = 0;
        int reserved = 0;
        for (int i = 0; i < onHandAndReservedPerWarehouse.length; i += 2) {
            int warehouseOnHand = onHandAndReservedPerWarehouse[i];
            int warehouseReserved = onHandAndReservedPerWarehouse[i + 1];
            warehouses.add(WarehouseStock.newBuilder().setWarehouseId(100 + i / 2).setOnHand(warehouseOnHand)
                    .setReserved(warehouseReserved).setAvailable(warehouseOnHand - warehouseReserved)
                    .setSourceLsn(1_000 + i).build());
            onHand += warehouseOnHand;
            reserved += warehouseReserved;
        }
        return StockLevel.newBuilder().setProductId(productId).setOnHand(onHand).setReserved(reserved)
                .setAvailable(onHand - reserved).setWarehouses(warehouses).setUpdatedAt(Instant.now()).build();
    }

    @Test
    void aProductChangedOutsideThisInstanceLeavesItsCacheWhenTheChangeArrivesFromCdc() {
        Storefront shop = new Storefront(SERVER.client());
        long seller = shop.seller();
        long product = shop.product(seller, shop.category(), "5.00");
        assertThat(SERVER.client().get("/api/products/" + product).json().path("price").asText()).isEqualTo("5.00");

        // another instance (or an operator) changes the row: this instance's cache cannot know yet
        SERVER.execute("UPDATE products SET price = 7.25 WHERE id = " + product);
        assertThat(SERVER.client().get("/api/products/" + product).json().path("price").asText())
                .as("served from the cache").isEqualTo("5.00");

        commit(Topics.PRODUCT_CHANGES, product, ProductChanged.newBuilder().setProductId(product).setSellerId(seller)
                .setCategoryId(1).setSku("CDC-" + product).setName("Changed elsewhere").setPriceCents(725).setCurrency("USD")
                .setActive(true).setSourceLsn(1).setCommittedAt(Instant.now()).build());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.client().get("/api/products/" + product).json().path("price").asText()).isEqualTo("7.25"));
    }

    @Test
    void healthIsUpOnceBothReadModelsCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ApiClient.Response response = SERVER.client().get("/health");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode components = response.json().path("components");
            assertThat(components.path("kafka").path("status").asText()).isEqualTo("UP");
            assertThat(components.path("stockReadModel").path("status").asText()).isEqualTo("UP");
            assertThat(components.path("orderReadModel").path("status").asText()).isEqualTo("UP");
        });
    }

    @Test
    void theStockEndpointServesCommittedStockLevelsAndForgetsTombstones() {
        long productId = 7_000_001;
        long abortedProductId = 7_000_002;
        producer.beginTransaction();
        producer.send(record(Topics.STOCK_LEVELS, abortedProductId, stock(abortedProductId, 1, 0)));
        producer.abortTransaction();
        commit(Topics.STOCK_LEVELS, productId, stock(productId, 10, 3, 5, 0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.client().get("/api/stock/" + productId).status()).isEqualTo(200));
        JsonNode stock = SERVER.client().get("/api/stock/" + productId).json();
        assertThat(stock.path("productId").asLong()).isEqualTo(productId);
        assertThat(stock.path("onHand").asInt()).isEqualTo(15);
        assertThat(stock.path("reserved").asInt()).isEqualTo(3);
        assertThat(stock.path("available").asInt()).isEqualTo(12);
        assertThat(stock.path("warehouses")).hasSize(2);
        assertThat(stock.path("warehouses").get(0).path("warehouseId").asLong()).isEqualTo(100);
        assertThat(stock.path("warehouses").get(0).path("available").asInt()).isEqualTo(7);
        assertThat(stock.path("unitsPerDay").asDouble()).isZero();
        assertThat(stock.path("daysOfCover").isNull()).as("nothing sold: no days of cover").isTrue();
        assertThat(SERVER.client().get("/api/stock/" + abortedProductId).status()).as("aborted, never visible").isEqualTo(404);

        StockLevel selling = StockLevel.newBuilder(stock(productId, 10, 4, 5, 0))
                .setUnitsLast24h(6).setUnitsLast7d(22).setUnitsPerDay(5.5).setDaysOfCover(11 / 5.5).build();
        commit(Topics.STOCK_LEVELS, productId, selling);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.client().get("/api/stock/" + productId).json().path("reserved").asInt()).isEqualTo(4));
        JsonNode velocity = SERVER.client().get("/api/stock/" + productId).json();
        assertThat(velocity.path("unitsLast24h").asInt()).isEqualTo(6);
        assertThat(velocity.path("unitsLast7d").asInt()).isEqualTo(22);
        assertThat(velocity.path("unitsPerDay").asDouble()).isEqualTo(5.5);
        assertThat(velocity.path("daysOfCover").asDouble()).isEqualTo(2.0);

        commit(Topics.STOCK_LEVELS, productId, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.client().get("/api/stock/" + productId).status()).isEqualTo(404));
    }

    @Test
    void aProductShowsLiveStockAndItsViewGoesToTheClickstream() {
        Storefront shop = new Storefront(SERVER.client());
        long category = shop.category();
        long product = shop.product(shop.seller(), category, "8.00");
        commit(Topics.STOCK_LEVELS, product, stock(product, 6, 2));
        String session = "session-" + UUID.randomUUID();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.client().get("/api/products/" + product).json().path("stock").path("available").asInt())
                        .isEqualTo(4));
        long viewer = shop.user();
        // a customer's X-User-Id is ignored: views go to the signed-in account only
        JsonNode shown = shop.as(viewer).get("/api/products/" + product, "X-Session-Id", session, "X-User-Id", "42").json();
        assertThat(shown.path("stock").path("onHand").asInt()).isEqualTo(6);
        assertThat(shown.path("stock").path("reserved").asInt()).isEqualTo(2);

        ClickEvent view = Clicks.ofSession(SERVER, session, 1).get(0);
        assertThat(view.getType()).isEqualTo(ClickType.PRODUCT_VIEW);
        assertThat(view.getProductId()).isEqualTo(product);
        assertThat(view.getCategoryId()).isEqualTo(category);
        assertThat(view.getUserId()).isEqualTo(viewer);
    }

    @Test
    void theOrderEndpointServesTheOrderViewWithItsHistory() {
        long orderId = 9_000_001;
        Instant placed = Instant.parse("2026-11-26T10:00:00.123Z");
        Instant paid = Instant.parse("2026-11-26T10:00:02.456Z");
        OrderView view = OrderView.newBuilder()
                .setOrderId(orderId).setUserId(17).setStatus(OrderStatus.PAID).setTotalCents(3998).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(5).setSellerId(1).setCategoryId(2).setQuantity(2)
                        .setUnitPriceCents(1999).build()))
                .setHistory(List.of(
                        StatusChange.newBuilder().setStatus(OrderStatus.PENDING_PAYMENT).setAt(placed)
                                .setEventId(UUID.randomUUID().toString()).build(),
                        StatusChange.newBuilder().setStatus(OrderStatus.PAID).setAt(paid)
                                .setEventId(UUID.randomUUID().toString()).build()))
                .setUpdatedAt(paid)
                .build();
        assertThat(SERVER.admin().get("/api/orders/" + orderId).status()).isEqualTo(404);

        commit(Topics.ORDER_VIEWS, orderId, view);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.admin().get("/api/orders/" + orderId).status()).isEqualTo(200));
        JsonNode order = SERVER.admin().get("/api/orders/" + orderId).json();
        assertThat(order.path("id").asLong()).isEqualTo(orderId);
        assertThat(order.path("userId").asLong()).isEqualTo(17);
        assertThat(order.path("status").asText()).isEqualTo("PAID");
        assertThat(order.path("total").asText()).isEqualTo("39.98");
        assertThat(order.path("currency").asText()).isEqualTo("USD");
        assertThat(order.path("items").get(0).path("unitPrice").asText()).isEqualTo("19.99");
        assertThat(order.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(order.path("history").findValuesAsText("status")).containsExactly("PENDING_PAYMENT", "PAID");
        assertThat(order.path("history").get(0).path("at").asText()).isEqualTo("2026-11-26T10:00:00.123Z");
    }

    @Test
    void soldOutProductsAreNotRecommended() {
        Storefront shop = new Storefront(SERVER.client());
        long warehouse = shop.warehouse();
        long popular = shop.product("2.00");
        long runnerUp = shop.product("3.00");
        shop.receive(popular, warehouse, 50);
        shop.receive(runnerUp, warehouse, 50);
        long buyer = shop.user();
        assertThat(shop.placeOrder(buyer, popular, 30, runnerUp, 20).status()).isEqualTo(201);
        long browser = shop.user();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(SERVER.admin().get("/api/recommendations/" + browser).json().path("items")
                        .findValuesAsText("productId")).startsWith(Long.toString(popular), Long.toString(runnerUp)));

        commit(Topics.STOCK_LEVELS, popular, stock(popular, 50, 50));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.admin().get("/api/recommendations/" + browser).json().path("items")
                        .findValuesAsText("productId")).doesNotContain(Long.toString(popular))
                        .contains(Long.toString(runnerUp)));
    }
}
