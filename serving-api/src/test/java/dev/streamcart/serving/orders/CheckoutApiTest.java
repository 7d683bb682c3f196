package dev.streamcart.serving.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckoutApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final ApiClient client = shop.admin(); // the operator: every route, anyone\'s order (ownership is tested in AccessControlTest)
    private final Db db = SERVER.db();

    @Test
    void placingAnOrderReservesItsStockInTheSameTransaction() {
        long seller = shop.seller();
        long category = shop.category();
        long product = shop.product(seller, category, "19.99");
        long warehouse = shop.warehouse();
        shop.receive(product, warehouse, 10);
        long user = shop.user();

        ApiClient.Response response = shop.placeOrder(user, product, 3);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode order = response.json();
        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.path("total").asText()).isEqualTo("59.97");
        assertThat(order.path("currency").asText()).isEqualTo("USD");
        assertThat(order.path("items").get(0).path("productId").asLong()).isEqualTo(product);
        assertThat(order.path("items").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(order.path("items").get(0).path("unitPrice").asText()).isEqualTo("19.99");

        long orderId = order.path("id").asLong();
        Map<String, Object> row = db.single("SELECT status, subtotal, total, currency FROM orders WHERE id = ?", orderId);
        assertThat(row.get("status")).isEqualTo("PENDING_PAYMENT");
        assertThat((BigDecimal) row.get("total")).isEqualByComparingTo("59.97");
        Map<String, Object> item = db.single("SELECT seller_id, category_id, quantity, unit_price, total_price "
                + "FROM order_items WHERE order_id = ?", orderId);
        assertThat(item.get("seller_id")).isEqualTo(seller);
        assertThat(item.get("category_id")).isEqualTo(category);
        assertThat((BigDecimal) item.get("total_price")).isEqualByComparingTo("59.97");
        assertThat(db.single("SELECT quantity, reserved_quantity FROM inventory WHERE product_id = ?", product))
                .containsEntry("quantity", 10).containsEntry("reserved_quantity", 3);
        assertThat(db.single("SELECT warehouse_id, quantity, status FROM stock_reservations WHERE order_id = ?", orderId))
                .containsEntry("warehouse_id", warehouse).containsEntry("quantity", 3).containsEntry("status", "HELD");
    }

    @Test
    void theOrderPlacedOutboxRowFollowsThePayloadContract() throws Exception {
        long seller = shop.seller();
        long category = shop.category();
        long product = shop.stockedProduct(seller, category, "19.99", 5);
        long user = shop.user();

        long orderId = shop.placeOrder(user, product, 2).id();

        Map<String, Object> outbox = db.single("SELECT id, aggregate_type, aggregate_id, event_type, created_at "
                + "FROM outbox WHERE aggregate_id = ?", Long.toString(orderId));
        assertThat(outbox.get("id")).isInstanceOf(UUID.class);
        assertThat(outbox.get("aggregate_type")).isEqualTo("order");
        assertThat(outbox.get("event_type")).isEqualTo("ORDER_PLACED");
        assertThat(outbox.get("created_at")).isNotNull();
        OrderEvent payload = OutboxEvents.single(db, orderId, "ORDER_PLACED");
        OrderEvent expected = OrderEvent.newBuilder()
                .setEventId(outbox.get("id").toString())
                .setOrderId(orderId).setUserId(user)
                .setType(OrderEventType.ORDER_PLACED).setStatus(OrderStatus.PENDING_PAYMENT)
                .setTotalCents(3998).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(product).setSellerId(seller).setCategoryId(category)
                        .setQuantity(2).setUnitPriceCents(1999).build()))
                .setOccurredAt(payload.getOccurredAt())
                .build();
        assertThat(payload).isEqualTo(expected);
    }

    @Test
    void aLineGoesToTheWarehouseWithMostAvailableUnitsWhenItCoversTheLine() {
        long product = shop.product("5.00");
        long small = shop.warehouse();
        long large = shop.warehouse();
        shop.receive(product, small, 4);
        shop.receive(product, large, 9);

        long orderId = shop.placeOrder(shop.user(), product, 4).id();

        assertThat(db.rows("SELECT warehouse_id, quantity FROM stock_reservations WHERE order_id = ?", orderId))
                .containsExactly(Map.of("warehouse_id", large, "quantity", 4));
    }

    @Test
    void aLineNoWarehouseCanCoverIsSplitMostAvailableFirst() {
        long product = shop.product("5.00");
        long first = shop.warehouse();
        long second = shop.warehouse();
        shop.receive(product, first, 3);
        shop.receive(product, second, 5);

        long orderId = shop.placeOrder(shop.user(), product, 7).id();

        assertThat(db.rows("SELECT warehouse_id, quantity FROM stock_reservations WHERE order_id = ? ORDER BY quantity DESC",
                orderId)).containsExactly(Map.of("warehouse_id", second, "quantity", 5),
                Map.of("warehouse_id", first, "quantity", 2));
        assertThat(db.rows("SELECT warehouse_id, reserved_quantity FROM inventory WHERE product_id = ? ORDER BY warehouse_id",
                product)).containsExactly(Map.of("warehouse_id", first, "reserved_quantity", 2),
                Map.of("warehouse_id", second, "reserved_quantity", 5));
    }

    @Test
    void aShortageIsA409AndChangesNothing() {
        long plenty = shop.product("1.00");
        long scarce = shop.product("2.00");
        long warehouse = shop.warehouse();
        shop.receive(plenty, warehouse, 100);
        shop.receive(scarce, warehouse, 1);
        long user = shop.user();
        long ordersBefore = db.count("SELECT count(*) FROM orders");
        long outboxBefore = db.count("SELECT count(*) FROM outbox");

        ApiClient.Response response = shop.placeOrder(user, plenty, 5, scarce, 2);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("title").asText()).isEqualTo("Insufficient stock");
        assertThat(response.json().path("shortages").get(0).path("productId").asLong()).isEqualTo(scarce);
        assertThat(response.json().path("shortages").get(0).path("available").asInt()).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore);
        assertThat(db.count("SELECT count(*) FROM outbox")).isEqualTo(outboxBefore);
        assertThat(db.count("SELECT sum(reserved_quantity) FROM inventory WHERE product_id IN (?, ?)", plenty, scarce))
                .isZero();
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstOrderAndPlacesNothingMore() {
        long product = shop.stockedProduct("3.50", 10);
        long user = shop.user();
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = shop.placeOrder(key, user, product, 2);
        ApiClient.Response retry = shop.placeOrder(key, user, product, 2);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(db.count("SELECT count(*) FROM orders WHERE user_id = ?", user)).isEqualTo(1);
        assertThat(db.count("SELECT reserved_quantity FROM inventory WHERE product_id = ?", product)).isEqualTo(2);
    }

    @Test
    void reusingAKeyForADifferentOrderIs422() {
        long product = shop.stockedProduct("3.50", 10);
        long user = shop.user();
        String key = UUID.randomUUID().toString();
        shop.placeOrder(key, user, product, 2);

        ApiClient.Response misuse = shop.placeOrder(key, user, product, 3);

        assertThat(misuse.status()).isEqualTo(422);
        assertThat(misuse.contentType()).startsWith("application/problem+json");
        assertThat(db.count("SELECT count(*) FROM orders WHERE user_id = ?", user)).isEqualTo(1);
    }

    @Test
    void anOrderWithoutIdempotencyKeyIs400() {
        long product = shop.stockedProduct("3.50", 10);

        ApiClient.Response response = client.post("/api/orders", Storefront.orderBody(shop.user(), product, 1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asText()).contains("Idempotency-Key");
    }

    @Test
    void badOrdersAreRefusedWithProblemsAndChangeNothing() {
        long product = shop.stockedProduct("3.50", 10);
        long user = shop.user();
        long ordersBefore = db.count("SELECT count(*) FROM orders");

        Map<String, Integer> expectations = Map.of(
                "{\"userId\":" + user + ",\"items\":[]}", 400,
                "{\"userId\":" + user + ",\"items\":[{\"productId\":" + product + ",\"quantity\":-1}]}", 400,
                "{\"userId\":" + user + ",\"items\":[{\"productId\":" + product + ",\"quantity\":1.5}]}", 400,
                "{\"userId\":\"me\",\"items\":[{\"productId\":" + product + ",\"quantity\":1}]}", 400,
                "{\"userId\":" + user + ",\"items\":[{\"productId\":999999,\"quantity\":1}]}", 422,
                "{\"userId\":999999,\"items\":[{\"productId\":" + product + ",\"quantity\":1}]}", 403,
                "{\"userId\":" + user + ", \"items\": [", 400,
                "[1,2,3]", 400);
        expectations.forEach((body, status) -> {
            ApiClient.Response response = shop.as(user).post("/api/orders", body, "Idempotency-Key",
                    UUID.randomUUID().toString());
            assertThat(response.status()).as(body + " -> " + response).isEqualTo(status);
            assertThat(response.contentType()).startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(List.of(problem.path("type").asText(), problem.path("title").asText(), problem.path("detail").asText()))
                    .allSatisfy(text -> assertThat(text).isNotBlank());
            assertThat(problem.path("status").asInt()).isEqualTo(status);
        });
        assertThat(db.count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore);
        assertThat(db.count("SELECT reserved_quantity FROM inventory WHERE product_id = ?", product)).isZero();
    }

    @Test
    void duplicateLinesOfOneProductAreMergedIntoOneItem() {
        long product = shop.stockedProduct("1.25", 10);

        ApiClient.Response response = shop.placeOrder(shop.user(), product, 2, product, 3);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("items")).hasSize(1);
        assertThat(response.json().path("items").get(0).path("quantity").asInt()).isEqualTo(5);
        assertThat(response.json().path("total").asText()).isEqualTo("6.25");
    }
}
