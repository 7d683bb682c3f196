package dev.streamcart.serving.reviews;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Problems.assertProblem;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReviewApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    @Test
    void onlyABuyerWithAPaidOrderMayReviewAndOnlyOnce() {
        long product = stockedProduct(shop.seller());
        long stranger = shop.user();
        long unpaidBuyer = shop.user();
        shop.placeOrder(unpaidBuyer, product, 1);
        long declinedBuyer = shop.user();
        shop.pay(shop.placeOrder(declinedBuyer, product, 1).id(), "4000000000000002");
        long buyer = buyerOf(product);

        ApiClient.Response byStranger = review(stranger, product, 5);
        ApiClient.Response byUnpaid = review(unpaidBuyer, product, 5);
        ApiClient.Response byDeclined = review(declinedBuyer, product, 5);
        ApiClient.Response anonymous = SERVER.client().post("/api/products/" + product + "/reviews", reviewBody(5));
        ApiClient.Response first = review(buyer, product, 4);
        ApiClient.Response second = review(buyer, product, 1);

        assertProblem(byStranger, 403);
        assertProblem(byUnpaid, 403);
        assertProblem(byDeclined, 403);
        assertProblem(anonymous, 401);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("rating").asInt()).isEqualTo(4);
        assertThat(first.json().path("verifiedPurchase").asBoolean()).isTrue();
        assertThat(first.json().path("author").asText()).isEqualTo("Ada L.");
        assertProblem(second, 409);
        assertThat(db.count("SELECT count(*) FROM reviews WHERE product_id = ?", product)).isEqualTo(1);
        assertThat(db.single("SELECT rating FROM reviews WHERE product_id = ?", product).get("rating")).isEqualTo(4);
    }

    @Test
    void aShippedOrDeliveredOrderStillCountsAsAPurchaseButAFullyRefundedOneDoesNot() {
        long product = stockedProduct(shop.seller());
        ApiClient admin = shop.admin();
        long shippedBuyer = buyerOf(product);
        long shippedOrder = lastOrderOf(shippedBuyer);
        ApiClient.Response shipment = admin.post("/api/orders/" + shippedOrder + "/shipments",
                json("carrier", "streampost", "trackingNumber", "RV-" + shippedOrder));
        assertThat(shipment.status()).as(shipment.toString()).isEqualTo(201);
        long deliveredBuyer = buyerOf(product);
        long deliveredOrder = lastOrderOf(deliveredBuyer);
        ApiClient.Response delivery = admin.post("/api/shipments/" + admin.post("/api/orders/" + deliveredOrder
                + "/shipments", json("carrier", "streampost", "trackingNumber", "RV-" + deliveredOrder)).id()
                + "/tracking-events", json("status", "DELIVERED", "location", "Door"));
        assertThat(delivery.status()).as(delivery.toString()).isIn(200, 201);
        long refundedBuyer = buyerOf(product);
        long refundedOrder = lastOrderOf(refundedBuyer);
        assertThat(admin.post("/api/orders/" + refundedOrder + "/refunds", json("reason", "changed mind"),
                "Idempotency-Key", "review-refund-" + refundedOrder).status()).isIn(200, 201);

        assertThat(db.orderStatus(shippedOrder)).isEqualTo("SHIPPED");
        assertThat(db.orderStatus(deliveredOrder)).isEqualTo("DELIVERED");
        assertThat(db.orderStatus(refundedOrder)).isEqualTo("REFUNDED");
        assertThat(review(shippedBuyer, product, 4).status()).isEqualTo(201);
        assertThat(review(deliveredBuyer, product, 5).status()).isEqualTo(201);
        assertProblem(review(refundedBuyer, product, 1), 403, "verified purchasers");
    }

    @Test
    void productAndSellerRatingsFollowEveryReviewInItsTransaction() {
        long seller = shop.seller();
        long mug = stockedProduct(seller);
        long cup = stockedProduct(seller);

        assertThat(review(buyerOf(mug), mug, 5).status()).isEqualTo(201);
        assertThat(review(buyerOf(mug), mug, 2).status()).isEqualTo(201);
        assertThat(review(buyerOf(cup), cup, 3).status()).isEqualTo(201);

        Map<String, Object> mugRow = db.single("SELECT rating_avg, rating_count FROM products WHERE id = ?", mug);
        assertThat((BigDecimal) mugRow.get("rating_avg")).isEqualByComparingTo("3.50");
        assertThat(mugRow.get("rating_count")).isEqualTo(2);
        Map<String, Object> sellerRow = db.single("SELECT rating_average, rating_count FROM sellers WHERE id = ?", seller);
        assertThat((BigDecimal) sellerRow.get("rating_average")).isEqualByComparingTo("3.33");
        assertThat(sellerRow.get("rating_count")).isEqualTo(3);
        JsonNode page = shop.admin().get("/api/products/" + mug + "/reviews").json();
        assertThat(page.path("ratingAverage").asText()).isEqualTo("3.50");
        assertThat(page.path("ratingCount").asInt()).isEqualTo(2);
        JsonNode profile = SERVER.client().get("/api/sellers/" + seller).json();
        assertThat(profile.path("ratingAverage").asText()).isEqualTo("3.33");
        assertThat(profile.path("ratingCount").asInt()).isEqualTo(3);
    }

    @Test
    void concurrentReviewsOfOneSellerLeaveExactRatings() throws Exception {
        long seller = shop.seller();
        long first = stockedProduct(seller);
        long second = stockedProduct(seller);
        List<long[]> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long product = i % 2 == 0 ? first : second;
            writers.add(new long[] {buyerOf(product), product, 1 + i % 5});
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiClient.Response>> results = new ArrayList<>();
            for (long[] writer : writers) {
                results.add(pool.submit(() -> review(writer[0], writer[1], (int) writer[2])));
            }
            for (Future<ApiClient.Response> result : results) {
                assertThat(result.get().status()).as(result.get().toString()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }

        // ratings 1, 3, 5, 2 on the first product and 2, 4, 1, 3 on the second: 21 stars over 8 reviews
        Map<String, Object> firstRow = db.single("SELECT rating_avg, rating_count FROM products WHERE id = ?", first);
        assertThat(firstRow.get("rating_count")).isEqualTo(4);
        assertThat((BigDecimal) firstRow.get("rating_avg")).isEqualByComparingTo(
                db.single("SELECT round(avg(rating), 2) AS a FROM reviews WHERE product_id = ?", first).get("a").toString());
        Map<String, Object> sellerRow = db.single("SELECT rating_average, rating_count FROM sellers WHERE id = ?", seller);
        assertThat(sellerRow.get("rating_count")).isEqualTo(8);
        assertThat((BigDecimal) sellerRow.get("rating_average")).isEqualByComparingTo("2.63");
    }

    @Test
    void reviewsArePagedNewestFirstOrMostHelpfulFirst() {
        long product = stockedProduct(shop.seller());
        long oldest = review(buyerOf(product), product, 5).id();
        long middle = review(buyerOf(product), product, 4).id();
        long newest = review(buyerOf(product), product, 3).id();
        long voter = shop.user();
        long otherVoter = shop.user();

        ApiClient.Response vote = shop.as(voter).post("/api/reviews/" + oldest + "/helpful", "");
        ApiClient.Response again = shop.as(voter).post("/api/reviews/" + oldest + "/helpful", "");
        shop.as(otherVoter).post("/api/reviews/" + oldest + "/helpful", "");
        shop.as(voter).post("/api/reviews/" + middle + "/helpful", "");

        assertThat(vote.json().path("helpfulCount").asInt()).isEqualTo(1);
        assertThat(vote.json().path("counted").asBoolean()).isTrue();
        assertThat(again.json().path("helpfulCount").asInt()).isEqualTo(1);
        assertThat(again.json().path("counted").asBoolean()).isFalse();
        assertThat(ids(SERVER.client().get("/api/products/" + product + "/reviews"))).containsExactly(newest, middle, oldest);
        assertThat(ids(SERVER.client().get("/api/products/" + product + "/reviews?sort=helpful")))
                .containsExactly(oldest, middle, newest);
        ApiClient.Response secondPage = SERVER.client().get("/api/products/" + product + "/reviews?size=2&page=1");
        assertThat(ids(secondPage)).containsExactly(oldest);
        assertThat(secondPage.json().path("total").asLong()).isEqualTo(3);
        assertThat(secondPage.json().path("items").get(0).path("helpfulCount").asInt()).isEqualTo(2);
    }

    @Test
    void anAuthorCannotVoteForTheirOwnReview() {
        long product = stockedProduct(shop.seller());
        long author = buyerOf(product);
        long reviewId = review(author, product, 5).id();

        assertProblem(shop.as(author).post("/api/reviews/" + reviewId + "/helpful", ""), 422);
        assertProblem(shop.as(author).post("/api/reviews/999999/helpful", ""), 404);
        assertThat(db.count("SELECT count(*) FROM review_votes WHERE review_id = ?", reviewId)).isZero();
    }

    @Test
    void badReviewsAreRefusedNamingTheFieldAndStoreNothing() {
        long product = stockedProduct(shop.seller());
        long buyer = buyerOf(product);
        ApiClient client = shop.as(buyer);
        String path = "/api/products/" + product + "/reviews";

        assertProblem(client.post(path, json("rating", 0, "title", "t", "text", "x")), 400, "rating");
        assertProblem(client.post(path, json("rating", 6, "title", "t", "text", "x")), 400, "rating");
        assertProblem(client.post(path, json("rating", "five", "title", "t", "text", "x")), 400, "rating");
        assertProblem(client.post(path, json("rating", 4.5, "title", "t", "text", "x")), 400, "rating");
        assertProblem(client.post(path, json("rating", 4, "text", "x")), 400, "title");
        assertProblem(client.post(path, json("rating", 4, "title", "t")), 400, "text");
        assertProblem(client.post(path, json("rating", 4, "title", "t".repeat(201), "text", "x")), 400, "title");
        assertProblem(client.post(path, json("rating", 4, "title", "t", "text", "x".repeat(5_001))), 400, "text");
        assertProblem(client.post(path, "{\"rating\": 4,"), 400);
        assertProblem(client.post("/api/products/999999/reviews", reviewBody(4)), 404);
        assertProblem(client.post("/api/products/abc/reviews", reviewBody(4)), 400);
        assertProblem(SERVER.client().get("/api/products/999999/reviews"), 404);
        assertProblem(SERVER.client().get(path + "?sort=best"), 400, "sort");
        assertProblem(SERVER.client().get(path + "?size=0"), 400, "size");
        assertProblem(SERVER.client().get(path + "?page=-1"), 400, "page");
        assertThat(db.count("SELECT count(*) FROM reviews WHERE product_id = ?", product)).isZero();

        ApiClient.Response quoted = client.post(path, json("rating", 4, "title", "'; DROP TABLE reviews; --",
                "text", "Robert'); DELETE FROM products; --"));
        assertThat(quoted.status()).isEqualTo(201);
        assertThat(quoted.json().path("title").asText()).isEqualTo("'; DROP TABLE reviews; --");
    }

    private long stockedProduct(long seller) {
        return shop.stockedProduct(seller, shop.category(), "12.00", 100);
    }

    /** A new customer with a paid order holding the product. */
    private long buyerOf(long product) {
        long buyer = shop.user();
        ApiClient.Response order = shop.placeOrder(buyer, product, 1);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        ApiClient.Response paid = shop.pay(order.id(), GOOD_CARD);
        assertThat(paid.status()).as(paid.toString()).isIn(200, 201);
        return buyer;
    }

    private long lastOrderOf(long user) {
        return (Long) db.single("SELECT max(id) AS id FROM orders WHERE user_id = ?", user).get("id");
    }

    private ApiClient.Response review(long user, long product, int rating) {
        return shop.as(user).post("/api/products/" + product + "/reviews", reviewBody(rating));
    }

    private static Map<String, Object> reviewBody(int rating) {
        return json("rating", rating, "title", rating + " stars", "text", "Solid and well made.");
    }

    private static List<Long> ids(ApiClient.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        page.json().path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }
}
