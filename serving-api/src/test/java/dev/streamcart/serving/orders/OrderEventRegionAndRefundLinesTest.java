package dev.streamcart.serving.orders;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
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

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long seller;
    private long category;
    private long cheap;
    private long dear;
    private long buyer;

    @BeforeEach
    void setUp() {
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

        List<OrderEvent> events = OutboxEvents.ofOrder(db, orderId);
        assertThat(events).extracting(OrderEvent::getRegion)
                .as("ORDER_PLACED, ORDER_PAID and both refunds")
                .hasSize(4).containsOnly("eu-west");
        OrderEvent itemRefund = events.get(2);
        assertThat(itemRefund.getRefundedCents()).isEqualTo(3998);
        assertThat(itemRefund.getRefundedItems()).containsExactly(OrderLine.newBuilder().setProductId(dear)
                .setSellerId(seller).setCategoryId(category).setQuantity(2).setUnitPriceCents(1999).build());
        OrderEvent amountRefund = events.get(3);
        assertThat(amountRefund.getRefundedCents()).isEqualTo(100);
        assertThat(amountRefund.getRefundedItems()).as(amountRefund.toString()).isEmpty();
        assertThat(events.get(0).getRefundedItems()).as("only refunds carry refundedItems").isEmpty();
    }

    @Test
    void aWholeRefundReturnsEveryUnitNotReturnedYet() throws Exception {
        long orderId = paidOrder("us-east");

        ApiClient.Response whole = refund(orderId, json("reason", "changed my mind"));
        assertThat(whole.status()).as(whole.toString()).isEqualTo(201);

        OrderEvent refund = OutboxEvents.ofOrder(db, orderId).get(2);
        assertThat(refund.getRegion()).isEqualTo("us-east");
        assertThat(refund.getRefundedItems()).extracting(l -> l.getProductId() + "x" + l.getQuantity() + "@"
                        + l.getUnitPriceCents())
                .containsExactlyInAnyOrder(cheap + "x4@250", dear + "x3@1999");
    }

    @Test
    void anOrderWithoutARegionHasNone() throws Exception {
        ApiClient.Response order = shop.placeOrder(buyer, cheap, 1);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);

        assertThat(OutboxEvents.ofOrder(db, order.id()).get(0).getRegion()).isNull();
    }

    private long paidOrder(String region) {
        Map<String, Object> body = Storefront.orderBody(buyer, cheap, 4, dear, 3);
        body.put("region", region);
        ApiClient.Response order = shop.as(buyer).post("/api/orders", body, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        ApiClient.Response paid = shop.as(buyer).post("/api/orders/" + order.id() + "/payments",
                json("method", "card", "cardNumber", GOOD_CARD), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        return order.id();
    }

    private ApiClient.Response refund(long orderId, Map<String, Object> body) {
        return shop.admin().post("/api/orders/" + orderId + "/refunds", body, "Idempotency-Key",
                UUID.randomUUID().toString());
    }
}
