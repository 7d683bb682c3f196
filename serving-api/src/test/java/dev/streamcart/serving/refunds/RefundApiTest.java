package dev.streamcart.serving.refunds;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RefundApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final ApiClient client = shop.admin(); // the operator: every route, anyone\'s order (ownership is tested in AccessControlTest)
    private final Db db = SERVER.db();
    private long product;
    private long warehouse;
    private long user;

    @BeforeEach
    void setUp() {
        product = shop.product("10.00");
        warehouse = shop.warehouse();
        shop.receive(product, warehouse, 20);
        user = shop.user();
    }

    private long paidOrder(int quantity) {
        return shop.paidOrder(user, product, quantity);
    }

    private long shippedOrder(int quantity) {
        long orderId = paidOrder(quantity);
        ApiClient.Response shipped = client.post("/api/orders/" + orderId + "/shipments",
                json("carrier", "swiftship", "trackingNumber", "SW-" + orderId));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        return orderId;
    }

    private ApiClient.Response refund(long orderId, Map<String, Object> body) {
        return refund(orderId, body, UUID.randomUUID().toString());
    }

    private ApiClient.Response refund(long orderId, Object body, String key) {
        return client.post("/api/orders/" + orderId + "/refunds", body, "Idempotency-Key", key);
    }

    private Map<String, Object> stock() {
        return db.single("SELECT quantity, reserved_quantity FROM inventory WHERE product_id = ? AND warehouse_id = ?",
                product, warehouse);
    }

    private OrderEvent outbox(long orderId, String eventType) {
        List<OrderEvent> events = OutboxEvents.ofOrder(db, orderId, eventType);
        assertThat(events).as(eventType).isNotEmpty();
        return events.get(events.size() - 1);
    }

    @Test
    void twoPartialRefundsThenOneThatWouldExceedTheCaptureIsRefusedAndChangesNothing() throws Exception {
        long orderId = shippedOrder(3); // 30.00 captured

        ApiClient.Response first = refund(orderId, json("amount", "10.00", "reason", "late delivery"));
        ApiClient.Response second = refund(orderId, json("amount", "15.50", "reason", "damaged box"));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("orderStatus").asText()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().path("refundedTotal").asText()).isEqualTo("25.50");
        assertThat(second.json().path("refundable").asText()).isEqualTo("4.50");
        assertThat(outbox(orderId, "ORDER_PARTIALLY_REFUNDED").getRefundedCents()).isEqualTo(1550);
        long outboxRows = db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", Long.toString(orderId));
        Map<String, Object> stockBefore = stock();

        ApiClient.Response third = refund(orderId, json("amount", "4.51", "reason", "one cent too many"));

        assertThat(third.status()).as(third.toString()).isEqualTo(409);
        assertThat(third.contentType()).startsWith("application/problem+json");
        assertThat(third.json().path("refundable").asText()).isEqualTo("4.50");
        assertThat(db.count("SELECT count(*) FROM refunds WHERE order_id = ?", orderId)).isEqualTo(2);
        assertThat((BigDecimal) db.single("SELECT sum(amount) AS total FROM refunds WHERE order_id = ?", orderId)
                .get("total")).isEqualByComparingTo("25.50");
        assertThat(db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", Long.toString(orderId)))
                .isEqualTo(outboxRows);
        assertThat(db.orderStatus(orderId)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(stock()).isEqualTo(stockBefore);

        ApiClient.Response rest = refund(orderId, json("amount", "4.50", "reason", "goodwill"));
        assertThat(rest.status()).isEqualTo(201);
        assertThat(rest.json().path("orderStatus").asText()).isEqualTo("REFUNDED");
        assertThat(db.single("SELECT status FROM payments WHERE order_id = ?", orderId)).containsEntry("status", "REFUNDED");
        assertThat(refund(orderId, json("amount", "0.01", "reason", "more")).status()).as("refunded order").isEqualTo(409);
    }

    @Test
    void refundingShippedItemsPutsThemBackOnHand() throws Exception {
        long orderId = shippedOrder(3);
        assertThat(stock()).containsEntry("quantity", 17).containsEntry("reserved_quantity", 0);

        ApiClient.Response response = refund(orderId, json("items", List.of(json("productId", product, "quantity", 2)),
                "reason", "returned"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("amount").asText()).isEqualTo("20.00");
        assertThat(response.json().path("restocked").get(0).path("restock").asText()).isEqualTo("ON_HAND");
        assertThat(stock()).containsEntry("quantity", 19).containsEntry("reserved_quantity", 0);
        assertThat(db.orderStatus(orderId)).isEqualTo("PARTIALLY_REFUNDED");
        OrderEvent event = outbox(orderId, "ORDER_PARTIALLY_REFUNDED");
        assertThat(event.getRefundedCents()).isEqualTo(2000);
        assertThat(event.getReason()).isEqualTo("returned");

        ApiClient.Response tooMany = refund(orderId, json("items", List.of(json("productId", product, "quantity", 2)),
                "reason", "again"));
        assertThat(tooMany.status()).as("only one unit left to return").isEqualTo(409);
        assertThat(stock()).containsEntry("quantity", 19);
    }

    @Test
    void aFullRefundOfAnUnshippedOrderReleasesItsReservation() throws Exception {
        long orderId = paidOrder(4);
        assertThat(stock()).containsEntry("quantity", 20).containsEntry("reserved_quantity", 4);

        ApiClient.Response response = refund(orderId, json("reason", "changed my mind"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("amount").asText()).isEqualTo("40.00");
        assertThat(response.json().path("orderStatus").asText()).isEqualTo("REFUNDED");
        assertThat(stock()).containsEntry("quantity", 20).containsEntry("reserved_quantity", 0);
        assertThat(db.count("SELECT count(*) FROM stock_reservations WHERE order_id = ? AND status = 'HELD'", orderId))
                .isZero();
        assertThat(outbox(orderId, "ORDER_REFUNDED").getRefundedCents()).isEqualTo(4000);
        assertThat(client.post("/api/orders/" + orderId + "/shipments",
                json("carrier", "streampost", "trackingNumber", "R-" + orderId)).status()).as("ship refunded").isEqualTo(409);
        assertThat(client.get("/api/users/" + user + "/notifications").json().path("notifications").get(0)
                .path("kind").asText()).isEqualTo("ORDER_REFUNDED");
    }

    @Test
    void aPartialItemRefundOfAnUnshippedOrderReleasesOnlyThoseUnitsAndTheRestStillShips() {
        long orderId = paidOrder(3);

        ApiClient.Response response = refund(orderId, json("items", List.of(json("productId", product, "quantity", 1)),
                "reason", "one too many"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(stock()).containsEntry("quantity", 20).containsEntry("reserved_quantity", 2);
        ApiClient.Response shipped = client.post("/api/orders/" + orderId + "/shipments",
                json("carrier", "streampost", "trackingNumber", "P-" + orderId));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        assertThat(shipped.json().path("items").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(stock()).containsEntry("quantity", 18).containsEntry("reserved_quantity", 0);
    }

    @Test
    void aRetriedRefundWithTheSameKeyRefundsOnce() {
        long orderId = paidOrder(2);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = json("amount", "5.00", "reason", "retry");

        ApiClient.Response first = refund(orderId, body, key);
        ApiClient.Response retry = refund(orderId, body, key);
        ApiClient.Response reused = refund(orderId, json("amount", "6.00", "reason", "retry"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(reused.status()).as("same key, other body").isEqualTo(422);
        assertThat(db.count("SELECT count(*) FROM refunds WHERE order_id = ?", orderId)).isEqualTo(1);
    }

    @Test
    void badRefundRequestsAreProblemsAndChangeNothing() {
        long paid = paidOrder(1);
        long pending = shop.placeOrder(user, product, 1).id();
        String path = "/api/orders/" + paid + "/refunds";

        assertThat(refund(paid, json("amount", "1.00")).status()).as("no reason").isEqualTo(400);
        assertThat(refund(paid, json("amount", "-1.00", "reason", "x")).status()).as("negative").isEqualTo(400);
        assertThat(refund(paid, json("amount", "0", "reason", "x")).status()).as("zero").isEqualTo(400);
        assertThat(refund(paid, json("amount", "1.001", "reason", "x")).status()).as("fraction").isEqualTo(400);
        assertThat(refund(paid, json("amount", true, "reason", "x")).status()).as("type").isEqualTo(400);
        assertThat(refund(paid, json("items", List.of(json("productId", product, "quantity", -1)), "reason", "x"))
                .status()).as("negative quantity").isEqualTo(400);
        assertThat(refund(paid, json("items", List.of(json("productId", 99999999, "quantity", 1)), "reason", "x"))
                .status()).as("product not in order").isEqualTo(422);
        assertThat(refund(paid, json("amount", "10.01", "reason", "x")).status()).as("over capture").isEqualTo(409);
        assertThat(refund(paid, "{\"reason\":", UUID.randomUUID().toString()).status()).as("malformed").isEqualTo(400);
        assertThat(client.post(path, json("reason", "no key")).status()).as("no key").isEqualTo(400);
        assertThat(refund(pending, json("reason", "unpaid")).status()).as("unpaid").isEqualTo(409);
        assertThat(refund(99999999, json("reason", "unknown")).status()).as("unknown order").isEqualTo(404);
        ApiClient.Response sql = refund(paid, json("amount", "1.00", "reason", "'); DELETE FROM refunds; --",
                "items", "x"));
        assertThat(sql.status()).isEqualTo(400);
        assertThat(sql.contentType()).startsWith("application/problem+json");
        assertThat(sql.json().path("detail").asText()).contains("items");

        assertThat(db.count("SELECT count(*) FROM refunds WHERE order_id IN (?, ?)", paid, pending)).isZero();
        assertThat(db.orderStatus(paid)).isEqualTo("PAID");
        assertThat(stock()).containsEntry("quantity", 20).containsEntry("reserved_quantity", 2);
    }
}
