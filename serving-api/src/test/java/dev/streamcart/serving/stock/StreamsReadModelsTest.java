package dev.streamcart.serving.stock;

import static dev.streamcart.serving.testing.StreamsInputs.inventoryRow;
import static dev.streamcart.serving.testing.StreamsInputs.paid;
import static dev.streamcart.serving.testing.StreamsInputs.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.catalog.ProductChanged;
import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Clicks;
import dev.streamcart.serving.testing.Storefront;
import dev.streamcart.serving.testing.TopicWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read paths that come from the Streams apps, on a real broker and schema registry: stock levels
 * and order views asked of inventory-streams and order-streams (interactive queries) as they compute
 * them from the events ingest-cdc publishes, hot stock kept current by its change feed, and product
 * views sent to the clickstream.
 */
class StreamsReadModelsTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().streams();

    private final TopicWriter cdc = SERVER.topicWriter();

    @Test
    void aProductChangedOutsideThisInstanceLeavesItsCacheWhenTheChangeArrivesFromCdc() {
        Storefront shop = SERVER.storefront();
        long seller = shop.seller();
        long product = shop.product(seller, shop.category(), "5.00");
        assertThat(SERVER.client().get("/api/products/" + product).json().path("price").asText()).isEqualTo("5.00");

        // another instance (or an operator) changes the row: this instance's cache cannot know yet
        SERVER.execute("UPDATE products SET price = 7.25 WHERE id = " + product);
        assertThat(SERVER.client().get("/api/products/" + product).json().path("price").asText())
                .as("served from the cache").isEqualTo("5.00");

        cdc.commit(Topics.PRODUCT_CHANGES, product, ProductChanged.newBuilder().setProductId(product).setSellerId(seller)
                .setCategoryId(1).setSku("CDC-" + product).setName("Changed elsewhere").setPriceCents(725).setCurrency("USD")
                .setActive(true).setSourceLsn(1).setCommittedAt(Instant.now()).build());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.client().get("/api/products/" + product).json().path("price").asText()).isEqualTo("7.25"));
    }

    @Test
    void healthIsUpWhenBothStreamsAppsAnswerQueries() {
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
    void theStockEndpointServesCommittedStockAndFollowsEveryLaterChange() {
        long productId = 7_000_001;
        long abortedProductId = 7_000_002;
        cdc.abort(Topics.INVENTORY_CHANGES, abortedProductId, inventoryRow(abortedProductId, 100, 1, 0));
        cdc.commit(Topics.INVENTORY_CHANGES, productId, inventoryRow(productId, 100, 10, 3), inventoryRow(productId, 101, 5, 0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.client().get("/api/stock/" + productId).json().path("onHand").asInt()).isEqualTo(15));
        JsonNode stock = SERVER.client().get("/api/stock/" + productId).json();
        assertThat(stock.path("productId").asLong()).isEqualTo(productId);
        assertThat(stock.path("reserved").asInt()).isEqualTo(3);
        assertThat(stock.path("available").asInt()).isEqualTo(12);
        assertThat(stock.path("warehouses")).hasSize(2);
        assertThat(stock.path("warehouses").get(0).path("warehouseId").asLong()).isEqualTo(100);
        assertThat(stock.path("warehouses").get(0).path("available").asInt()).isEqualTo(7);
        assertThat(SERVER.client().get("/api/stock/" + abortedProductId).status()).as("aborted, never visible").isEqualTo(404);

        // now cached: each later change must replace the cached level, not wait for its expiry
        for (int reserved = 4; reserved <= 6; reserved++) {
            cdc.commit(Topics.INVENTORY_CHANGES, productId, inventoryRow(productId, 100, 10, reserved));
            int expected = reserved;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(SERVER.client().get("/api/stock/" + productId).json().path("reserved").asInt())
                            .isEqualTo(expected));
        }
        assertThat(SERVER.client().get("/api/stock/" + productId).json().path("available").asInt()).isEqualTo(9);
    }

    @Test
    void aProductShowsLiveStockAndItsViewGoesToTheClickstream() {
        Storefront shop = SERVER.storefront();
        long category = shop.category();
        long product = shop.product(shop.seller(), category, "8.00");
        cdc.commit(Topics.INVENTORY_CHANGES, product, inventoryRow(product, 100, 6, 2));
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
        Instant placedAt = Instant.parse("2026-11-26T10:00:00.123Z");
        Instant paidAt = Instant.parse("2026-11-26T10:00:02.456Z");
        assertThat(SERVER.admin().get("/api/orders/" + orderId).status()).isEqualTo(404);

        cdc.commit(Topics.ORDER_EVENTS, orderId, placed(orderId, 17, 5, 2, 1_999, placedAt), paid(orderId, 17, 5, 2, 1_999, paidAt));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.admin().get("/api/orders/" + orderId).json().path("status").asText()).isEqualTo("PAID"));
        JsonNode order = SERVER.admin().get("/api/orders/" + orderId).json();
        assertThat(order.path("id").asLong()).isEqualTo(orderId);
        assertThat(order.path("userId").asLong()).isEqualTo(17);
        assertThat(order.path("total").asText()).isEqualTo("39.98");
        assertThat(order.path("currency").asText()).isEqualTo("USD");
        assertThat(order.path("items").get(0).path("unitPrice").asText()).isEqualTo("19.99");
        assertThat(order.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(order.path("history").findValuesAsText("status")).containsExactly("PENDING_PAYMENT", "PAID");
        assertThat(order.path("history").get(0).path("at").asText()).isEqualTo("2026-11-26T10:00:00.123Z");
    }

    @Test
    void anOrderViewIsShownToItsBuyerAndItsSellerAndToNobodyElse() {
        Storefront shop = SERVER.storefront();
        long buyer = shop.user();
        long stranger = shop.user();
        long seller = shop.seller();
        long otherSeller = shop.seller();
        long orderId = 9_000_003;
        OrderEvent placed = placed(orderId, buyer, 5, 1, 500, Instant.now());
        placed.getItems().get(0).setSellerId(seller);
        // the order exists only in the event pipeline: whatever is decided here is decided from its view
        cdc.commit(Topics.ORDER_EVENTS, orderId, placed);
        await().atMost(Duration.ofSeconds(30)).until(() -> SERVER.admin().get("/api/orders/" + orderId).status() == 200);

        assertThat(shop.as(buyer).get("/api/orders/" + orderId).json().path("userId").asLong()).isEqualTo(buyer);
        assertThat(shop.asSeller(seller).get("/api/orders/" + orderId).status()).isEqualTo(200);
        for (ApiClient intruder : List.of(shop.as(stranger), shop.asSeller(otherSeller))) {
            ApiClient.Response response = intruder.get("/api/orders/" + orderId);
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.json().path("detail").asText()).as("reads exactly like a missing order")
                    .isEqualTo("order " + orderId + " does not exist");
        }
    }

    @Test
    void anOrderWhoseViewArrivesWhileTheRequestWaitsIsServedRatherThanNotFound() throws Exception {
        long orderId = 9_000_002;
        ApiClient admin = SERVER.admin();
        CompletableFuture<ApiClient.Response> request =
                CompletableFuture.supplyAsync(() -> admin.get("/api/orders/" + orderId));
        // the event reaches the pipeline only once the GET is held by order-streams, waiting for it
        await().atMost(Duration.ofSeconds(10)).until(() -> SERVER.orderStreams().waitingOrderReads() > 0);
        cdc.commit(Topics.ORDER_EVENTS, orderId, placed(orderId, 18, 5, 1, 500, Instant.now()));

        ApiClient.Response response = request.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void soldOutProductsAreNotRecommended() {
        Storefront shop = SERVER.storefront();
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

        cdc.commit(Topics.INVENTORY_CHANGES, popular, inventoryRow(popular, warehouse, 50, 50));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SERVER.admin().get("/api/recommendations/" + browser).json().path("items")
                        .findValuesAsText("productId")).doesNotContain(Long.toString(popular))
                        .contains(Long.toString(runnerUp)));
    }
}
