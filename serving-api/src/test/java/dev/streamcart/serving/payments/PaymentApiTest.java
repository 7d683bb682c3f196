package dev.streamcart.serving.payments;

import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentApiTest {

    private static final String DECLINED_CARD = "4000000000000002";

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final ApiClient client = shop.admin(); // the operator: every route, anyone\'s order (ownership is tested in AccessControlTest)
    private final Db db = SERVER.db();
    private long seller;
    private long category;
    private long product;
    private long user;

    @BeforeEach
    void setUp() {
        seller = shop.seller();
        category = shop.category();
        product = shop.stockedProduct(seller, category, "12.50", 20);
        user = shop.user();
    }

    private long pendingOrder(int quantity) {
        return shop.placedOrder(user, product, quantity);
    }

    @Test
    void anApprovedPaymentMarksTheOrderPaidAndKeepsItsReservation() throws Exception {
        long orderId = pendingOrder(2);

        ApiClient.Response response = shop.pay(orderId, GOOD_CARD);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode payment = response.json();
        assertThat(payment.path("orderId").asLong()).isEqualTo(orderId);
        assertThat(payment.path("status").asText()).isEqualTo("PAID");
        assertThat(payment.path("paymentId").asLong()).isPositive();
        assertThat(payment.path("amount").asText()).isEqualTo("25.00");
        assertThat(payment.path("cardBrand").asText()).isEqualTo("visa");
        assertThat(payment.path("cardLast4").asText()).isEqualTo("4242");
        assertThat(db.orderStatus(orderId)).isEqualTo("PAID");
        assertThat(db.reserved(product)).isEqualTo(2);
        Map<String, Object> row = db.single("SELECT status, amount, card_brand, card_last4, gateway_reference "
                + "FROM payments WHERE order_id = ?", orderId);
        assertThat(row).containsEntry("status", "CAPTURED").containsEntry("card_last4", "4242");
        assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo("25.00");
        assertThat((String) row.get("gateway_reference")).startsWith("sim_");
        OrderEvent paid = OutboxEvents.single(db, orderId, "ORDER_PAID");
        assertThat(paid).isEqualTo(OrderEvent.newBuilder()
                .setEventId(paid.getEventId()).setOccurredAt(paid.getOccurredAt())
                .setOrderId(orderId).setUserId(user)
                .setType(OrderEventType.ORDER_PAID).setStatus(OrderStatus.PAID)
                .setTotalCents(2500).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(product).setSellerId(seller).setCategoryId(category)
                        .setQuantity(2).setUnitPriceCents(1250).build()))
                .setPaymentMethod("card")
                .setCardFingerprint(new CardFingerprints(ApiServerExtension.FINGERPRINT_SECRET).of(CardNumber.parse(GOOD_CARD)))
                .build());
        assertThat(db.single("SELECT card_fingerprint FROM payments WHERE order_id = ?", orderId).get("card_fingerprint"))
                .isEqualTo(paid.getCardFingerprint());
        assertThat(db.rows("SELECT t.kind, t.status FROM payment_transactions t JOIN payments p ON p.id = t.payment_id "
                + "WHERE p.order_id = ? ORDER BY t.id", orderId)).containsExactly(
                Map.of("kind", "AUTHORIZE", "status", "SUCCEEDED"), Map.of("kind", "CAPTURE", "status", "SUCCEEDED"));
    }

    @Test
    void aDeclineIs402ReleasesTheReservationAndFailsTheOrder() throws Exception {
        long orderId = pendingOrder(3);
        assertThat(db.reserved(product)).isEqualTo(3);

        ApiClient.Response response = shop.pay(orderId, DECLINED_CARD);

        assertThat(response.status()).isEqualTo(402);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("reason").asText()).isEqualTo("card_declined");
        assertThat(response.json().path("orderStatus").asText()).isEqualTo("PAYMENT_FAILED");
        assertThat(db.orderStatus(orderId)).isEqualTo("PAYMENT_FAILED");
        assertThat(db.reserved(product)).isZero();
        assertThat(db.single("SELECT status FROM stock_reservations WHERE order_id = ?", orderId))
                .containsEntry("status", "RELEASED");
        assertThat(db.single("SELECT status, decline_reason FROM payments WHERE order_id = ?", orderId))
                .containsEntry("status", "FAILED").containsEntry("decline_reason", "card_declined");
        OrderEvent payload = OutboxEvents.single(db, orderId, "PAYMENT_FAILED");
        assertThat(payload.getStatus()).isEqualTo(OrderStatus.PAYMENT_FAILED);
        assertThat(payload.getReason()).isEqualTo("card_declined");
        assertThat(payload.getPaymentMethod()).isEqualTo("card");
        assertThat(payload.getTotalCents()).isEqualTo(3750);
        assertThat(payload.getCardFingerprint()).hasSize(64);
        assertThat(db.single("SELECT kind, title FROM notifications WHERE order_id = ? AND kind <> 'ORDER_CONFIRMED'", orderId))
                .containsEntry("kind", "PAYMENT_FAILED").containsEntry("title", "Payment failed for order " + orderId);
    }

    @ParameterizedTest
    @CsvSource({"4000000000009995, insufficient_funds", "4100000000000019, fraud_suspected"})
    void eachTestCardDeclinesWithItsReason(String card, String reason) {
        long orderId = pendingOrder(1);

        ApiClient.Response response = shop.pay(orderId, card);

        assertThat(response.status()).isEqualTo(402);
        assertThat(response.json().path("reason").asText()).isEqualTo(reason);
        assertThat(db.reserved(product)).isZero();
    }

    @Test
    void anotherCustomerCannotPaySomeoneElsesOrder() {
        long orderId = pendingOrder(1);
        long stranger = shop.user();

        ApiClient.Response response = shop.as(stranger).post("/api/orders/" + orderId + "/payments",
                ApiClient.json("method", "card", "cardNumber", GOOD_CARD), "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(SERVER.client().post("/api/orders/" + orderId + "/payments", ApiClient.json("method", "card", "cardNumber",
                GOOD_CARD), "Idempotency-Key", UUID.randomUUID().toString()).status()).as("signed out").isEqualTo(401);
        assertThat(db.orderStatus(orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isZero();
    }

    @Test
    void aRetriedPaymentChargesOnceAndReturnsTheFirstResponse() {
        long orderId = pendingOrder(1);
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = shop.pay(orderId, GOOD_CARD, key);
        ApiClient.Response retry = shop.pay(orderId, GOOD_CARD, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = 'ORDER_PAID'",
                Long.toString(orderId))).isEqualTo(1);
    }

    @Test
    void aRetriedDeclineReplaysThe402WithoutChargingAgain() {
        long orderId = pendingOrder(1);
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = shop.pay(orderId, DECLINED_CARD, key);
        ApiClient.Response retry = shop.pay(orderId, DECLINED_CARD, key);

        assertThat(retry.status()).isEqualTo(402);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
    }

    @Test
    void payingAnOrderThatIsNoLongerAwaitingPaymentIs409() {
        long orderId = pendingOrder(1);
        assertThat(shop.pay(orderId, GOOD_CARD).status()).isEqualTo(201);

        ApiClient.Response second = shop.pay(orderId, GOOD_CARD);

        assertThat(second.status()).isEqualTo(409);
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
    }

    @Test
    void badPaymentRequestsAreRefusedAndChangeNothing() {
        long orderId = pendingOrder(1);
        String path = "/api/orders/" + orderId + "/payments";
        String key = "Idempotency-Key";

        assertThat(client.post(path, "{\"method\":\"card\",\"cardNumber\":\"4242424242424241\"}", key, "k1").status())
                .as("Luhn-invalid").isEqualTo(400);
        assertThat(client.post(path, "{\"method\":\"card\",\"cardNumber\":\"42\"}", key, "k2").status())
                .as("too short").isEqualTo(400);
        assertThat(client.post(path, "{\"method\":\"card\"}", key, "k3").status()).as("no card").isEqualTo(400);
        assertThat(client.post(path, "{\"method\":\"cash\",\"cardNumber\":\"4242424242424242\"}", key, "k4").status())
                .as("unsupported method").isEqualTo(422);
        assertThat(client.post(path, "{\"method\":\"card\",\"cardNumber\":\"4242424242424242\"}").status())
                .as("no Idempotency-Key").isEqualTo(400);
        assertThat(client.post("/api/orders/99999999/payments", "{\"method\":\"card\",\"cardNumber\":\"4242424242424242\"}",
                key, "k5").status()).as("unknown order").isEqualTo(404);
        assertThat(client.post("/api/orders/abc/payments", "{\"method\":\"card\",\"cardNumber\":\"4242424242424242\"}",
                key, "k6").status()).as("bad id").isEqualTo(400);

        assertThat(db.orderStatus(orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isZero();
        assertThat(db.reserved(product)).isEqualTo(1);
    }

    @Test
    void aCardNumberIsNeverStoredInAnyTable() {
        long paid = pendingOrder(1);
        long declined = pendingOrder(1);
        shop.pay(paid, GOOD_CARD);
        shop.pay(declined, DECLINED_CARD);
        client.post("/api/orders/" + pendingOrder(1) + "/payments", "{\"method\":\"card\",\"cardNumber\":\"4242 4242 4242 4242\"}",
                "Idempotency-Key", UUID.randomUUID().toString());

        List<Map<String, Object>> tables = db.rows(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        assertThat(tables).isNotEmpty();
        for (Map<String, Object> table : tables) {
            String name = (String) table.get("table_name");
            for (Map<String, Object> row : db.rows("SELECT t::text AS row FROM " + name + " t")) {
                String text = (String) row.get("row");
                assertThat(text).as("a row of " + name)
                        .doesNotContain(GOOD_CARD).doesNotContain(DECLINED_CARD).doesNotContain("4242 4242 4242 4242");
            }
        }
    }

    @Test
    void cancellingReleasesTheReservation() throws Exception {
        long orderId = pendingOrder(4);
        assertThat(db.reserved(product)).isEqualTo(4);

        ApiClient.Response response = client.post("/api/orders/" + orderId + "/cancel", "");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(db.reserved(product)).isZero();
        assertThat(db.orderStatus(orderId)).isEqualTo("CANCELLED");
        OrderEvent payload = OutboxEvents.single(db, orderId, "ORDER_CANCELLED");
        assertThat(payload.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(payload.getItems().get(0).getQuantity()).isEqualTo(4);
    }

    @Test
    void onlyAnOrderAwaitingPaymentCanBeCancelled() {
        long paid = pendingOrder(1);
        shop.pay(paid, GOOD_CARD);
        long cancelled = pendingOrder(1);
        client.post("/api/orders/" + cancelled + "/cancel", "");

        assertThat(client.post("/api/orders/" + paid + "/cancel", "").status()).isEqualTo(409);
        assertThat(client.post("/api/orders/" + cancelled + "/cancel", "").status()).isEqualTo(409);
        assertThat(client.post("/api/orders/424242424/cancel", "").status()).isEqualTo(404);
        assertThat(db.reserved(product)).isEqualTo(1);
    }

    @Test
    void aCancelRetriedWithTheSameKeyReturnsTheFirstResponse() {
        long orderId = pendingOrder(2);
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = client.post("/api/orders/" + orderId + "/cancel", "", "Idempotency-Key", key);
        ApiClient.Response retry = client.post("/api/orders/" + orderId + "/cancel", "", "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = 'ORDER_CANCELLED'",
                Long.toString(orderId))).isEqualTo(1);
    }
}
