package dev.streamcart.serving.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules around the scores: a cap per seller, cold starts in the user's favourite categories,
 * best sellers once the model is stale, and similar products with their two fallbacks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecommendationRulesApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final String FRESH = "v20261126-140000-000";
    private static final String STALE = "v20261126-150000-000";
    private static final String CROWDED = "v20261126-160000-000";

    private static Storefront shop;
    private static ApiClient admin;
    private static long categoryOne;
    private static long categoryTwo;
    private static long[] ofSellerOne;
    private static long q1;
    private static long q2;
    private static long r1;
    private static long lonely;
    private static long unmodelled;
    private static long knownUser;

    @BeforeAll
    static void catalogAndModel() {
        shop = SERVER.storefront();
        admin = SERVER.admin();
        long sellerOne = shop.seller();
        long sellerTwo = shop.seller();
        categoryOne = shop.category();
        categoryTwo = shop.category();
        long warehouse = shop.warehouse();
        ofSellerOne = new long[5];
        for (int i = 0; i < 5; i++) {
            ofSellerOne[i] = shop.product(sellerOne, categoryOne, "10.00");
        }
        q1 = shop.product(sellerTwo, categoryOne, "10.00");
        q2 = shop.product(sellerTwo, categoryOne, "10.00");
        r1 = shop.product(sellerTwo, categoryTwo, "10.00");
        lonely = shop.product(sellerTwo, categoryTwo, "10.00");
        unmodelled = shop.product(sellerTwo, categoryOne, "10.00");
        for (long product : List.of(ofSellerOne[0], ofSellerOne[1], ofSellerOne[2], ofSellerOne[3], ofSellerOne[4], q1, q2,
                r1, lonely, unmodelled)) {
            shop.receive(product, warehouse, 100);
        }
        knownUser = shop.user();
        // the best seller of category one, for the fallbacks
        assertThat(shop.placeOrder(shop.user(), q2, 2).status()).isEqualTo(201);

        // factors at widening angles: the user [1, 0] ranks seller one's five first, then q1, q2, r1
        Map<Long, float[]> items = new LinkedHashMap<>();
        items.put(ofSellerOne[0], new float[] {10f, 0f});
        items.put(ofSellerOne[1], new float[] {9f, 1f});
        items.put(ofSellerOne[2], new float[] {8f, 2f});
        items.put(ofSellerOne[3], new float[] {7f, 3f});
        items.put(ofSellerOne[4], new float[] {6f, 4f});
        items.put(q1, new float[] {5f, 5f});
        items.put(q2, new float[] {4f, 6f});
        items.put(r1, new float[] {3f, 7f});
        Map<Long, Double> popular = new LinkedHashMap<>();
        popular.put(ofSellerOne[0], 9.0);
        popular.put(ofSellerOne[1], 8.0);
        popular.put(ofSellerOne[2], 7.0);
        popular.put(ofSellerOne[3], 6.0);
        popular.put(r1, 5.0);
        ModelFolders folders = new ModelFolders(SERVER.modelsDir());
        folders.write(FRESH, Map.of(knownUser, new float[] {1f, 0f}), items, popular);
        Map<Long, Double> withLonely = new LinkedHashMap<>();
        withLonely.put(r1, 0.9);
        withLonely.put(ofSellerOne[0], 0.5);
        folders.writeCooccurrence(FRESH, Map.of(lonely, withLonely));
        folders.promote(FRESH);
        assertThat(admin.post("/api/admin/models/reload", "").json().path("servedVersion").asText()).isEqualTo(FRESH);
    }

    private static JsonNode recommend(long user, int limit) {
        ApiClient.Response response = admin.get("/api/recommendations/" + user + "?limit=" + limit);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode similar(long product, int limit) {
        ApiClient.Response response = SERVER.client().get("/api/products/" + product + "/similar?limit=" + limit);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<Long> ids(JsonNode answer) {
        return answer.path("items").findValuesAsText("productId").stream().map(Long::parseLong).toList();
    }

    @Test
    @Order(1)
    void atMostThreeItemsOfOneSellerAreRecommended() {
        JsonNode answer = recommend(knownUser, 5);

        assertThat(answer.path("source").asText()).isEqualTo("MODEL");
        assertThat(answer.path("variant").asText()).isEqualTo("A");
        assertThat(ids(answer)).containsExactly(ofSellerOne[0], ofSellerOne[1], ofSellerOne[2], q1, q2);
    }

    @Test
    @Order(2)
    void aColdStartGetsTrendingItemsInItsFavouriteCategoriesFirst() {
        long newcomer = shop.user();
        JsonNode plain = recommend(newcomer, 4);
        assertThat(plain.path("source").asText()).isEqualTo("POPULAR");
        assertThat(ids(plain)).as("popularity, seller one capped at three")
                .containsExactly(ofSellerOne[0], ofSellerOne[1], ofSellerOne[2], r1);

        long fan = shop.user();
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("favouriteCategoryIds", List.of(categoryTwo));
        assertThat(shop.as(fan).put("/api/users/" + fan + "/preferences", preferences).status()).isEqualTo(200);

        assertThat(ids(recommend(fan, 4))).containsExactly(r1, ofSellerOne[0], ofSellerOne[1], ofSellerOne[2]);
    }

    @Test
    @Order(3)
    void similarProductsRankByCosineAndLeaveOutWhatIsNotForSale() {
        JsonNode answer = similar(ofSellerOne[0], 3);
        assertThat(answer.path("source").asText()).isEqualTo("SIMILARITY");
        assertThat(answer.path("modelVersion").asText()).isEqualTo(FRESH);
        assertThat(ids(answer)).containsExactly(ofSellerOne[1], ofSellerOne[2], ofSellerOne[3]);

        SERVER.execute("UPDATE products SET is_active = false WHERE id = " + ofSellerOne[2]);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(ids(similar(ofSellerOne[0], 3))).containsExactly(ofSellerOne[1], ofSellerOne[3], ofSellerOne[4]));
    }

    @Test
    @Order(4)
    void withoutFactorsSimilarProductsComeFromCoOccurrenceThenFromTheCategorysBestSellers() {
        JsonNode byCooccurrence = similar(lonely, 5);
        assertThat(byCooccurrence.path("source").asText()).isEqualTo("COOCCURRENCE");
        assertThat(ids(byCooccurrence)).containsExactly(r1, ofSellerOne[0]);

        JsonNode byBestSellers = similar(unmodelled, 5);
        assertThat(byBestSellers.path("source").asText()).isEqualTo("BEST_SELLERS");
        assertThat(ids(byBestSellers)).containsExactly(q2);

        assertThat(SERVER.client().get("/api/products/999999999/similar").status()).isEqualTo(404);
        assertThat(SERVER.client().get("/api/products/" + lonely + "/similar?limit=101").status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void onceTheModelIsOlderThanADayColdStartsGetTheRecentBestSellers() {
        new ModelFolders(SERVER.modelsDir()).createdAt(Instant.now().minus(Duration.ofDays(2)))
                .write(STALE, Map.of(), Map.of(q1, new float[] {1f, 1f}), Map.of(q1, 1.0));
        new ModelFolders(SERVER.modelsDir()).promote(STALE);
        assertThat(admin.post("/api/admin/models/reload", "").json().path("servedVersion").asText()).isEqualTo(STALE);

        long newcomer = shop.user();
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("favouriteCategoryIds", List.of(categoryOne));
        assertThat(shop.as(newcomer).put("/api/users/" + newcomer + "/preferences", preferences).status())
                .isEqualTo(200);

        JsonNode answer = recommend(newcomer, 3);
        assertThat(answer.path("source").asText()).isEqualTo("BEST_SELLERS");
        assertThat(answer.path("modelVersion").asText()).isEqualTo(STALE);
        assertThat(ids(answer)).first().isEqualTo(q2);
    }

    @Test
    @Order(6)
    void aPageTheRememberedCandidatesCannotFillComesFromAFullScan() {
        // one seller holds more top-scored items than a user's remembered candidates: the seller cap
        // leaves three of them, and only a scan of every item finds what comes after
        long crowdedSeller = shop.seller();
        long otherSeller = shop.seller();
        long category = shop.category();
        Map<Long, float[]> items = new LinkedHashMap<>();
        int crowd = UserCandidates.SIZE + 2;
        long[] crowded = new long[crowd];
        for (int i = 0; i < crowd; i++) {
            crowded[i] = shop.product(crowdedSeller, category, "5.00");
            items.put(crowded[i], new float[] {1_000f - i, 0f});
        }
        long afterTheCrowd = shop.product(otherSeller, category, "5.00");
        long last = shop.product(otherSeller, category, "5.00");
        items.put(afterTheCrowd, new float[] {10f, 0f});
        items.put(last, new float[] {5f, 0f});
        long reader = shop.user();
        new ModelFolders(SERVER.modelsDir()).write(CROWDED, Map.of(reader, new float[] {1f, 0f}), items, Map.of());
        new ModelFolders(SERVER.modelsDir()).promote(CROWDED);
        assertThat(admin.post("/api/admin/models/reload", "").json().path("servedVersion").asText()).isEqualTo(CROWDED);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode control = admin.get("/api/admin/models").json().path("control");
            assertThat(control.path("version").asText()).isEqualTo(CROWDED);
            assertThat(control.path("usersWithCandidates").asInt()).as("scored ahead of requests").isEqualTo(1);
        });

        // the new products are for sale once the catalog snapshot (refreshed every few seconds) has them
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode answer = recommend(reader, 5);
            assertThat(answer.path("source").asText()).isEqualTo("MODEL");
            assertThat(ids(answer)).containsExactly(crowded[0], crowded[1], crowded[2], afterTheCrowd, last);
        });
    }
}
