package dev.streamcart.loadgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.localstack.launcher.ServiceSpec;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole platform, as {@code ./platform up} runs it (every service a child JVM on real
 * PostgreSQL, Kafka, registry and ClickHouse), driven through its public API only. Catalog and
 * stock are created, orders placed, paid, declined and cancelled, and every derived view must
 * converge to exactly what PostgreSQL says.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PlatformUnderTest PLATFORM = PlatformUnderTest.in("e2e-data", "e2e",
            PlatformOptions.defaults().withApiPort(0).withTraffic(false, List.of()));

    private static ApiClient api;

    private static long phones;
    private static long books;
    private static long phone;
    private static long book;
    private static long lamp;
    private static final List<Long> buyers = new ArrayList<>();
    private static final List<Long> paidOrders = new ArrayList<>();
    private static final Map<Long, BigDecimal> paidRevenueByCategory = new HashMap<>();
    private static long declinedOrder;
    private static long cancelledOrder;

    @BeforeAll
    static void signIn() {
        api = PLATFORM.adminApi();
    }

    @Test
    @Order(1)
    void healthReportsEveryComponentUp() {
        ApiClient.Response health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("components").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(2)
    void stockConvergesToTheExactNumbersAfterReceiptsAndCheckouts() {
        long seller = api.create("/api/sellers", Map.of("name", "Acme", "email", "acme-" + UUID.randomUUID() + "@example.com"));
        long electronics = api.create("/api/categories", Map.of("name", "Electronics"));
        phones = api.create("/api/categories", Map.of("name", "Phones", "parentId", electronics));
        books = api.create("/api/categories", Map.of("name", "Books"));
        phone = api.create("/api/products", product(seller, phones, "PHONE", "Phone X", "199.99"));
        book = api.create("/api/products", product(seller, books, "BOOK", "A Novel", "12.50"));
        lamp = api.create("/api/products", product(seller, electronics, "LAMP", "Desk Lamp", "0.10"));
        long north = api.create("/api/warehouses", Map.of("name", "North", "region", "eu-north"));
        long south = api.create("/api/warehouses", Map.of("name", "South", "region", "eu-south"));
        receive(phone, north, 5);
        receive(phone, south, 3);
        receive(book, north, 20);
        receive(lamp, south, 1);
        for (int i = 0; i < 3; i++) {
            buyers.add(api.create("/api/users", Map.of("email", "buyer" + i + "-" + UUID.randomUUID() + "@example.com",
                    "password", "correct horse battery staple", "firstName", "Buyer", "lastName", "No" + i)));
        }

        long paidPhones = placeAndPay(buyers.get(0), List.of(line(phone, 2), line(book, 1)));
        long paidBooks = placeAndPay(buyers.get(1), List.of(line(book, 3)));
        long paidLamp = placeAndPay(buyers.get(2), List.of(line(lamp, 1)));
        paidOrders.addAll(List.of(paidPhones, paidBooks, paidLamp));
        paidRevenueByCategory.merge(phones, new BigDecimal("399.98"), BigDecimal::add);
        paidRevenueByCategory.merge(books, new BigDecimal("12.50").add(new BigDecimal("37.50")), BigDecimal::add);
        paidRevenueByCategory.merge(electronics, new BigDecimal("0.10"), BigDecimal::add);

        declinedOrder = place(buyers.get(1), List.of(line(phone, 1)));
        ApiClient.Response declined = api.post("/api/orders/" + declinedOrder + "/payments",
                Map.of("method", "card", "cardNumber", "4000000000000002"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.contentType()).startsWith("application/problem+json");

        cancelledOrder = place(buyers.get(2), List.of(line(book, 2)));
        assertThat(api.post("/api/orders/" + cancelledOrder + "/cancel", Map.of(), "Idempotency-Key", UUID.randomUUID().toString()).status())
                .isEqualTo(200);

        ApiClient.Response shortStock = api.post("/api/orders", Map.of("userId", buyers.get(0), "items", List.of(line(lamp, 1))), "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(shortStock.status()).isEqualTo(409);

        // paid orders keep their reservation until shipped; declined and cancelled ones released theirs
        awaitStock(phone, 8, 2);
        awaitStock(book, 20, 4);
        awaitStock(lamp, 1, 1);
    }

    @Test
    @Order(3)
    void orderViewShowsTheStatusHistory() {
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            JsonNode paid = api.get("/api/orders/" + paidOrders.get(0)).json();
            assertThat(paid.path("status").asText()).isEqualTo("PAID");
            assertThat(statuses(paid)).containsExactly("PENDING_PAYMENT", "PAID");
            assertThat(new BigDecimal(paid.path("total").asText())).isEqualByComparingTo("412.48");
            assertThat(statuses(api.get("/api/orders/" + declinedOrder).json())).containsExactly("PENDING_PAYMENT", "PAYMENT_FAILED");
            assertThat(statuses(api.get("/api/orders/" + cancelledOrder).json())).containsExactly("PENDING_PAYMENT", "CANCELLED");
        });
    }

    @Test
    @Order(4)
    void clickHouseSalesEqualThePaidTotalsToTheCent() {
        BigDecimal expectedTotal = paidRevenueByCategory.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            JsonNode rows = api.get("/api/analytics/sales?minutes=60").json().path("rows");
            Map<Long, BigDecimal> revenueByCategory = new HashMap<>();
            long orders = 0;
            for (JsonNode row : rows) {
                revenueByCategory.merge(row.path("categoryId").asLong(), new BigDecimal(row.path("revenue").asText()), BigDecimal::add);
                orders += row.path("orders").asLong();
            }
            assertThat(revenueByCategory.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(expectedTotal);
            paidRevenueByCategory.forEach((category, revenue) ->
                    assertThat(revenueByCategory.get(category)).as("category " + category).isEqualByComparingTo(revenue));
            // the first order spans two categories, so it counts once in each
            assertThat(orders).isEqualTo(4);
        });
    }

    @Test
    @Order(5)
    void recommendationsAnswerForABuyerAndAViewerAfterTraining() throws Exception {
        long viewer = api.create("/api/users", Map.of("email", "viewer-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery staple", "firstName", "Window", "lastName", "Shopper"));
        String session = UUID.randomUUID().toString();
        for (long product : List.of(book, book, book, phone)) {
            assertThat(api.get("/api/products/" + product, "X-Session-Id", session, "X-User-Id", Long.toString(viewer)).status()).isEqualTo(200);
        }
        // training reads the clickstream up to its end offsets at start: wait until the views are there
        await().atMost(CONVERGENCE).until(() -> clickstreamRecords() >= 4);

        PLATFORM.get().launcher().runToCompletion(ServiceSpec.RECOMMENDER.withArguments(List.of("train")),
                PLATFORM.get().serviceSettings(), Duration.ofMinutes(5));
        PLATFORM.get().launcher().runToCompletion(ServiceSpec.RECOMMENDER.withArguments(List.of("promote")),
                PLATFORM.get().serviceSettings(), Duration.ofMinutes(2));
        assertThat(api.post("/api/admin/models/reload", Map.of()).status()).isLessThan(300);
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            ApiClient.Response reply = api.get("/api/recommendations/" + buyers.get(1) + "?limit=10");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().path("userId").asLong()).isEqualTo(buyers.get(1));
            assertThat(reply.json().path("modelVersion").asText()).startsWith("v");
            assertThat(reply.json().path("items").isArray()).isTrue();
        });
        JsonNode model = JSON.readTree(promotedModelFolder().resolve("model.json").toFile());
        assertThat(model.path("trainedOn").path("views").asLong()).as("views used in training").isGreaterThanOrEqualTo(4);
        assertThat(Files.readAllLines(promotedModelFolder().resolve("user-factors.tsv")))
                .as("a user who only browsed is in the model").anyMatch(line -> line.startsWith(viewer + "\t"));
        ApiClient.Response forViewer = api.get("/api/recommendations/" + viewer + "?limit=5");
        assertThat(forViewer.status()).isEqualTo(200);
        assertThat(forViewer.json().path("items").size()).isPositive();
    }

    private static long clickstreamRecords() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PLATFORM.get().endpoints().bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < Topics.CLICKSTREAM.partitions(); partition++) {
                latest.put(new TopicPartition(Topics.CLICKSTREAM.name(), partition), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }

    private static Path promotedModelFolder() throws Exception {
        Path models = PLATFORM.get().layout().models();
        return models.resolve(Files.readString(models.resolve("CURRENT")).trim());
    }

    @Test
    @Order(6)
    void dashboardAndOpenApiAreServed() {
        ApiClient.Response dashboard = api.get("/dashboard");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.contentType()).startsWith("text/html");
        assertThat(api.get("/openapi.yaml").status()).isEqualTo(200);
        ApiClient.Response missing = api.get("/api/products/999999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(7)
    void shippingCommitsTheReservationAndRefundsRestockAndTheViewsShowEveryStep() {
        long shipped = paidOrders.get(0); // 2 phones + 1 book
        long refunded = paidOrders.get(1); // 3 books, never shipped
        assertThat(api.post("/api/orders/" + shipped + "/fulfil", Map.of(), "Idempotency-Key", UUID.randomUUID().toString()).status())
                .isEqualTo(200);
        ApiClient.Response shipment = api.post("/api/orders/" + shipped + "/shipments",
                Map.of("carrier", "swiftship", "trackingNumber", "E2E-" + shipped), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(shipment.status()).as(shipment.body()).isEqualTo(201);

        // shipping commits the reservation: on hand and reserved both drop by the shipped units
        awaitStock(phone, 6, 0);
        awaitStock(book, 19, 3);

        long shipmentId = shipment.json().path("id").asLong();
        assertThat(api.post("/api/shipments/" + shipmentId + "/tracking-events",
                Map.of("status", "IN_TRANSIT", "location", "Hub"), "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);
        assertThat(api.post("/api/shipments/" + shipmentId + "/tracking-events",
                Map.of("status", "DELIVERED"), "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);

        ApiClient.Response fullRefund = api.post("/api/orders/" + refunded + "/refunds", Map.of("reason", "changed mind"), "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(fullRefund.status()).as(fullRefund.body()).isEqualTo(201);
        ApiClient.Response returned = api.post("/api/orders/" + shipped + "/refunds",
                Map.of("items", List.of(line(phone, 1)), "reason", "returned one phone"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(returned.status()).as(returned.body()).isEqualTo(201);
        assertThat(returned.json().path("amount").asText()).isEqualTo("199.99");

        // the unshipped order's reservation is released; the returned phone is back on hand
        awaitStock(book, 19, 0);
        awaitStock(phone, 7, 0);
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            assertThat(statuses(api.get("/api/orders/" + shipped).json())).containsExactly(
                    "PENDING_PAYMENT", "PAID", "FULFILLING", "SHIPPED", "DELIVERED", "PARTIALLY_REFUNDED");
            assertThat(statuses(api.get("/api/orders/" + refunded).json()))
                    .containsExactly("PENDING_PAYMENT", "PAID", "REFUNDED");
        });
        JsonNode tracking = api.get("/api/orders/" + shipped + "/tracking").json();
        assertThat(tracking.path("shipments").get(0).path("events").size()).isEqualTo(3);
        assertThat(api.get("/api/users/" + buyers.get(0) + "/notifications").json().path("notifications")
                .findValuesAsText("kind")).as("confirmation, shipped, delivered and refund of the buyer's one order")
                .containsExactlyInAnyOrder("ORDER_CONFIRMED", "ORDER_SHIPPED", "ORDER_DELIVERED", "ORDER_REFUNDED");
    }

    private static Map<String, Object> product(long seller, long category, String sku, String name, String price) {
        return Map.of("sellerId", seller, "categoryId", category, "sku", sku + "-" + UUID.randomUUID(), "name", name,
                "price", price, "currency", "USD");
    }

    private static void receive(long product, long warehouse, int quantity) {
        ApiClient.Response reply = api.post("/api/inventory/receipts",
                Map.of("productId", product, "warehouseId", warehouse, "quantity", quantity));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    private static Map<String, Object> line(long product, int quantity) {
        return Map.of("productId", product, "quantity", quantity);
    }

    private static long place(long user, List<Map<String, Object>> items) {
        ApiClient.Response reply = api.post("/api/orders", Map.of("userId", user, "items", items), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.json().path("status").asText()).isEqualTo("PENDING_PAYMENT");
        return reply.json().path("id").asLong();
    }

    private static long placeAndPay(long user, List<Map<String, Object>> items) {
        long order = place(user, items);
        String key = UUID.randomUUID().toString();
        Map<String, Object> card = Map.of("method", "card", "cardNumber", "4242424242424242");
        ApiClient.Response paid = api.post("/api/orders/" + order + "/payments", card, "Idempotency-Key", key);
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(paid.json().path("status").asText()).isEqualTo("PAID");
        ApiClient.Response retried = api.post("/api/orders/" + order + "/payments", card, "Idempotency-Key", key);
        assertThat(retried.status()).as("a retry with the same key returns the first result").isEqualTo(201);
        return order;
    }

    private static void awaitStock(long product, int onHand, int reserved) {
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            ApiClient.Response stock = api.get("/api/stock/" + product);
            assertThat(stock.status()).isEqualTo(200);
            assertThat(stock.json().path("onHand").asInt()).as("onHand of " + product).isEqualTo(onHand);
            assertThat(stock.json().path("reserved").asInt()).as("reserved of " + product).isEqualTo(reserved);
            assertThat(stock.json().path("available").asInt()).as("available of " + product).isEqualTo(onHand - reserved);
        });
    }

    private static List<String> statuses(JsonNode order) {
        List<String> statuses = new ArrayList<>();
        order.path("history").forEach(step -> statuses.add(step.path("status").asText()));
        return statuses;
    }
}
