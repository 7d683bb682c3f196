package dev.streamcart.serving.sellers;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Problems.assertProblem;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SellerApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    @Test
    void aSignedInUserRegistersASellerThatStartsUnverifiedAndIsPublicWithoutPrivateData() {
        long userId = shop.user();
        String email = "shop-" + UUID.randomUUID() + "@example.com";

        ApiClient.Response created = shop.as(userId).post("/api/sellers", json("name", "Tea House", "email", email,
                "businessType", "company", "taxId", "GB 123 4567 89"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Map<String, Object> row = db.single("SELECT user_id, is_verified, business_type, tax_id, commission_rate"
                + " FROM sellers WHERE id = ?", created.id());
        assertThat(row.get("user_id")).isEqualTo(userId);
        assertThat(row.get("is_verified")).isEqualTo(false);
        assertThat(row.get("business_type")).isEqualTo("company");
        assertThat(row.get("tax_id")).isEqualTo("GB 123 4567 89");
        assertThat((BigDecimal) row.get("commission_rate")).isEqualByComparingTo("15.00");
        ApiClient.Response profile = SERVER.client().get("/api/sellers/" + created.id());
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().path("name").asText()).isEqualTo("Tea House");
        assertThat(profile.json().path("verified").asBoolean()).isFalse();
        assertThat(profile.json().path("ratingCount").asInt()).isZero();
        assertThat(profile.json().path("ratingAverage").isNull()).isTrue();
        assertThat(profile.body()).doesNotContain(email).doesNotContain("4567").doesNotContain("commission");
    }

    @Test
    void badRegistrationsAreRefusedNamingTheField() {
        ApiClient account = shop.as(shop.user());

        assertProblem(account.post("/api/sellers", json("name", "X", "email", "x@example.com", "businessType", "cartel")),
                400, "businessType");
        assertProblem(account.post("/api/sellers", json("name", "X", "email", "x@example.com", "taxId", "1")), 400, "taxId");
        assertProblem(account.post("/api/sellers", json("name", "X", "email", "x@example.com", "taxId", "12'; DROP--")),
                400, "taxId");
        assertProblem(SERVER.client().post("/api/sellers", json("name", "X", "email", "x@example.com")), 401);
        assertThat(db.count("SELECT count(*) FROM sellers WHERE email = 'x@example.com'")).isZero();
    }

    @Test
    void anUnverifiedSellerCannotListProductsUntilAnAdminVerifiesIt() {
        long seller = shop.unverifiedSeller();
        long category = shop.category();

        ApiClient.Response refused = createProduct(seller, category);
        ApiClient.Response byCustomer = shop.as(shop.user()).post("/api/admin/sellers/" + seller + "/verify", "");
        ApiClient.Response bySeller = shop.asSeller(seller).post("/api/admin/sellers/" + seller + "/verify", "");
        ApiClient.Response verified = shop.admin().post("/api/admin/sellers/" + seller + "/verify", "");
        ApiClient.Response again = shop.admin().post("/api/admin/sellers/" + seller + "/verify", "");
        ApiClient.Response listed = createProduct(seller, category);

        assertProblem(refused, 403, "not verified");
        assertProblem(byCustomer, 403);
        assertProblem(bySeller, 403);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().path("verified").asBoolean()).isTrue();
        assertThat(again.json().path("verifiedAt").asText()).isEqualTo(verified.json().path("verifiedAt").asText());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(201);
        assertThat(db.count("SELECT count(*) FROM products WHERE seller_id = ?", seller)).isEqualTo(1);
        assertThat(SERVER.client().get("/api/sellers/" + seller).json().path("verified").asBoolean()).isTrue();
        assertProblem(shop.admin().post("/api/admin/sellers/999999/verify", ""), 404);
    }

    @Test
    void theAdminSetsACommissionFromZeroToFiftyPercent() {
        long seller = shop.seller();
        String path = "/api/admin/sellers/" + seller + "/commission";

        ApiClient.Response set = shop.admin().put(path, json("commissionRate", "12.5"));

        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("commissionRate").asText()).isEqualTo("12.50");
        assertThat(shop.admin().put(path, json("commissionRate", 0)).status()).isEqualTo(200);
        assertThat(shop.admin().put(path, json("commissionRate", "50.00")).status()).isEqualTo(200);
        assertProblem(shop.admin().put(path, json("commissionRate", "50.01")), 400, "commissionRate");
        assertProblem(shop.admin().put(path, json("commissionRate", "-1")), 400, "commissionRate");
        assertProblem(shop.admin().put(path, json("commissionRate", "ten")), 400, "commissionRate");
        assertProblem(shop.admin().put(path, json()), 400, "commissionRate");
        assertProblem(shop.asSeller(seller).put(path, json("commissionRate", "1.00")), 403);
        assertProblem(shop.admin().put("/api/admin/sellers/999999/commission", json("commissionRate", "1")), 404);
        assertThat((BigDecimal) db.single("SELECT commission_rate FROM sellers WHERE id = ?", seller).get("commission_rate"))
                .isEqualByComparingTo("50.00");
    }

    @Test
    void aSellerSeesOnlyItsOwnItemsOfAMultiSellerOrder() {
        long teaSeller = shop.seller();
        long potSeller = shop.seller();
        long tea = stocked(teaSeller, "4.00");
        long pot = stocked(potSeller, "30.00");
        long buyer = shop.user();
        long order = shop.placeOrder(buyer, tea, 3, pot, 1).id();

        JsonNode teaItems = shop.asSeller(teaSeller).get("/api/sellers/me/orders").json();
        JsonNode potItems = shop.asSeller(potSeller).get("/api/sellers/me/orders?status=PENDING_PAYMENT").json();

        assertThat(teaItems.path("total").asLong()).isEqualTo(1);
        JsonNode teaItem = teaItems.path("items").get(0);
        assertThat(teaItem.path("orderId").asLong()).isEqualTo(order);
        assertThat(teaItem.path("productId").asLong()).isEqualTo(tea);
        assertThat(teaItem.path("quantity").asInt()).isEqualTo(3);
        assertThat(teaItem.path("totalPrice").asText()).isEqualTo("12.00");
        assertThat(teaItem.path("orderStatus").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(potItems.path("items")).hasSize(1);
        assertThat(potItems.path("items").get(0).path("productId").asLong()).isEqualTo(pot);
        assertThat(shop.asSeller(potSeller).get("/api/sellers/me/orders?status=PAID").json().path("items")).isEmpty();
        assertProblem(shop.as(buyer).get("/api/sellers/me/orders"), 403);
        assertProblem(shop.asSeller(teaSeller).get("/api/sellers/me/orders?sellerId=" + potSeller), 400, "sellerId");
        assertProblem(shop.asSeller(teaSeller).get("/api/sellers/me/orders?status=LOST"), 400, "status");
        assertThat(shop.admin().get("/api/sellers/me/orders?sellerId=" + potSeller).json().path("items").get(0)
                .path("productId").asLong()).isEqualTo(pot);
    }

    @Test
    void salesCountPaidUnitsLessRefundsWithCommissionAndNetPayout() {
        long seller = shop.seller();
        shop.admin().put("/api/admin/sellers/" + seller + "/commission", json("commissionRate", "10.00"));
        long mug = stocked(seller, "19.99");
        long plate = stocked(seller, "5.05");
        long otherSellersProduct = stocked(shop.seller(), "100.00");
        long buyer = shop.user();
        List<Long> paid = new ArrayList<>();
        paid.add(shop.placeOrder(buyer, mug, 2, otherSellersProduct, 1).id());
        paid.add(shop.placeOrder(buyer, plate, 1).id());
        paid.forEach(order -> assertThat(shop.pay(order, GOOD_CARD).status()).isIn(200, 201));
        shop.placeOrder(buyer, mug, 5); // never paid
        shop.pay(shop.placeOrder(buyer, mug, 7).id(), "4000000000000002"); // declined
        long refunded = shop.placeOrder(buyer, plate, 3).id();
        shop.pay(refunded, GOOD_CARD);
        ApiClient.Response refund = shop.admin().post("/api/orders/" + refunded + "/refunds", json("reason", "broken"),
                "Idempotency-Key", "sales-" + refunded);
        assertThat(refund.status()).as(refund.toString()).isIn(200, 201);

        ApiClient.Response sales = shop.asSeller(seller).get("/api/sellers/me/sales");

        assertThat(sales.status()).as(sales.toString()).isEqualTo(200);
        JsonNode report = sales.json();
        assertThat(report.path("source").asText()).isEqualTo("postgresql");
        assertThat(report.path("commissionRate").asText()).isEqualTo("10.00");
        assertThat(report.path("totals")).hasSize(1);
        JsonNode usd = report.path("totals").get(0);
        assertThat(usd.path("currency").asText()).isEqualTo("USD");
        assertThat(usd.path("orders").asLong()).isEqualTo(2);
        assertThat(usd.path("units").asLong()).isEqualTo(3);
        assertThat(usd.path("revenue").asText()).isEqualTo("45.03"); // 2 x 19.99 + 5.05
        assertThat(usd.path("commission").asText()).isEqualTo("4.50"); // 4.503 half-even
        assertThat(usd.path("netPayout").asText()).isEqualTo("40.53");

        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
        assertThat(shop.asSeller(seller).get("/api/sellers/me/sales?from=" + tomorrow).json().path("totals"))
                .as("a window after every sale").isEmpty();
        assertProblem(shop.asSeller(seller).get("/api/sellers/me/sales?from=yesterday"), 400, "from");
        assertProblem(shop.asSeller(seller).get("/api/sellers/me/sales?from=2026-01-02&to=2026-01-01"), 400, "from");
        assertProblem(shop.asSeller(seller).get("/api/sellers/me/sales?from=2020-01-01&to=2026-01-01"), 400, "366");
        assertProblem(shop.as(buyer).get("/api/sellers/me/sales"), 403);
    }

    private long stocked(long seller, String price) {
        return shop.stockedProduct(seller, shop.category(), price, 50);
    }

    private ApiClient.Response createProduct(long seller, long category) {
        return shop.asSeller(seller).post("/api/products", json("categoryId", category, "sku", "SKU-" + UUID.randomUUID(),
                "name", "Green tea", "price", "3.50"));
    }
}
