package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One story, in order: no model yet, a first model, an incomplete one, a promoted one. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommendationsApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static long alice;
    private static long bob;
    private static long newcomer;
    private static long mug;
    private static long teapot;
    private static long kettle;
    private static long cup;
    private static long retired;

    private static ApiClient admin;

    /** The operator, who may ask for anyone's recommendations and reload models. */
    private static ApiClient client() {
        if (admin == null) {
            admin = SERVER.admin();
        }
        return admin;
    }

    private static JsonNode recommend(long user) {
        ApiClient.Response response = client().get("/api/recommendations/" + user + "?limit=3");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<Long> productIds(JsonNode recommendations) {
        return recommendations.path("items").findValuesAsText("productId").stream().map(Long::parseLong).toList();
    }

    @Test
    @Order(1)
    void withoutAnyModelTheBestSellersAreRecommendedExceptWhatTheUserBought() {
        Storefront shop = SERVER.storefront();
        long seller = shop.seller();
        long category = shop.category();
        long warehouse = shop.warehouse();
        mug = shop.product(seller, category, "5.00");
        teapot = shop.product(seller, category, "25.00");
        kettle = shop.product(seller, category, "40.00");
        cup = shop.product(seller, category, "3.00");
        retired = shop.product(seller, category, "1.00");
        for (long product : List.of(mug, teapot, kettle, cup, retired)) {
            shop.receive(product, warehouse, 100);
        }
        alice = shop.user();
        bob = shop.user();
        newcomer = shop.user();
        assertThat(shop.placeOrder(bob, mug, 5, teapot, 3, kettle, 1).status()).isEqualTo(201);
        assertThat(shop.placeOrder(alice, mug, 1).status()).isEqualTo(201);

        JsonNode forAlice = recommend(alice);

        assertThat(forAlice.path("userId").asLong()).isEqualTo(alice);
        assertThat(forAlice.path("modelVersion").asText()).isEqualTo("none");
        assertThat(productIds(forAlice)).containsExactly(teapot, kettle);
    }

    @Test
    @Order(2)
    void theNewestCompleteVersionIsServedAndScoresByDotProduct() {
        ModelFolders folders = new ModelFolders(SERVER.modelsDir());
        folders.write("v20261126-100000-000",
                Map.of(alice, new float[] {1f, 0f}, bob, new float[] {0f, 1f}),
                Map.of(mug, new float[] {5f, 0f}, teapot, new float[] {0.9f, 0.1f}, kettle, new float[] {0.5f, 0.5f},
                        cup, new float[] {0.7f, 0.9f}, retired, new float[] {3f, 3f}),
                Map.of(cup, 9.0, kettle, 8.0, mug, 7.0));
        SERVER.execute("UPDATE products SET is_active = false WHERE id = " + retired);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(recommend(alice).path("modelVersion").asText()).isEqualTo("v20261126-100000-000"));

        // mug scores highest but Alice bought it; the retired product is inactive (seen within the
        // few seconds the catalog snapshot is cached)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(productIds(recommend(alice))).containsExactly(teapot, cup, kettle));
        assertThat(recommend(alice).path("items").get(0).path("score").asDouble()).isEqualTo(0.9);
        assertThat(productIds(recommend(newcomer))).as("unknown to the model: popular items")
                .containsExactly(cup, kettle, mug);
    }

    @Test
    @Order(3)
    void anIncompleteNewerVersionIsIgnored() {
        new ModelFolders(SERVER.modelsDir()).writeIncomplete("v20261126-110000-000",
                Map.of(alice, new float[] {0f, 1f}), Map.of(kettle, new float[] {1f, 1f}), Map.of());

        JsonNode reload = client().post("/api/admin/models/reload", "").json();

        assertThat(reload.path("servedVersion").asText()).isEqualTo("v20261126-100000-000");
        assertThat(reload.path("changed").asBoolean()).isFalse();
        assertThat(recommend(alice).path("modelVersion").asText()).isEqualTo("v20261126-100000-000");
    }

    @Test
    @Order(4)
    void aPromotedVersionReplacesTheServedOneAtomically() {
        ModelFolders folders = new ModelFolders(SERVER.modelsDir());
        folders.write("v20261126-120000-000",
                Map.of(alice, new float[] {0f, 2f}),
                Map.of(teapot, new float[] {1f, 0.1f}, kettle, new float[] {0f, 1f}, cup, new float[] {0f, 0.5f}),
                Map.of(teapot, 1.0));
        folders.promote("v20261126-120000-000");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(recommend(alice).path("modelVersion").asText()).isEqualTo("v20261126-120000-000"));
        JsonNode forAlice = recommend(alice);
        assertThat(productIds(forAlice)).containsExactly(kettle, cup, teapot);
        assertThat(forAlice.path("items").get(0).path("score").asDouble()).isEqualTo(2.0);
        assertThat(client().get("/api/admin/health").json().path("components").path("recommender").path("detail").asText())
                .contains("v20261126-120000-000");
    }

    @Test
    @Order(5)
    void currentWinsOverANewerVersion() {
        ModelFolders folders = new ModelFolders(SERVER.modelsDir());
        folders.write("v20261126-130000-000", Map.of(), Map.of(mug, new float[] {1f, 1f}), Map.of());
        folders.promote("v20261126-100000-000");

        JsonNode reload = client().post("/api/admin/models/reload", "").json();

        assertThat(reload.path("servedVersion").asText()).isEqualTo("v20261126-100000-000");
        assertThat(reload.path("changed").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void aBadLimitIs400() {
        assertThat(client().get("/api/recommendations/" + alice + "?limit=0").status()).isEqualTo(400);
        assertThat(client().get("/api/recommendations/" + alice + "?limit=x").status()).isEqualTo(400);
        assertThat(client().get("/api/recommendations/" + alice + "?limit=101").status()).isEqualTo(400);
    }
}
