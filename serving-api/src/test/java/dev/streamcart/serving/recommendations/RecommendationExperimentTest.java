package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.clickstream.ClickEvent;
import dev.streamcart.schemas.clickstream.ClickType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Clicks;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
import dev.streamcart.serving.testing.Storefront;
import dev.streamcart.serving.testing.StreamsInputs;
import dev.streamcart.serving.testing.TopicWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An A/B experiment end to end inside serving-api: users split by the hash of their id, each
 * answer says its variant and emits impressions with it, and a view and a cart add that follow a
 * recommendation carry the variant to the clickstream and, through the cart, into the order's
 * outbox event.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommendationExperimentTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().streams();

    private static final String CONTROL = "v20261126-170000-000";
    private static final String TREATMENT = "v20261126-170100-000";

    private static Storefront shop;
    private static ApiClient admin;
    private static long category;
    private static List<Long> products;
    private static List<Long> users;

    @BeforeAll
    static void twoModelsAndAnExperiment() {
        shop = SERVER.storefront();
        admin = SERVER.admin();
        long warehouse = shop.warehouse();
        category = shop.category();
        products = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long product = shop.product(shop.seller(), category, "4.00");
            shop.receive(product, warehouse, 50);
            products.add(product);
        }
        users = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            users.add(shop.user());
        }
        Map<Long, float[]> userFactors = new HashMap<>();
        users.forEach(user -> userFactors.put(user, new float[] {1f, 1f}));
        Map<Long, float[]> control = new HashMap<>();
        Map<Long, float[]> treatment = new HashMap<>();
        for (int i = 0; i < products.size(); i++) {
            control.put(products.get(i), new float[] {i, 0f});
            treatment.put(products.get(i), new float[] {0f, -i});
        }
        ModelFolders folders = new ModelFolders(SERVER.modelsDir());
        folders.write(CONTROL, userFactors, control, Map.of());
        folders.write(TREATMENT, userFactors, treatment, Map.of());
        folders.promote(CONTROL);
        folders.experiment(TREATMENT, 0.5);

        JsonNode reload = admin.post("/api/admin/models/reload", "").json();
        assertThat(reload.path("servedVersion").asText()).isEqualTo(CONTROL);
        assertThat(reload.path("experimentVersion").asText()).isEqualTo(TREATMENT);
        assertThat(reload.path("experimentShare").asDouble()).isEqualTo(0.5);
    }

    @Test
    @Order(1)
    void usersAreSplitByTheHashOfTheirIdAndEachVariantAnswersWithItsModel() {
        Set<String> variants = new HashSet<>();
        for (long user : users) {
            JsonNode answer = shop.as(user).get("/api/recommendations/" + user + "?limit=2").json();
            String expected = VariantSplit.inExperiment(user, 0.5) ? "B" : "A";
            assertThat(answer.path("variant").asText()).as("user " + user).isEqualTo(expected);
            assertThat(answer.path("modelVersion").asText()).isEqualTo(expected.equals("B") ? TREATMENT : CONTROL);
            List<Long> shown = answer.path("items").findValuesAsText("productId").stream().map(Long::parseLong).toList();
            assertThat(shown).isEqualTo(expected.equals("B") ? List.of(products.get(0), products.get(1))
                    : List.of(products.get(3), products.get(2)));
            assertThat(shop.as(user).get("/api/recommendations/" + user + "?limit=2").json().path("variant").asText())
                    .as("stable").isEqualTo(expected);
            variants.add(expected);
        }
        assertThat(variants).containsExactlyInAnyOrder("A", "B");
    }

    @Test
    @Order(2)
    void everyProductShownIsAnImpressionOfTheVariant() {
        long user = users.get(0);
        String variant = VariantSplit.inExperiment(user, 0.5) ? "B" : "A";
        String session = "rec-session-" + UUID.randomUUID();

        ApiClient.Response answer = shop.as(user).get("/api/recommendations/" + user + "?limit=3", "X-Session-Id", session);

        assertThat(answer.status()).isEqualTo(200);
        List<ClickEvent> clicks = Clicks.ofSession(SERVER, session, 3);
        assertThat(clicks).allSatisfy(click -> {
            assertThat(click.getType()).isEqualTo(ClickType.RECOMMENDATION_IMPRESSION);
            assertThat(click.getRecommendationVariant()).isEqualTo(variant);
            assertThat(click.getUserId()).isEqualTo(user);
        });
        assertThat(clicks.stream().map(ClickEvent::getProductId).toList())
                .isEqualTo(answer.json().path("items").findValuesAsText("productId").stream().map(Long::parseLong).toList());
    }

    @Test
    @Order(3)
    void aViewAndACartAddFromARecommendationCarryTheVariantIntoTheClickstreamAndTheOrderEvent() throws Exception {
        long buyer = shop.user();
        Db db = SERVER.db();
        long address = ((Number) db.single("""
                INSERT INTO user_addresses (user_id, address_type, first_name, last_name, address_line1, city, state,
                                            postal_code, country, is_default)
                VALUES (?, 'shipping', 'Ada', 'Lovelace', '1 Main Street', 'Springfield', 'NY', '10001', 'US', true)
                RETURNING id""", buyer).get("id")).longValue();
        String session = "attribution-" + UUID.randomUUID();
        ApiClient asBuyer = shop.as(buyer);
        long recommended = products.get(1);
        long plain = products.get(2);

        assertThat(asBuyer.get("/api/products/" + recommended + "?rec=B", "X-Session-Id", session).status()).isEqualTo(200);
        assertThat(asBuyer.post("/api/cart/items", ApiClient.json("productId", recommended, "quantity", 1,
                "recommendationVariant", "B"), "X-Session-Id", session).status()).isEqualTo(200);
        assertThat(asBuyer.post("/api/cart/items?rec=A", ApiClient.json("productId", recommended, "quantity", 1)).status())
                .as("a later add keeps the first recommendation's credit").isEqualTo(200);
        assertThat(asBuyer.post("/api/cart/items", ApiClient.json("productId", plain, "quantity", 1)).status()).isEqualTo(200);
        assertThat(asBuyer.get("/api/products/" + recommended + "?rec=C").status()).isEqualTo(400);
        assertThat(asBuyer.post("/api/cart/items", ApiClient.json("productId", plain, "quantity", 1,
                "recommendationVariant", "X")).status()).isEqualTo(400);

        List<ClickEvent> clicks = Clicks.ofSession(SERVER, session, 2);
        assertThat(clicks).extracting(ClickEvent::getType).containsExactly(ClickType.PRODUCT_VIEW, ClickType.CART_ADD);
        assertThat(clicks).extracting(ClickEvent::getRecommendationVariant).containsExactly("B", "B");

        ApiClient.Response order = asBuyer.post("/api/cart/checkout", ApiClient.json("shippingAddressId", address),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        Map<Long, String> variantByProduct = new HashMap<>();
        for (OrderLine line : OutboxEvents.single(db, order.id(), "ORDER_PLACED").getItems()) {
            variantByProduct.put(line.getProductId(), line.getRecommendationVariant());
        }
        assertThat(variantByProduct).containsEntry(recommended, "B").containsEntry(plain, null);
        assertThat(db.single("SELECT recommendation_variant FROM order_items WHERE order_id = ? AND product_id = ?",
                order.id(), recommended).get("recommendation_variant")).isEqualTo("B");

        // a later event of the order is built from the stored lines: the variant is still there
        ApiClient.Response cancelled = asBuyer.post("/api/orders/" + order.id() + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(OutboxEvents.single(db, order.id(), "ORDER_CANCELLED").getItems())
                .extracting(OrderLine::getRecommendationVariant).contains("B");
    }

    @Test
    @Order(4)
    void aProductTheStockReadModelReportsSoldOutIsNoLongerRecommended() {
        long user = users.stream().filter(id -> !VariantSplit.inExperiment(id, 0.5)).findFirst().orElseThrow();
        long best = products.get(3);
        assertThat(ids(shop.as(user).get("/api/recommendations/" + user + "?limit=2").json())).first().isEqualTo(best);

        try (TopicWriter cdc = new TopicWriter(SERVER)) {
            cdc.commit(Topics.INVENTORY_CHANGES, best, StreamsInputs.inventoryRow(best, 1, 0, 0));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(shop.as(user).get("/api/recommendations/" + user + "?limit=2").json()))
                        .containsExactly(products.get(2), products.get(1)));
        assertThat(ids(SERVER.client().get("/api/products/" + products.get(2) + "/similar").json())).doesNotContain(best);
    }

    private static List<Long> ids(JsonNode answer) {
        return answer.path("items").findValuesAsText("productId").stream().map(Long::parseLong).toList();
    }
}
