package dev.streamcart.serving.shipping;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FulfilmentApiTest {

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

    private long paidOrder(long productId, int quantity) {
        return shop.paidOrder(user, productId, quantity);
    }

    private ApiClient.Response ship(long orderId, String trackingNumber, String... headers) {
        return client.post("/api/orders/" + orderId + "/shipments",
                json("carrier", "streampost", "trackingNumber", trackingNumber), headers);
    }

    private Map<String, Object> stock(long productId, long warehouseId) {
        return db.single("SELECT quantity, reserved_quantity FROM inventory WHERE product_id = ? AND warehouse_id = ?",
                productId, warehouseId);
    }

    private OrderEvent outbox(long orderId, String eventType) {
        return OutboxEvents.single(db, orderId, eventType);
    }

    @Test
    void fulfilThenShipCommitsTheReservationOnHandAndReservedBothDrop() throws Exception {
        long orderId = paidOrder(product, 3);
        assertThat(stock(product, warehouse)).containsEntry("quantity", 20).containsEntry("reserved_quantity", 3);

        ApiClient.Response fulfilling = client.post("/api/orders/" + orderId + "/fulfil", "");
        assertThat(fulfilling.status()).as(fulfilling.toString()).isEqualTo(200);
        assertThat(fulfilling.json().path("status").asText()).isEqualTo("FULFILLING");
        assertThat(outbox(orderId, "ORDER_FULFILLING").getStatus()).isEqualTo(OrderStatus.FULFILLING);

        ApiClient.Response shipped = ship(orderId, "SP-" + orderId);

        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
        JsonNode shipment = shipped.json();
        assertThat(shipment.path("carrier").asText()).isEqualTo("streampost");
        assertThat(shipment.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(shipment.path("items").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(shipment.path("items").get(0).path("warehouseId").asLong()).isEqualTo(warehouse);
        assertThat(stock(product, warehouse)).containsEntry("quantity", 17).containsEntry("reserved_quantity", 0);
        assertThat(db.orderStatus(orderId)).isEqualTo("SHIPPED");
        assertThat(db.single("SELECT status FROM stock_reservations WHERE order_id = ?", orderId))
                .containsEntry("status", "COMMITTED");
        OrderEvent event = outbox(orderId, "ORDER_SHIPPED");
        assertThat(event.getStatus()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(event.getCarrier()).isEqualTo("streampost");
        assertThat(event.getTrackingNumber()).isEqualTo("SP-" + orderId);
        assertThat(event.getItems().get(0).getQuantity()).isEqualTo(3);
    }

    @Test
    void aLineSplitOverWarehousesShipsFromEachAndTheCheckConstraintHolds() {
        long split = shop.product("3.00");
        long first = shop.warehouse();
        long second = shop.warehouse();
        shop.receive(split, first, 2);
        shop.receive(split, second, 2);
        long orderId = paidOrder(split, 3);

        assertThat(ship(orderId, "SPLIT-" + orderId).status()).isEqualTo(201);

        int onHand = 0;
        for (long w : new long[] {first, second}) {
            Map<String, Object> row = stock(split, w);
            assertThat(row).containsEntry("reserved_quantity", 0);
            onHand += (Integer) row.get("quantity");
        }
        assertThat(onHand).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM inventory WHERE reserved_quantity > quantity OR reserved_quantity < 0"))
                .isZero();
        assertThat(db.count("SELECT coalesce(sum(quantity), 0) FROM shipment_items si JOIN shipments s ON s.id = si.shipment_id "
                + "WHERE s.order_id = ?", orderId)).isEqualTo(3);
    }

    @Test
    void aRetriedShipmentWithTheSameKeyShipsOnce() {
        long orderId = paidOrder(product, 2);
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = ship(orderId, "RETRY-" + orderId, "Idempotency-Key", key);
        ApiClient.Response retry = ship(orderId, "RETRY-" + orderId, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(db.count("SELECT count(*) FROM shipments WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(stock(product, warehouse)).containsEntry("quantity", 18).containsEntry("reserved_quantity", 0);
        assertThat(ship(orderId, "AGAIN-" + orderId).status()).as("a second shipment").isEqualTo(409);
    }

    @Test
    void refusedShipmentsChangeNothing() {
        long pending = shop.placeOrder(user, product, 1).id();
        long paid = paidOrder(product, 1);
        String path = "/api/orders/" + paid + "/shipments";

        assertThat(ship(pending, "P-1").status()).as("unpaid").isEqualTo(409);
        assertThat(client.post(path, json("carrier", "nobody", "trackingNumber", "X1")).status()).as("carrier")
                .isEqualTo(422);
        assertThat(client.post(path, json("carrier", "streampost")).status()).as("no tracking").isEqualTo(400);
        assertThat(client.post(path, json("carrier", "streampost", "trackingNumber", "x'; DROP TABLE orders;--"))
                .status()).as("SQL in tracking number").isEqualTo(400);
        assertThat(client.post(path, json("carrier", "streampost", "trackingNumber", 12)).status()).as("type")
                .isEqualTo(400);
        assertThat(client.post(path, "{\"carrier\":").status()).as("malformed").isEqualTo(400);
        assertThat(client.post(path, json("carrier", "streampost", "trackingNumber", "T1",
                "items", List.of(json("productId", product, "quantity", 5)))).status()).as("more than waits").isEqualTo(422);
        assertThat(client.post(path, json("carrier", "streampost", "trackingNumber", "T2",
                "items", List.of(json("productId", product, "quantity", 0)))).status()).as("zero units").isEqualTo(400);
        assertThat(ship(987654321, "NOPE").status()).as("unknown order").isEqualTo(404);
        ApiClient.Response problem = client.post("/api/orders/abc/shipments", json("carrier", "streampost"));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.contentType()).startsWith("application/problem+json");

        assertThat(db.count("SELECT count(*) FROM shipments WHERE order_id IN (?, ?)", pending, paid)).isZero();
        assertThat(stock(product, warehouse)).containsEntry("quantity", 20).containsEntry("reserved_quantity", 2);
        assertThat(client.post("/api/orders/" + pending + "/fulfil", "").status()).as("fulfil unpaid").isEqualTo(409);
    }

    @Test
    void aSplitShipmentShipsSomeUnitsAndTheOrderIsShippedWhenTheLastLeaves() throws Exception {
        long orderId = paidOrder(product, 5);
        String path = "/api/orders/" + orderId + "/shipments";

        ApiClient.Response first = client.post(path, json("carrier", "streampost", "trackingNumber", "SPLIT-A-" + orderId,
                "items", List.of(json("productId", product, "quantity", 2))));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("items").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(stock(product, warehouse)).containsEntry("quantity", 18).containsEntry("reserved_quantity", 3);
        assertThat(db.orderStatus(orderId)).isEqualTo("FULFILLING");
        assertThat(db.count("SELECT coalesce(sum(quantity), 0) FROM stock_reservations WHERE order_id = ? AND status = 'HELD'",
                orderId)).isEqualTo(3);

        ApiClient.Response rest = ship(orderId, "SPLIT-B-" + orderId);

        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(rest.json().path("items").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(stock(product, warehouse)).containsEntry("quantity", 15).containsEntry("reserved_quantity", 0);
        assertThat(db.orderStatus(orderId)).isEqualTo("SHIPPED");
        assertThat(db.count("SELECT coalesce(sum(quantity), 0) FROM stock_reservations WHERE order_id = ? AND status = 'COMMITTED'",
                orderId)).isEqualTo(5);

        client.post("/api/shipments/" + rest.id() + "/tracking-events", json("status", "DELIVERED"));
        assertThat(db.orderStatus(orderId)).as("one parcel still travels").isEqualTo("SHIPPED");
        client.post("/api/shipments/" + first.id() + "/tracking-events", json("status", "DELIVERED"));
        assertThat(db.orderStatus(orderId)).isEqualTo("DELIVERED");
    }

    @Test
    void eachSellerShipsOnlyTheirOwnItemsOfAMultiSellerOrder() {
        long sellerA = shop.seller();
        long sellerB = shop.seller();
        long category = shop.category();
        long mugOfA = shop.product(sellerA, category, "4.00");
        long teaOfB = shop.product(sellerB, category, "6.00");
        shop.receive(mugOfA, warehouse, 10);
        shop.receive(teaOfB, warehouse, 10);
        ApiClient.Response order = shop.placeOrder(user, mugOfA, 1, teaOfB, 2);
        assertThat(shop.pay(order.id(), GOOD_CARD).status()).isEqualTo(201);
        String path = "/api/orders/" + order.id() + "/shipments";

        ApiClient.Response stealing = shop.asSeller(sellerA).post(path, json("carrier", "streampost",
                "trackingNumber", "A-STEAL-" + order.id(), "items", List.of(json("productId", teaOfB, "quantity", 2))));
        assertThat(stealing.status()).as("B's item is not A's to ship").isEqualTo(422);
        assertThat(stock(teaOfB, warehouse)).containsEntry("quantity", 10).containsEntry("reserved_quantity", 2);

        ApiClient.Response byA = shop.asSeller(sellerA).post(path, json("carrier", "streampost",
                "trackingNumber", "A-" + order.id()));
        assertThat(byA.status()).as(byA.toString()).isEqualTo(201);
        assertThat(byA.json().path("items")).hasSize(1);
        assertThat(byA.json().path("items").get(0).path("productId").asLong()).isEqualTo(mugOfA);
        assertThat(stock(teaOfB, warehouse)).as("B's units still wait").containsEntry("reserved_quantity", 2);
        assertThat(db.orderStatus(order.id())).isEqualTo("FULFILLING");

        ApiClient.Response byB = shop.asSeller(sellerB).post(path, json("carrier", "swiftship",
                "trackingNumber", "B-" + order.id()));
        assertThat(byB.status()).as(byB.toString()).isEqualTo(201);
        assertThat(stock(teaOfB, warehouse)).containsEntry("quantity", 8).containsEntry("reserved_quantity", 0);
        assertThat(db.orderStatus(order.id())).isEqualTo("SHIPPED");
        assertThat(client.get("/api/orders/" + order.id() + "/tracking").json().path("shipments")).hasSize(2);
    }

    @Test
    void trackingEventsRunUpToDeliveryAndTheTimelineListsEveryStep() throws Exception {
        long orderId = paidOrder(product, 1);
        long shipmentId = ship(orderId, "TL-" + orderId).id();
        String events = "/api/shipments/" + shipmentId + "/tracking-events";

        assertThat(client.post(events, json("status", "IN_TRANSIT", "location", "Hub A")).status()).isEqualTo(201);
        assertThat(client.post(events, json("status", "OUT_FOR_DELIVERY")).status()).isEqualTo(201);
        assertThat(db.orderStatus(orderId)).isEqualTo("SHIPPED");
        ApiClient.Response delivered = client.post(events, json("status", "DELIVERED", "location", "Front door"));

        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(201);
        assertThat(delivered.json().path("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.json().path("deliveredAt").isTextual()).isTrue();
        assertThat(db.orderStatus(orderId)).isEqualTo("DELIVERED");
        assertThat(outbox(orderId, "ORDER_DELIVERED").getStatus()).isEqualTo(OrderStatus.DELIVERED);

        JsonNode tracking = client.get("/api/orders/" + orderId + "/tracking").json();
        JsonNode timeline = tracking.path("shipments").get(0).path("events");
        assertThat(timeline).extracting(event -> event.path("status").asText())
                .containsExactly("SHIPPED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
        assertThat(timeline.get(1).path("location").asText()).isEqualTo("Hub A");

        assertThat(client.post(events, json("status", "IN_TRANSIT")).status()).as("after delivery").isEqualTo(409);
        assertThat(client.post(events, json("status", "LOST")).status()).as("bad status").isEqualTo(400);
        assertThat(client.post(events, json("status", "SHIPPED")).status()).as("not reportable").isEqualTo(400);
        assertThat(client.post("/api/shipments/99999999/tracking-events", json("status", "IN_TRANSIT")).status())
                .isEqualTo(404);
        assertThat(client.get("/api/orders/99999999/tracking").status()).isEqualTo(404);
        assertThat(db.count("SELECT count(*) FROM tracking_events WHERE shipment_id = ?", shipmentId)).isEqualTo(4);
    }

    @Test
    void theBuyerIsNotifiedOfShippingAndDelivery() {
        long orderId = paidOrder(product, 1);
        long shipmentId = ship(orderId, "N-" + orderId).id();
        client.post("/api/shipments/" + shipmentId + "/tracking-events", json("status", "DELIVERED"));

        ApiClient.Response notifications = client.get("/api/users/" + user + "/notifications");

        assertThat(notifications.status()).isEqualTo(200);
        assertThat(notifications.json().path("notifications")).extracting(n -> n.path("kind").asText())
                .containsExactly("ORDER_DELIVERED", "ORDER_SHIPPED", "ORDER_CONFIRMED");
        assertThat(notifications.json().path("notifications").get(1).path("message").asText()).contains("N-" + orderId);
        // the dispatcher hands committed notifications to the (log-only) sender and marks them delivered
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(db.count(
                "SELECT count(*) FROM notifications WHERE order_id = ? AND delivered_at IS NULL", orderId)).isZero());
        assertThat(client.get("/api/users/99999999/notifications").status()).isEqualTo(404);
        assertThat(client.get("/api/users/x/notifications").status()).isEqualTo(400);
    }

    @Test
    void shippingOptionsPriceEveryCarrierByWeightAndZone() {
        long orderId = paidOrder(product, 2);

        ApiClient.Response local = client.get("/api/orders/" + orderId + "/shipping-options");
        ApiClient.Response far = client.get("/api/orders/" + orderId + "/shipping-options?region=us-east");
        ApiClient.Response near = client.get("/api/orders/" + orderId + "/shipping-options?region=eu-north");

        assertThat(local.status()).as(local.toString()).isEqualTo(200);
        assertThat(local.json().path("weightGrams").asInt()).isEqualTo(1000);
        assertThat(local.json().path("zone").asInt()).isEqualTo(1);
        assertThat(local.json().path("options")).extracting(o -> o.path("carrier").asText())
                .containsExactly("streampost", "swiftship", "cargoline");
        assertThat(local.json().path("options").get(0).path("price").asText()).isEqualTo("4.99");
        assertThat(local.json().path("options").get(0).path("estimatedDeliveryDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(near.json().path("zone").asInt()).isEqualTo(2);
        assertThat(far.json().path("zone").asInt()).isEqualTo(3);
        assertThat(far.json().path("options").get(0).path("price").asText()).isEqualTo("14.99");
        assertThat(client.get("/api/orders/99999999/shipping-options").status()).isEqualTo(404);
        assertThat(client.get("/api/orders/" + orderId + "/shipping-options?region=eu'west").status()).isEqualTo(400);
    }

    @Test
    void theZoneIsTheDistanceClassOfTwoRegions() {
        assertThat(ShippingZone.between("eu-west", "EU-WEST")).isEqualTo(1);
        assertThat(ShippingZone.between("eu-west", "eu-north")).isEqualTo(2);
        assertThat(ShippingZone.between("eu-west", "us-east")).isEqualTo(3);
        assertThat(ShippingZone.between(null, "us-east")).isEqualTo(3);
    }
}
