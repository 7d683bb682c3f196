package dev.streamcart.serving.payments.risk;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.serving.problems.DomainException;
import dev.streamcart.serving.problems.ProblemKind;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fraud risk score blocks payments before the gateway is called, with its reasons, which only
 * operators see: the buyer's answers carry neither, so they are read from the payment row here.
 */
class PaymentRiskApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long product;
    private long user;

    @BeforeEach
    void setUp() {
        product = shop.stockedProduct("10.00", 1_000);
        user = shop.user();
    }

    private long order(long productId, int quantity) {
        return shop.placedOrder(user, productId, quantity);
    }

    private ApiClient.Response pay(long orderId, String... headers) {
        return shop.postPayment(orderId, json("method", "card", "cardNumber", GOOD_CARD), UUID.randomUUID().toString(), headers);
    }

    /** The payment row's score and reasons (comma-separated), as operators see them. */
    private Map<String, Object> risk(long orderId) {
        return db.single("SELECT risk_score, array_to_string(risk_reasons, ',') AS reasons FROM payments "
                + "WHERE order_id = ? ORDER BY id DESC LIMIT 1", orderId);
    }

    private long shipTo(long orderId, String street) {
        long address = ((Number) db.single("""
                INSERT INTO user_addresses (user_id, address_type, first_name, last_name, address_line1, city, postal_code,
                                            country) VALUES (?, 'shipping', 'Ada', 'Lovelace', ?, 'London', 'N1', 'GB')
                RETURNING id""", user, street).get("id")).longValue();
        SERVER.execute("UPDATE orders SET shipping_address_id = " + address + " WHERE id = " + orderId);
        return address;
    }

    @Test
    void moreThanTenOrdersInADayBlockThePaymentWithoutCallingTheGateway() throws Exception {
        for (int i = 0; i < 9; i++) {
            order(product, 1);
        }
        long tenth = order(product, 1);
        assertThat(pay(tenth).status()).as("ten orders are fine").isEqualTo(201);
        long eleventh = order(product, 2);
        long reservedBefore = db.reserved(product);

        ApiClient.Response response = pay(eleventh);

        assertThat(response.status()).as(response.toString()).isEqualTo(402);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).endsWith("/payment-blocked");
        assertThat(problem.path("reason").asText()).isEqualTo("fraud_risk");
        assertThat(problem.has("reasons")).as("kept from the buyer").isFalse();
        assertThat(problem.has("riskScore")).as("kept from the buyer").isFalse();
        assertThat(problem.path("detail").asText()).doesNotContain("velocity");
        assertThat(problem.path("orderStatus").asText()).isEqualTo("PAYMENT_FAILED");
        assertThat(db.orderStatus(eleventh)).isEqualTo("PAYMENT_FAILED");
        assertThat(db.reserved(product)).as("stock released").isEqualTo(reservedBefore - 2);
        Map<String, Object> payment = db.single("SELECT status, decline_reason, risk_score, "
                + "array_to_string(risk_reasons, ',') AS reasons, gateway_reference FROM payments WHERE order_id = ?", eleventh);
        assertThat(payment).containsEntry("status", "FAILED").containsEntry("decline_reason", "fraud_risk")
                .containsEntry("reasons", "velocity,missing_device").containsEntry("gateway_reference", null);
        assertThat(((Number) payment.get("risk_score")).intValue()).isEqualTo(80);
        assertThat(db.count("SELECT count(*) FROM payment_transactions t JOIN payments p ON p.id = t.payment_id "
                + "WHERE p.order_id = ?", eleventh)).as("nothing sent to the gateway").isZero();
        OrderEvent event = OutboxEvents.single(db, eleventh, "PAYMENT_FAILED");
        assertThat(event.getReason()).isEqualTo("fraud_risk");
        assertThat(event.getCardFingerprint()).hasSize(64);
        assertThat(db.single("SELECT kind FROM notifications WHERE order_id = ? AND kind <> 'ORDER_CONFIRMED'", eleventh))
                .containsEntry("kind", "PAYMENT_FAILED");
    }

    @Test
    void aPriceThatChangedSinceTheOrderWasPlacedBlocksThePayment() {
        long mine = shop.stockedProduct("30.00", 5);
        long orderId = order(mine, 1);
        SERVER.execute("UPDATE products SET price = 24.00 WHERE id = " + mine);

        ApiClient.Response response = pay(orderId);

        assertThat(response.status()).as(response.toString()).isEqualTo(402);
        assertThat(risk(orderId)).containsEntry("reasons", "missing_device,price_mismatch");
        assertThat(db.reserved(mine)).isZero();
    }

    @Test
    void aBigOrderFromANewDeviceToANewAddressIsBlockedButFromAKnownDeviceItPasses() {
        long expensive = shop.stockedProduct("600.00", 10);
        ApiClient.Response first = pay(order(product, 1), "X-Device-Id", "phone-1");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("riskScore").isNull()).as("kept from the buyer").isTrue();
        assertThat(((Number) risk(first.json().path("orderId").asLong()).get("risk_score")).intValue())
                .as("a first device is new").isEqualTo(15);

        long fromKnownDevice = order(expensive, 2);
        shipTo(fromKnownDevice, "1 Known Street");
        ApiClient.Response known = pay(fromKnownDevice, "X-Device-Id", "phone-1");
        assertThat(known.status()).as(known.toString()).isEqualTo(201);
        assertThat(((Number) risk(fromKnownDevice).get("risk_score")).intValue()).as("high amount + new address")
                .isEqualTo(50);

        long fromNewDevice = order(expensive, 2);
        shipTo(fromNewDevice, "2 Unknown Road");
        ApiClient.Response blocked = pay(fromNewDevice, "X-Device-Id", "tablet-3");

        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(402);
        assertThat(risk(fromNewDevice)).containsEntry("reasons", "high_amount,new_device,new_shipping_address");
        assertThat(((Number) risk(fromNewDevice).get("risk_score")).intValue()).isEqualTo(65);
        assertThat(db.count("SELECT count(*) FROM known_devices WHERE user_id = ? AND device_id = 'tablet-3'", user))
                .as("a blocked device does not become known").isZero();
    }

    @Test
    void leavingOutTheDeviceIdDoesNotSwitchOffTheDeviceSignal() {
        long expensive = shop.stockedProduct("600.00", 10);
        assertThat(pay(order(product, 1), "X-Device-Id", "phone-1").status()).isEqualTo(201);
        long big = order(expensive, 2);
        shipTo(big, "3 Nowhere Lane");

        ApiClient.Response blocked = pay(big);

        assertThat(blocked.status()).as("high amount + new address + no device: " + blocked).isEqualTo(402);
        assertThat(risk(big)).containsEntry("reasons", "high_amount,missing_device,new_shipping_address");
    }

    @Test
    void anOperatorSeesTheRiskScoreAndItsReasons() {
        long orderId = order(product, 1);
        SERVER.execute("UPDATE products SET price = 11.00 WHERE id = " + product);

        ApiClient.Response blocked = shop.admin().post("/api/orders/" + orderId + "/payments",
                json("method", "card", "cardNumber", GOOD_CARD), "Idempotency-Key", UUID.randomUUID().toString(),
                "X-Device-Id", "desk-1");

        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(402);
        assertThat(blocked.json().path("reasons").toString()).isEqualTo("[\"new_device\",\"price_mismatch\"]");
        assertThat(blocked.json().path("riskScore").asInt()).isEqualTo(80);
        SERVER.execute("UPDATE products SET price = 10.00 WHERE id = " + product);
    }

    /**
     * The velocity check runs on the payment's connection behind an interface without checked
     * exceptions. A database lost under it must still be the retriable 503 that the payment's own
     * statements give, not a 500 (the failover benchmark's PostgreSQL kill caught one).
     */
    @Test
    void aDatabaseLostDuringTheVelocityCheckIsRetriable() throws SQLException {
        try (Connection lost = SERVER.appDatabase().getConnection()) {
            PostgresVelocitySource velocity = new PostgresVelocitySource(lost);
            assertThat(velocity.ordersLast24h(user)).isZero();
            SERVER.execute("SELECT pg_terminate_backend(" + backendPid(lost) + ")");

            assertThatThrownBy(() -> velocity.ordersLast24h(user)).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.kind()).isEqualTo(ProblemKind.UNAVAILABLE));
            assertThatThrownBy(() -> velocity.distinctCardsLast24h(user, null)).isInstanceOfSatisfying(
                    DomainException.class, e -> assertThat(e.kind()).isEqualTo(ProblemKind.UNAVAILABLE));
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
