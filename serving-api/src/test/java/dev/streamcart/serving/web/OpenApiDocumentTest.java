package dev.streamcart.serving.web;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.ServingApi;
import dev.streamcart.serving.analytics.ClickHouseFixture;
import dev.streamcart.serving.photos.TestImages;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import dev.streamcart.serving.testing.StreamsInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Holds the running API to its hand-written OpenAPI 3.1 document, in both directions: every route
 * is documented, every documented operation is served, and real answers of every route, successes
 * and refusals alike, match the declared status, content type and JSON Schema (validated by
 * {@link OpenApiContract}). The read models and the sales table are fed directly (Kafka topics,
 * ClickHouse table), so their 200 answers are checked too.
 */
class OpenApiDocumentTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().streams().clickHouse();

    private static final OpenApiContract CONTRACT = OpenApiContract.load();

    /** Routes some test of this class checked against the document; @AfterAll wants every route here. */
    private static final Set<ServingApi.Route> EXERCISED_ELSEWHERE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Set<ServingApi.Route> exercised = new LinkedHashSet<>();
    private final List<String> violations = new ArrayList<>();

    @BeforeAll
    static void feedReadModelsAndSales() throws Exception {
        clickHouse("CREATE DATABASE IF NOT EXISTS streamcart");
        clickHouse("""
                CREATE TABLE IF NOT EXISTS streamcart.sales_per_minute (minute DateTime, category_id UInt64,
                  orders UInt64, units UInt64, revenue_cents Int64, version UInt64)
                ENGINE = ReplacingMergeTree(version) ORDER BY (minute, category_id)""");
        long minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES).getEpochSecond();
        clickHouse("INSERT INTO streamcart.sales_per_minute VALUES (toDateTime(" + minute + "), 3, 2, 3, 5997, 1)");
    }

    @Test
    void everyRegisteredRouteIsDocumented() {
        List<ServingApi.Route> documented = CONTRACT.operations();

        assertThat(SERVER.api().routes()).hasSizeGreaterThanOrEqualTo(29);
        assertThat(documented).containsAll(SERVER.api().routes());
    }

    @Test
    void everyDocumentedOperationIsServed() {
        assertThat(SERVER.api().routes()).containsAll(CONTRACT.operations());
    }

    @Test
    void theDocumentIsServedAsOpenApi31WithEveryReferenceResolvable() {
        ApiClient.Response response = SERVER.client().get("/openapi.yaml");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith("openapi: 3.1.0");
        List<String> references = new ArrayList<>();
        CONTRACT.document().findValues("$ref").forEach(ref -> references.add(ref.asText()));
        assertThat(references).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/components/");
            String[] segments = ref.substring(2).split("/");
            assertThat(CONTRACT.document().at("/" + String.join("/", segments)).isMissingNode()).as(ref).isFalse();
        });
    }

    @Test
    void theContractCatchesAResponseThatBreaksItsSchema() {
        // a checker that passes everything proves nothing: these must be refused
        assertThat(CONTRACT.violations("GET", "/api/products/{id}", new ApiClient.Response(200, "application/json",
                "{\"id\":1,\"sellerId\":1,\"categoryId\":1,\"sku\":\"S\",\"name\":\"N\",\"description\":null,"
                        + "\"price\":19.99,\"currency\":\"USD\",\"active\":true,\"stock\":null}")))
                .as("money as a JSON number").isNotEmpty();
        assertThat(CONTRACT.violations("POST", "/api/orders", new ApiClient.Response(201, "application/json",
                "{\"id\":1,\"userId\":1,\"status\":\"SHIPPING\",\"total\":\"1.00\",\"currency\":\"USD\",\"items\":[]}")))
                .as("a status outside the enum").isNotEmpty();
        assertThat(CONTRACT.violations("POST", "/api/orders", new ApiClient.Response(400, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Bad\",\"status\":400}"))).as("a problem without detail").isNotEmpty();
        assertThat(CONTRACT.violations("POST", "/api/orders", new ApiClient.Response(400, "application/json",
                "{\"type\":\"about:blank\",\"title\":\"Bad\",\"status\":400,\"detail\":\"x\"}"))).as("problem as plain JSON").isNotEmpty();
        assertThat(CONTRACT.violations("GET", "/api/stock/{productId}", new ApiClient.Response(418, "application/json", "{}")))
                .as("an undeclared status").isNotEmpty();
    }

    @Test
    void everyRouteAnswersAsDocumented() throws Exception {
        ApiClient anonymous = SERVER.client();
        Storefront shop = new Storefront(anonymous);
        ApiClient admin = shop.admin();

        check("GET", "/openapi.yaml", anonymous.get("/openapi.yaml"));
        check("GET", "/docs", anonymous.get("/docs"));
        check("GET", "/dashboard", anonymous.get("/dashboard"));

        // accounts
        String email = "contract-" + UUID.randomUUID() + "@example.com";
        check("POST", "/api/users", anonymous.post("/api/users", json("email", email, "password", Storefront.PASSWORD,
                "firstName", "Grace", "lastName", "Hopper")));
        ApiClient.Response login = anonymous.post("/api/auth/login", json("email", email, "password", Storefront.PASSWORD));
        check("POST", "/api/auth/login", login);
        ApiClient grace = anonymous.withToken(login.json().path("token").asText());
        check("GET", "/api/auth/me", grace.get("/api/auth/me"));
        check("POST", "/api/auth/logout", grace.post("/api/auth/logout", ""));
        check("GET", "/api/auth/me", grace.get("/api/auth/me"));
        check("POST", "/api/auth/login", anonymous.post("/api/auth/login", json("email", email, "password", "wrong password")));

        // catalog and stock
        long userForSeller = shop.user();
        check("POST", "/api/sellers", shop.as(userForSeller).post("/api/sellers",
                json("name", "Contract seller", "email", "contract-seller-" + UUID.randomUUID() + "@example.com")));
        check("POST", "/api/sellers", shop.as(userForSeller).post("/api/sellers", json("name", "no e-mail")));
        ApiClient.Response category = admin.post("/api/categories", json("name", "Contract category"));
        check("POST", "/api/categories", category);
        check("POST", "/api/categories", shop.as(userForSeller).post("/api/categories", json("name", "not an admin")));
        ApiClient.Response warehouse = admin.post("/api/warehouses", json("name", "Contract warehouse", "region", "eu-west"));
        check("POST", "/api/warehouses", warehouse);
        long seller = shop.seller();
        ApiClient.Response product = shop.asSeller(seller).post("/api/products", json("sellerId", seller,
                "categoryId", category.id(), "sku", "CONTRACT-" + UUID.randomUUID(), "name", "Contract product",
                "description", "A product", "price", "7.00"));
        check("POST", "/api/products", product);
        check("POST", "/api/products", anonymous.post("/api/products", json("sku", "x")));
        check("POST", "/api/inventory/receipts", shop.asSeller(seller).post("/api/inventory/receipts",
                json("productId", product.id(), "warehouseId", warehouse.id(), "quantity", 20)));
        check("POST", "/api/inventory/receipts", shop.asSeller(seller).post("/api/inventory/receipts",
                json("productId", product.id(), "warehouseId", warehouse.id(), "quantity", -1)));
        check("GET", "/api/products/{id}", anonymous.get("/api/products/" + product.id(), "X-Session-Id", "contract"));
        check("GET", "/api/products/{id}", anonymous.get("/api/products/999999"));
        check("GET", "/api/products/{id}", anonymous.get("/api/products/abc"));
        check("GET", "/api/stock/{productId}", anonymous.get("/api/stock/" + product.id() + "000"));
        SERVER.topicWriter().commit(Topics.INVENTORY_CHANGES, product.id(),
                StreamsInputs.inventoryRow(product.id(), warehouse.id(), 20, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> anonymous.get("/api/stock/" + product.id()).status() == 200);
        check("GET", "/api/stock/{productId}", anonymous.get("/api/stock/" + product.id()));
        check("GET", "/api/products/{id}", anonymous.get("/api/products/" + product.id()));

        // orders and payments
        long buyer = shop.user();
        ApiClient asBuyer = shop.as(buyer);
        ApiClient.Response order = shop.placeOrder(buyer, product.id(), 2);
        check("POST", "/api/orders", order);
        check("POST", "/api/orders", shop.placeOrder(buyer, product.id(), 1000));
        check("POST", "/api/orders", asBuyer.post("/api/orders", "{not json", "Idempotency-Key", "k-" + UUID.randomUUID()));
        check("POST", "/api/orders", anonymous.post("/api/orders", Storefront.orderBody(buyer, product.id(), 1),
                "Idempotency-Key", "k-" + UUID.randomUUID()));
        String reused = "reused-" + UUID.randomUUID();
        shop.placeOrder(reused, buyer, product.id(), 1);
        check("POST", "/api/orders", shop.placeOrder(reused, buyer, product.id(), 2));
        check("GET", "/api/orders/{id}", asBuyer.get("/api/orders/" + order.id()));
        SERVER.topicWriter().commit(Topics.ORDER_EVENTS, order.id(),
                StreamsInputs.placed(order.id(), buyer, product.id(), 2, 700, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> asBuyer.get("/api/orders/" + order.id()).status() == 200);
        check("GET", "/api/orders/{id}", asBuyer.get("/api/orders/" + order.id()));
        check("GET", "/api/orders/{id}", shop.as(shop.user()).get("/api/orders/" + order.id()));
        check("POST", "/api/orders/{id}/payments", shop.pay(order.id(), GOOD_CARD));
        check("POST", "/api/orders/{id}/payments", shop.pay(order.id(), GOOD_CARD));
        check("POST", "/api/orders/{id}/payments", shop.pay(shop.placeOrder(buyer, product.id(), 1).id(), "4000000000000002"));
        check("POST", "/api/orders/{id}/payments", shop.pay(shop.placeOrder(buyer, product.id(), 1).id(), "4242424242424241"));
        long cancelled = shop.placeOrder(buyer, product.id(), 1).id();
        check("POST", "/api/orders/{id}/cancel", asBuyer.post("/api/orders/" + cancelled + "/cancel", ""));
        check("POST", "/api/orders/{id}/cancel", asBuyer.post("/api/orders/" + cancelled + "/cancel", ""));

        // shipping, refunds, notifications
        check("GET", "/api/orders/{id}/shipping-options", asBuyer.get("/api/orders/" + order.id() + "/shipping-options?region=us-east"));
        check("GET", "/api/orders/{id}/shipping-options", asBuyer.get("/api/orders/" + order.id() + "/shipping-options?region=no%20way"));
        check("POST", "/api/orders/{id}/fulfil", admin.post("/api/orders/" + order.id() + "/fulfil", ""));
        ApiClient.Response shipment = admin.post("/api/orders/" + order.id() + "/shipments",
                json("carrier", "streampost", "trackingNumber", "CONTRACT-" + order.id()));
        check("POST", "/api/orders/{id}/shipments", shipment);
        check("POST", "/api/orders/{id}/shipments", admin.post("/api/orders/" + order.id() + "/shipments",
                json("carrier", "pigeon", "trackingNumber", "X")));
        check("POST", "/api/shipments/{id}/tracking-events", admin.post("/api/shipments/" + shipment.id() + "/tracking-events",
                json("status", "DELIVERED", "location", "Door")));
        check("POST", "/api/shipments/{id}/tracking-events", admin.post("/api/shipments/" + shipment.id() + "/tracking-events",
                json("status", "LOST")));
        check("GET", "/api/orders/{id}/tracking", asBuyer.get("/api/orders/" + order.id() + "/tracking"));
        long refunded = shop.placeOrder(buyer, product.id(), 1).id();
        shop.pay(refunded, GOOD_CARD);
        check("POST", "/api/orders/{id}/refunds", admin.post("/api/orders/" + refunded + "/refunds", json("reason", "test"),
                "Idempotency-Key", "refund-" + refunded));
        check("POST", "/api/orders/{id}/refunds", admin.post("/api/orders/" + refunded + "/refunds", json("reason", "again"),
                "Idempotency-Key", "refund-again-" + refunded));
        check("GET", "/api/users/{id}/notifications", asBuyer.get("/api/users/" + buyer + "/notifications"));
        check("GET", "/api/users/{id}/notifications", asBuyer.get("/api/users/" + userForSeller + "/notifications"));

        // recommendations, analytics, operations
        check("GET", "/api/recommendations/{userId}", asBuyer.get("/api/recommendations/" + buyer + "?limit=5"));
        check("GET", "/api/recommendations/{userId}", asBuyer.get("/api/recommendations/" + buyer + "?limit=0"));
        check("GET", "/api/products/{id}/similar", anonymous.get("/api/products/" + product.id() + "/similar?limit=5"));
        check("GET", "/api/products/{id}/similar", anonymous.get("/api/products/" + product.id() + "000/similar"));
        check("GET", "/api/products/{id}/similar", anonymous.get("/api/products/" + product.id() + "/similar?limit=0"));
        check("GET", "/api/products/{id}", anonymous.get("/api/products/" + product.id() + "?rec=C"));
        check("GET", "/api/admin/models", admin.get("/api/admin/models"));
        check("GET", "/api/admin/models", asBuyer.get("/api/admin/models"));
        check("POST", "/api/admin/models/reload", admin.post("/api/admin/models/reload", ""));
        check("POST", "/api/admin/models/reload", asBuyer.post("/api/admin/models/reload", ""));
        check("GET", "/api/analytics/sales", admin.get("/api/analytics/sales?minutes=60"));
        check("GET", "/api/analytics/sales", admin.get("/api/analytics/sales?minutes=0"));
        await().atMost(Duration.ofSeconds(60)).until(() -> anonymous.get("/health").status() == 200);
        check("GET", "/health", anonymous.get("/health"));
        check("GET", "/health/live", anonymous.get("/health/live"));
        check("GET", "/api/admin/health", admin.get("/api/admin/health"));
        check("GET", "/api/admin/health", asBuyer.get("/api/admin/health"));
        check("GET", "/api/admin/health", anonymous.get("/api/admin/health"));

        EXERCISED_ELSEWHERE.addAll(exercised);
        assertThat(violations).isEmpty();
    }

    private void check(String method, String path, ApiClient.Response response) {
        exercised.add(new ServingApi.Route(method, path));
        CONTRACT.violations(method, path, response).forEach(violation ->
                violations.add(method + " " + path + " -> " + response.status() + ": " + violation + "\n    body: "
                        + abbreviated(response.body())));
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static void clickHouse(String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SERVER.infrastructure().clickHouseUrl() + "/"))
                        .POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(sql + " -> " + response.body()).isEqualTo(200);
    }

    @Test
    void reviewSellerAndProfileResponsesMatchTheirSchemas() {
        Storefront shop = SERVER.storefront();
        ApiClient admin = shop.admin();
        long seller = shop.seller();
        long product = shop.stockedProduct(seller, shop.category(), "8.00", 10);
        long buyer = shop.user();
        ApiClient me = shop.as(buyer);
        long order = shop.placeOrder(buyer, product, 1).id();
        shop.pay(order, GOOD_CARD);
        ApiClient.Response review = me.post("/api/products/" + product + "/reviews",
                json("rating", 4, "title", "Good", "text", "Does the job."));
        ApiClient.Response address = me.post("/api/users/" + buyer + "/addresses", json("type", "shipping",
                "firstName", "Ada", "lastName", "Lovelace", "line1", "1 Main St", "city", "Leeds", "postalCode", "LS1 1AA",
                "country", "GB"));

        assertConforms(me.get("/api/users/" + buyer), "/api/users/{id}", "get");
        assertConforms(me.patch("/api/users/" + buyer, json("phone", "+44 113 496 0000")), "/api/users/{id}", "patch");
        assertConforms(address, "/api/users/{id}/addresses", "post");
        assertConforms(me.get("/api/users/" + buyer + "/addresses"), "/api/users/{id}/addresses", "get");
        assertConforms(me.patch("/api/users/" + buyer + "/addresses/" + address.id(), json("line2", "Flat 1")),
                "/api/users/{id}/addresses/{addressId}", "patch");
        assertConforms(me.get("/api/users/" + buyer + "/preferences"), "/api/users/{id}/preferences", "get");
        assertConforms(me.put("/api/users/" + buyer + "/preferences", json("language", "fr")),
                "/api/users/{id}/preferences", "put");
        assertConforms(shop.as(shop.user()).get("/api/users/" + buyer), "/api/users/{id}", "get");
        assertConforms(SERVER.client().get("/api/sellers/" + seller), "/api/sellers/{id}", "get");
        assertConforms(admin.post("/api/admin/sellers/" + seller + "/verify", ""), "/api/admin/sellers/{id}/verify", "post");
        assertConforms(admin.put("/api/admin/sellers/" + seller + "/commission", json("commissionRate", "9.99")),
                "/api/admin/sellers/{id}/commission", "put");
        assertConforms(shop.asSeller(seller).get("/api/sellers/me/orders"), "/api/sellers/me/orders", "get");
        assertConforms(shop.asSeller(seller).get("/api/sellers/me/sales"), "/api/sellers/me/sales", "get");
        assertConforms(review, "/api/products/{id}/reviews", "post");
        assertConforms(me.post("/api/products/" + product + "/reviews", json("rating", 4, "title", "Again", "text", "x")),
                "/api/products/{id}/reviews", "post");
        assertConforms(shop.as(shop.user()).post("/api/products/" + product + "/reviews",
                json("rating", 4, "title", "Never bought", "text", "x")), "/api/products/{id}/reviews", "post");
        assertConforms(me.postBytes("/api/reviews/" + review.id() + "/photos", "image/png",
                TestImages.png(1)), "/api/reviews/{id}/photos", "post");
        assertConforms(me.postBytes("/api/reviews/" + review.id() + "/photos", "image/gif", new byte[] {1}),
                "/api/reviews/{id}/photos", "post");
        assertConforms(shop.as(shop.user()).post("/api/reviews/" + review.id() + "/helpful", ""),
                "/api/reviews/{id}/helpful", "post");
        assertConforms(SERVER.client().get("/api/products/" + product + "/reviews?sort=helpful"),
                "/api/products/{id}/reviews", "get");
        assertConforms(SERVER.client().get("/api/photos/" + "0".repeat(64)), "/api/photos/{sha256}", "get");
    }

    @Test
    void paymentResponsesMatchTheirSchemas() {
        Storefront shop = SERVER.storefront();
        long seller = shop.seller();
        long product = shop.stockedProduct(seller, shop.category(), "8.00", 50);
        long user = shop.user();
        ApiClient buyer = shop.as(user);
        String payments = "/api/orders/{id}/payments";

        assertConforms(buyer.post("/api/orders/" + shop.placeOrder(user, product, 1).id() + "/payments",
                json("method", "wallet", "walletId", "wal_openapi"), "Idempotency-Key", "oa-wallet-" + user), payments, "post");
        assertConforms(shop.pay(shop.placeOrder(user, product, 1).id(), "4000000000000069"), payments, "post");
        assertConforms(shop.pay(shop.placeOrder(user, product, 1).id(), "4000000000000119"), payments, "post");
        long manual = shop.placeOrder(user, product, 1).id();
        assertConforms(buyer.post("/api/orders/" + manual + "/payments", json("method", "card", "cardNumber",
                GOOD_CARD, "capture", "manual"), "Idempotency-Key", "oa-manual-" + manual), payments, "post");
        assertConforms(shop.asSeller(seller).post("/api/orders/" + manual + "/payments/capture", ""),
                "/api/orders/{id}/payments/capture", "post");
        long voided = shop.placeOrder(user, product, 1).id();
        buyer.post("/api/orders/" + voided + "/payments", json("method", "bank_transfer", "iban", "GB82WEST12345698765432",
                "capture", "manual"), "Idempotency-Key", "oa-void-" + voided);
        assertConforms(buyer.post("/api/orders/" + voided + "/payments/void", ""), "/api/orders/{id}/payments/void", "post");
        long repriced = shop.placeOrder(user, product, 1).id();
        SERVER.execute("UPDATE products SET price = 9.00 WHERE id = " + product);
        ApiClient.Response blocked = shop.pay(repriced, GOOD_CARD);
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(402);
        assertConforms(blocked, payments, "post");
    }

    /** Checks one response against its documented schema and counts its route as exercised. */
    private static void assertConforms(ApiClient.Response response, String path, String method) {
        String verb = method.toUpperCase(java.util.Locale.ROOT);
        EXERCISED_ELSEWHERE.add(new ServingApi.Route(verb, path));
        assertThat(CONTRACT.violations(verb, path, response)).as(verb + " " + path + " -> " + response).isEmpty();
    }

    @Test
    void catalogAndSearchResponsesCarryEveryFieldTheirSchemaRequires() {
        ApiClient client = SERVER.client();
        Storefront shop = new Storefront(client);
        ApiClient admin = shop.admin();
        long root = shop.category();
        ApiClient.Response child = admin.post("/api/categories", json("name", "Child", "parentId", root));
        long seller = shop.seller();
        ApiClient owner = shop.asSeller(seller);
        long product = owner.post("/api/products", json("categoryId", child.id(), "sku", "OPENAPI-CATALOG",
                "name", "Blue kettle", "price", "30.00", "brand", "Hearth", "weightGrams", 900,
                "attributes", json("colour", "blue"), "tags", java.util.List.of("kettle"),
                "images", java.util.List.of(json("url", "https://img.example.com/k.jpg")))).id();

        assertConforms(client.get("/api/categories"), "/api/categories", "get");
        assertConforms(client.get("/api/categories/" + child.id()), "/api/categories/{id}", "get");
        assertConforms(client.get("/api/categories/999999"), "/api/categories/{id}", "get");
        assertConforms(admin.patch("/api/categories/" + child.id(), json("name", "Kettles")), "/api/categories/{id}", "patch");
        assertConforms(admin.patch("/api/categories/" + root, json("parentId", child.id())), "/api/categories/{id}", "patch");
        assertConforms(client.get("/api/products/" + product), "/api/products/{id}", "get");
        assertConforms(owner.patch("/api/products/" + product, json("tags", java.util.List.of("tea"))), "/api/products/{id}", "patch");
        assertConforms(owner.patch("/api/products/" + product, json("price", "1.00")), "/api/products/{id}", "patch");
        assertConforms(shop.asSeller(shop.seller()).patch("/api/products/" + product, json("name", "x")), "/api/products/{id}", "patch");
        assertConforms(shop.as(shop.user()).patch("/api/products/" + product, json("name", "x")), "/api/products/{id}", "patch");
        assertConforms(owner.put("/api/products/" + product + "/price", json("price", "31.00")), "/api/products/{id}/price", "put");
        assertConforms(owner.put("/api/products/" + product + "/price", json("price", "-1")), "/api/products/{id}/price", "put");
        assertConforms(client.get("/api/search?q=kettle"), "/api/search", "get");
        assertConforms(client.get("/api/search?category=" + root + "&inStock=false&sort=price_desc"), "/api/search", "get");
        assertConforms(client.get("/api/search?size=1000"), "/api/search", "get");
    }

    @Test
    void cartAlertAndUserOrderResponsesMatchTheirSchemas() {
        Storefront shop = SERVER.storefront();
        long product = shop.stockedProduct("6.00", 10);
        long buyer = shop.user();
        ApiClient me = shop.as(buyer);

        assertConforms(me.get("/api/cart"), "/api/cart", "get");
        assertConforms(me.post("/api/cart/items", json("productId", product, "quantity", 2)), "/api/cart/items", "post");
        assertConforms(me.patch("/api/cart/items/" + product, json("quantity", 3)), "/api/cart/items/{productId}", "patch");
        assertConforms(me.post("/api/cart/items/" + product + "/save-for-later", ""),
                "/api/cart/items/{productId}/save-for-later", "post");
        assertConforms(me.post("/api/cart/saved/" + product + "/move-to-cart", ""),
                "/api/cart/saved/{productId}/move-to-cart", "post");
        assertConforms(me.post("/api/cart/refresh-prices", ""), "/api/cart/refresh-prices", "post");
        assertConforms(me.post("/api/cart/quote", json("region", "us-east")), "/api/cart/quote", "post");
        assertConforms(me.post("/api/cart/checkout", json("region", "us-east"), "Idempotency-Key", "oa-cart-" + buyer),
                "/api/cart/checkout", "post");
        me.post("/api/cart/items", json("productId", product, "quantity", 1));
        assertConforms(me.delete("/api/cart/items/" + product), "/api/cart/items/{productId}", "delete");
        ApiClient.Response address = me.post("/api/users/" + buyer + "/addresses", json("type", "shipping",
                "firstName", "Ada", "lastName", "Lovelace", "line1", "1 Main St", "city", "Leeds", "postalCode", "LS1 1AA",
                "country", "GB"));
        assertConforms(me.delete("/api/users/" + buyer + "/addresses/" + address.id()),
                "/api/users/{id}/addresses/{addressId}", "delete");
        assertConforms(me.get("/api/users/" + buyer + "/orders"), "/api/users/{id}/orders", "get");
        assertConforms(shop.admin().get("/api/alerts/stock?limit=5"), "/api/alerts/stock", "get");
        assertConforms(shop.admin().get("/api/admin/order-alerts?limit=5"), "/api/admin/order-alerts", "get");
        assertConforms(shop.admin().get("/api/admin/order-alerts?kind=ANOMALY"), "/api/admin/order-alerts", "get");
    }

    // --- analytics: every KPI report, JSON and CSV, with rows in each V2 table ---
    @Test
    void analyticsResponsesMatchTheirSchemas() {
        ClickHouseFixture clickHouse = new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl()).applySchema();
        long minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES).getEpochSecond();
        clickHouse.execute("INSERT INTO streamcart.order_totals_per_minute VALUES (" + minute + ", 'USD', 2, 5000, 1, 700, 1)");
        clickHouse.execute("INSERT INTO streamcart.product_sales_per_minute VALUES (" + minute
                + ", 1, 1, 1, 'eu-west', 'USD', 1, 2, 4000, 0, 0, 1)");
        clickHouse.execute("INSERT INTO streamcart.user_activity VALUES (" + minute + ", 'BUYER', 7, 1)");
        clickHouse.execute("INSERT INTO streamcart.funnel_per_minute VALUES (" + minute + ", 1, 'PRODUCT_VIEW', 9, 1)");
        clickHouse.execute("INSERT INTO streamcart.payments_per_minute VALUES (" + minute
                + ", 'card', 'FAILED', 'insufficient funds', 'USD', 1, 100, 1)");
        clickHouse.execute("INSERT INTO streamcart.order_fulfilment VALUES (1, " + (minute - 600) + ", " + minute + ", 0, 2)");
        clickHouse.execute("INSERT INTO streamcart.pipeline_lag_per_minute VALUES (" + minute + ", 'cdc', 3, 10, 20, 30, 1)");
        clickHouse.execute("INSERT INTO streamcart.inventory_accuracy VALUES (" + minute + ", 5, 0, 1)");
        clickHouse.execute("INSERT INTO streamcart.recommendation_variants_per_minute VALUES (" + minute
                + ", 'als', 'USD', 10, 2, 1, 1, 1, 999, 1)");
        ApiClient admin = SERVER.admin();
        Storefront shop = SERVER.storefront();
        long seller = shop.seller();
        ApiClient asSeller = shop.asSeller(seller);
        for (String report : List.of("orders", "top-products", "regions", "low-stock", "customers", "funnel", "payments",
                "payments/declines", "fulfilment", "pipeline-lag", "inventory-accuracy", "recommendations")) {
            String path = "/api/analytics/" + report;
            check("GET", path, admin.get(path));
            check("GET", path, admin.get(path + "?format=csv"));
            check("GET", path, admin.get(path + "?granularity=fortnight"));
            check("GET", path, SERVER.client().get(path));
        }
        check("GET", "/api/analytics/orders", asSeller.get("/api/analytics/orders?sellerId=" + (seller + 1)));
        check("GET", "/api/analytics/funnel", asSeller.get("/api/analytics/funnel"));
        check("GET", "/api/analytics/regions", admin.get("/api/analytics/regions?region=eu-west"));
        check("GET", "/api/analytics/regions", admin.get("/api/analytics/regions?region=eu';DROP"));
        check("GET", "/api/sellers/{id}/sales", asSeller.get("/api/sellers/" + seller + "/sales?granularity=hour"));
        check("GET", "/api/sellers/{id}/sales", asSeller.get("/api/sellers/" + (seller + 1) + "/sales"));
        ApiClient.Response ticket = admin.post("/api/analytics/stream-tickets", "");
        check("POST", "/api/analytics/stream-tickets", ticket);
        check("POST", "/api/analytics/stream-tickets", SERVER.client().post("/api/analytics/stream-tickets", ""));
        check("GET", "/api/analytics/stream", SERVER.client().get("/api/analytics/stream"));
        check("GET", "/api/analytics/stream", SERVER.client().get("/api/analytics/stream?currency=dollars&ticket="
                + ticket.json().path("ticket").asText()));

        EXERCISED_ELSEWHERE.addAll(exercised);
        assertThat(violations).isEmpty();
    }

    /** Every registered route had at least one real response checked against its schema by some test above. */
    @AfterAll
    static void everyRouteWasCheckedAgainstTheDocument() {
        assertThat(EXERCISED_ELSEWHERE).as("routes whose responses were checked").containsAll(SERVER.api().routes());
    }
}
