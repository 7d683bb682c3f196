package dev.streamcart.serving.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.inventory.StockAlertType;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stock alerts from the real {@code stock-alerts} topic (exactly-once transactions, as
 * inventory-streams writes them): stored once each, notified to the seller's user, listed for the
 * dashboard newest first.
 */
class StockAlertsApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    @Test
    void eachAlertIsStoredOnceAndNotifiedToTheSellersUser() {
        long seller = shop.seller();
        long product = shop.product(seller, shop.category(), "9.99");
        long sellerUser = userOf(seller);

        StockAlert low = alert(product, StockAlertType.LOW_STOCK, 8, 100, null);
        StockAlert reorder = alert(product, StockAlertType.REORDER, 4, 101, 37);
        StockAlert out = alert(product, StockAlertType.OUT_OF_STOCK, 0, 102, null);
        commit(low, reorder);
        commit(low, out, reorder);                   // re-delivered, as after a crash before the offset commit
        commit(alert(product, StockAlertType.BACK_IN_STOCK, 30, 103, null));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(db.count("SELECT count(*) FROM stock_alerts WHERE product_id = ?", product)).isEqualTo(4));
        List<Map<String, Object>> rows = db.rows("""
                SELECT alert_type, seller_id, available, suggested_quantity FROM stock_alerts
                WHERE product_id = ? ORDER BY source_lsn""", product);
        assertThat(rows).extracting(row -> row.get("alert_type"))
                .containsExactly("LOW_STOCK", "REORDER", "OUT_OF_STOCK", "BACK_IN_STOCK");
        assertThat(rows).allSatisfy(row -> assertThat(((Number) row.get("seller_id")).longValue()).isEqualTo(seller));
        assertThat(rows.get(1).get("suggested_quantity")).isEqualTo(37);
        assertThat(rows.get(0).get("suggested_quantity")).isNull();

        JsonNode notifications = shop.asSeller(seller).get("/api/users/" + sellerUser + "/notifications").json()
                .path("notifications");
        assertThat(notifications).extracting(n -> n.path("kind").asText())
                .containsExactly("BACK_IN_STOCK", "OUT_OF_STOCK", "REORDER", "LOW_STOCK");
        JsonNode reorderNotification = notifications.get(2);
        assertThat(reorderNotification.path("title").asText()).contains("Reorder").contains(Long.toString(product));
        assertThat(reorderNotification.path("message").asText()).contains("suggested order: 37 units");
        assertThat(reorderNotification.path("orderId").isNull()).isTrue();
    }

    @Test
    void aSellerWithoutAUserGetsTheStoredAlertButNoNotification() {
        SERVER.execute("INSERT INTO sellers (name, email) VALUES ('Offline seller', 'offline-" + UUID.randomUUID() + "@example.com')");
        long seller = ((Number) db.single("SELECT max(id) AS id FROM sellers WHERE user_id IS NULL").get("id")).longValue();
        long product = shop.product(seller, shop.category(), "3.50");
        long notificationsBefore = db.count("SELECT count(*) FROM notifications");

        commit(alert(product, StockAlertType.OUT_OF_STOCK, 0, 200, null));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(db.count("SELECT count(*) FROM stock_alerts WHERE product_id = ? AND seller_id = ?", product, seller))
                        .isEqualTo(1));
        assertThat(db.count("SELECT count(*) FROM notifications")).isEqualTo(notificationsBefore);
    }

    @Test
    void theDashboardListsNewestFirstAndASellerOnlyItsOwnProducts() {
        long seller = shop.seller();
        long mine = shop.product(seller, shop.category(), "5.00");
        long theirs = shop.product("6.00");
        commit(alert(mine, StockAlertType.LOW_STOCK, 7, 300, null),
                alert(theirs, StockAlertType.LOW_STOCK, 6, 301, null),
                alert(mine, StockAlertType.OUT_OF_STOCK, 0, 302, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                db.count("SELECT count(*) FROM stock_alerts WHERE source_lsn BETWEEN 300 AND 302")).isEqualTo(3));

        ApiClient.Response forAdmin = shop.admin().get("/api/alerts/stock?limit=2");
        assertThat(forAdmin.status()).as(forAdmin.toString()).isEqualTo(200);
        JsonNode adminAlerts = forAdmin.json().path("alerts");
        assertThat(adminAlerts).hasSize(2);
        assertThat(adminAlerts.get(0).path("alertId").asText()).isEqualTo(mine + "-OUT_OF_STOCK-302");
        assertThat(adminAlerts.get(1).path("alertId").asText()).isEqualTo(theirs + "-LOW_STOCK-301");
        assertThat(adminAlerts.get(0).path("sellerId").asLong()).isEqualTo(seller);

        JsonNode sellerAlerts = shop.asSeller(seller).get("/api/alerts/stock").json().path("alerts");
        assertThat(sellerAlerts).extracting(a -> a.path("productId").asLong()).containsOnly(mine);
        assertThat(sellerAlerts).extracting(a -> a.path("type").asText()).containsExactly("OUT_OF_STOCK", "LOW_STOCK");

        assertThat(shop.admin().get("/api/alerts/stock?limit=0").status()).isEqualTo(400);
        assertThat(shop.admin().get("/api/alerts/stock?limit=abc").status()).isEqualTo(400);
        assertThat(SERVER.client().get("/api/alerts/stock").status()).isEqualTo(401);
        assertThat(shop.as(shop.user()).get("/api/alerts/stock").status()).isEqualTo(403);
    }

    private long userOf(long seller) {
        return ((Number) db.single("SELECT user_id FROM sellers WHERE id = ?", seller).get("user_id")).longValue();
    }

    private static void commit(StockAlert... alerts) {
        SERVER.topicWriter().commit(Topics.STOCK_ALERTS, StockAlert::getProductId, alerts);
    }

    private static StockAlert alert(long product, StockAlertType type, int available, long lsn, Integer suggested) {
        return StockAlert.newBuilder()
                .setAlertId(product + "-" + type + "-" + lsn)
                .setProductId(product).setType(type).setAvailable(available).setOnHand(available + 2)
                .setLowStockThreshold(10).setReorderPoint(5).setUnitsPerDay(2.5)
                .setDaysOfCover(available / 2.5).setSuggestedQuantity(suggested)
                .setSourceLsn(lsn).setRaisedAt(T0.plusSeconds(lsn)).build();
    }
}
