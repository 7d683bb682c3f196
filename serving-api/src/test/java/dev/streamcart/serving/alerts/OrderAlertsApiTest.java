package dev.streamcart.serving.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderAnomaly;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderSlaAlert;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import dev.streamcart.serving.testing.TopicWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** order-streams' SLA alerts and anomalies, from their topics to operators and to the late order's sellers. */
class OrderAlertsApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    private static final Instant PAID = Instant.parse("2026-11-26T09:00:00Z");
    private final TopicWriter topics = SERVER.topicWriter();
    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    @Test
    void aLateOrderIsStoredOnceAndEverySellerOfItIsNotifiedOnce() {
        long seller = shop.seller();
        long otherSeller = shop.seller();
        long warehouse = shop.warehouse();
        long product = shop.product(seller, shop.category(), "4.00");
        long otherProduct = shop.product(otherSeller, shop.category(), "6.00");
        shop.receive(product, warehouse, 5);
        shop.receive(otherProduct, warehouse, 5);
        long order = shop.placeOrder(shop.user(), product, 1, otherProduct, 2).id();

        OrderSlaAlert alert = OrderSlaAlert.newBuilder().setOrderId(order).setUserId(1).setPaidAt(PAID)
                .setDeadline(PAID.plus(Duration.ofHours(24))).setRaisedAt(PAID.plus(Duration.ofHours(24))).build();
        topics.commit(Topics.ORDER_SLA_ALERTS, order, alert);
        topics.commit(Topics.ORDER_SLA_ALERTS, order, alert); // re-delivered, as after a crash before the offset commit

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                db.count("SELECT count(*) FROM notifications WHERE kind = 'ORDER_SLA_BREACHED' AND order_id = ?", order))
                .isEqualTo(2));
        assertThat(db.count("SELECT count(*) FROM order_alerts WHERE order_id = ?", order)).isEqualTo(1);
        for (long sellerId : new long[] {seller, otherSeller}) {
            long user = ((Number) db.single("SELECT user_id FROM sellers WHERE id = ?", sellerId).get("user_id")).longValue();
            JsonNode notifications = shop.asSeller(sellerId).get("/api/users/" + user + "/notifications").json()
                    .path("notifications");
            assertThat(notifications).filteredOn(n -> n.path("kind").asText().equals("ORDER_SLA_BREACHED"))
                    .singleElement().satisfies(n -> {
                        assertThat(n.path("orderId").asLong()).isEqualTo(order);
                        assertThat(n.path("title").asText()).contains("late to ship");
                    });
        }

        JsonNode listed = shop.admin().get("/api/admin/order-alerts?kind=sla_breach").json();
        assertThat(listed.path("kind").asText()).isEqualTo("SLA_BREACH");
        assertThat(listed.path("alerts")).filteredOn(a -> a.path("orderId").asLong() == order).singleElement()
                .satisfies(a -> assertThat(a.path("detail").asText()).contains("not shipped by its deadline"));
    }

    @Test
    void anomaliesAreListedForOperatorsAndOnlyForThem() {
        long order = 9_100_001;
        OrderAnomaly anomaly = OrderAnomaly.newBuilder().setOrderId(order).setEventId("evt-" + order)
                .setFromStatus(OrderStatus.CANCELLED).setAttemptedType(OrderEventType.ORDER_SHIPPED)
                .setDetectedAt(PAID).setDetail("shipped after cancellation").build();
        topics.commit(Topics.ORDER_ANOMALIES, order, anomaly, anomaly);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(db.count("SELECT count(*) FROM order_alerts WHERE kind = 'ANOMALY' AND order_id = ?", order))
                        .isEqualTo(1));
        ApiClient.Response response = shop.admin().get("/api/admin/order-alerts?kind=ANOMALY&limit=10");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("alerts")).filteredOn(a -> a.path("orderId").asLong() == order).singleElement()
                .satisfies(a -> {
                    assertThat(a.path("naturalKey").asText()).isEqualTo("anomaly:evt-" + order);
                    assertThat(a.path("detail").asText()).contains("ORDER_SHIPPED").contains("CANCELLED");
                });
        assertThat(shop.admin().get("/api/admin/order-alerts").json().path("kind").isNull()).isTrue();

        assertThat(shop.admin().get("/api/admin/order-alerts?kind=LATE").status()).isEqualTo(400);
        assertThat(shop.admin().get("/api/admin/order-alerts?limit=501").status()).isEqualTo(400);
        assertThat(SERVER.client().get("/api/admin/order-alerts").status()).isEqualTo(401);
        assertThat(shop.asSeller(shop.seller()).get("/api/admin/order-alerts").status()).isEqualTo(403);
    }
}
