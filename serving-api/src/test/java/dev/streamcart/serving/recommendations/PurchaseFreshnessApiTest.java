package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.order.StatusChange;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import dev.streamcart.serving.testing.TopicWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With Kafka, a user's purchases and favourite categories are cached for minutes, yet a purchase
 * leaves their recommendations as soon as order-streams publishes the order's view, and a change of
 * preferences at once.
 */
class PurchaseFreshnessApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    private static final String VERSION = "v20261126-180000-000";

    @Test
    void aPurchaseLeavesTheRecommendationsWhenItsOrderViewArrivesAndPreferencesApplyAtOnce() {
        Storefront shop = SERVER.storefront();
        ApiClient admin = SERVER.admin();
        long category = shop.category();
        long otherCategory = shop.category();
        long best = shop.product(shop.seller(), category, "3.00");
        long second = shop.product(shop.seller(), category, "3.00");
        long favourite = shop.product(shop.seller(), otherCategory, "3.00");
        shop.receive(best, shop.warehouse(), 10);
        long buyer = shop.user();
        long newcomer = shop.user();
        Map<Long, float[]> items = new HashMap<>();
        items.put(best, new float[] {3f});
        items.put(second, new float[] {2f});
        items.put(favourite, new float[] {-1f});
        ModelFolders folders = new ModelFolders(SERVER.modelsDir());
        folders.write(VERSION, Map.of(buyer, new float[] {1f}), items, Map.of(best, 3.0, second, 2.0, favourite, 1.0));
        folders.promote(VERSION);
        assertThat(admin.post("/api/admin/models/reload", "").json().path("servedVersion").asText()).isEqualTo(VERSION);
        // the catalog snapshot knows the new products within seconds
        await().atMost(Duration.ofSeconds(15)).until(() -> recommended(admin, buyer).equals(List.of(best, second, favourite)));

        ApiClient.Response order = shop.placeOrder(buyer, best, 1);
        assertThat(order.status()).isEqualTo(201);
        // PostgreSQL has the purchase, but nothing told this instance yet: the cached taste still holds
        assertThat(recommended(admin, buyer)).as("cached until the order's view arrives").contains(best);

        try (TopicWriter orderStreams = new TopicWriter(SERVER)) {
            orderStreams.commit(Topics.ORDER_VIEWS, order.json().path("id").asLong(),
                    placedView(order.json().path("id").asLong(), buyer, best));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(recommended(admin, buyer)).containsExactly(second, favourite));

        // a cold start ranks by popularity, the favourite categories first, once the user has chosen them
        assertThat(recommended(admin, newcomer)).containsExactly(best, second, favourite);
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("favouriteCategoryIds", List.of(otherCategory));
        assertThat(shop.as(newcomer).put("/api/users/" + newcomer + "/preferences", preferences).status())
                .isEqualTo(200);
        assertThat(recommended(admin, newcomer)).as("no waiting: the change dropped the cached taste")
                .containsExactly(favourite, best, second);
    }

    private static List<Long> recommended(ApiClient admin, long userId) {
        ApiClient.Response response = admin.get("/api/recommendations/" + userId + "?limit=5");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("items").findValuesAsText("productId").stream().map(Long::parseLong).toList();
    }

    private static OrderView placedView(long orderId, long userId, long productId) {
        Instant now = Instant.now();
        return OrderView.newBuilder().setOrderId(orderId).setUserId(userId).setStatus(OrderStatus.PENDING_PAYMENT)
                .setTotalCents(300).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(productId).setSellerId(1).setCategoryId(1)
                        .setQuantity(1).setUnitPriceCents(300).build()))
                .setHistory(List.of(StatusChange.newBuilder().setStatus(OrderStatus.PENDING_PAYMENT).setAt(now)
                        .setEventId(UUID.randomUUID().toString()).build()))
                .setAnomalies(List.of()).setUpdatedAt(now).build();
    }
}
