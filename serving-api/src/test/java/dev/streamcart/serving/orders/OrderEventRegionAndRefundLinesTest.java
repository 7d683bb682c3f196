package dev.streamcart.serving.orders;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox payloads analytics slices by: every order event carries the order's region, and a
 * refund event the lines it returns (units and cents per unit), empty for an amount-only refund.
 */
class OrderEventRegionAndRefundLinesTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private Storefront shop;
    private Db db;
    private long seller;
    private long category;
    private long cheap;
    private long dear;
    private long buyer;

    @BeforeEach
    void setUp() {
        shop = new Storefront(SERVER.client());
        db = new Db(SERVER.database());
        seller = shop.seller();
        category = shop.category();
        cheap = shop.product(seller, category, "2.50");
        dear = shop.product(seller, category, "19.99");
        long warehouse = shop.warehouse();
        shop.receive(cheap, warehouse, 50);
        shop.receive(dear, warehouse, 50);
        buyer = shop.user();
    }

    @Test
    void everyOrderEventCarriesTheRegionAndRefundsCarryTheirLines() throws Exception {
        long orderId = paidOrder("eu-west");

        ApiClient.Response byItems = refund(orderId, json("items", List.of(json("productId", dear, "quantity", 2)),
                "reason", "two broke"));
        assertThat(byItems.status()).as(byItems.toString()).isEqualTo(201);
        ApiClient.Response byAmount = refund(orderId, json("amount", "1.00", "reason", "goodwill"));
        assertThat(byAmount.status()).as(byAmount.toString()).isEqualTo(201);

        List<JsonNode> events = payloads(orderId);
        assertThat(events).extracting(event -> event.path("region").asText())
                .as("ORDER_PLACED, ORDER_PAID and both refunds")
                .hasSize(4).containsOnly("eu-west");
        JsonNode itemRefund = events.get(2);
        assertThat(itemRefund.path("refundedCents").asLong()).isEqualTo(3998);
        assertThat(itemRefund.path("refundedItems")).hasSize(1);
        JsonNode line = itemRefund.path("refundedItems").get(0);
        assertThat(line.path("productId").asLong()).isEqualTo(dear);
        assertThat(line.path("sellerId").asLong()).isEqualTo(seller);
        assertThat(line.path("categoryId").asLong()).isEqualTo(category);
        assertThat(line.path("quantity").asInt()).isEqualTo(2);
        assertThat(line.path("unitPriceCents").asLong()).isEqualTo(1999);
        JsonNode amountRefund = events.get(3);
        assertThat(amountRefund.path("refundedCents").asLong()).isEqualTo(100);
        assertThat(amountRefund.path("refundedItems").isArray()).as(amountRefund.toString()).isTrue();
        assertThat(amountRefund.path("refundedItems")).isEmpty();
        assertThat(events.get(0).has("refundedItems")).as("only refunds carry refundedItems").isFalse();
    }

    @Test
    void aWholeRefundReturnsEveryUnitNotReturnedYet() throws Exception {
        long orderId = paidOrder("us-east");

        ApiClient.Response whole = refund(orderId, json("reason", "changed my mind"));
        assertThat(whole.status()).as(whole.toString()).isEqualTo(201);

        JsonNode refund = payloads(orderId).get(2);
        assertThat(refund.path("region").asText()).isEqualTo("us-east");
        assertThat(refund.path("refundedItems")).extracting(l -> l.path("productId").asLong() + "x"
                        + l.path("quantity").asInt() + "@" + l.path("unitPriceCents").asLong())
                .containsExactlyInAnyOrder(cheap + "x4@250", dear + "x3@1999");
    }

    @Test
    void anOrderWithoutARegionLeavesTheKeyOut() throws Exception {
        ApiClient.Response order = shop.placeOrder(buyer, cheap, 1);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);

        assertThat(payloads(order.id()).get(0).has("region")).isFalse();
    }

    private long paidOrder(String region) {
        Map<String, Object> body = Storefront.orderBody(buyer, cheap, 4, dear, 3);
        body.put("region", region);
        ApiClient.Response order = shop.as(buyer).post("/api/orders", body, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        ApiClient.Response paid = shop.as(buyer).post("/api/orders/" + order.id() + "/payments",
                json("method", "card", "cardNumber", "4242424242424242"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        return order.id();
    }

    private ApiClient.Response refund(long orderId, Map<String, Object> body) {
        return shop.admin().post("/api/orders/" + orderId + "/refunds", body, "Idempotency-Key",
                UUID.randomUUID().toString());
    }

    /** The order's outbox payloads in the order they were written. */
    private List<JsonNode> payloads(long orderId) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> payloads = new ArrayList<>();
        for (Map<String, Object> row : db.rows("SELECT payload::text AS payload FROM outbox "
                + "WHERE aggregate_type = 'order' AND aggregate_id = ? ORDER BY created_at, id", Long.toString(orderId))) {
            payloads.add(mapper.readTree((String) row.get("payload")));
        }
        return payloads;
    }
}
