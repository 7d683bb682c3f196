package dev.streamcart.serving.auth;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every route that names someone's data, called by someone else: refused, and nothing changes. */
class AccessControlTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long product;
    private long warehouse;

    @BeforeEach
    void setUp() {
        product = shop.product("10.00");
        warehouse = shop.warehouse();
        shop.receive(product, warehouse, 50);
    }

    private long placedOrder(long buyer) {
        return shop.placedOrder(buyer, product, 1);
    }

    @Test
    void aCustomerCannotSeePayCancelOrTrackAnotherCustomersOrder() {
        long alice = shop.user();
        long mallory = shop.user();
        long order = placedOrder(alice);
        ApiClient intruder = shop.as(mallory);

        assertThat(intruder.get("/api/orders/" + order).status()).isEqualTo(404);
        assertThat(intruder.post("/api/orders/" + order + "/payments", json("method", "card", "cardNumber", GOOD_CARD),
                "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(404);
        assertThat(intruder.post("/api/orders/" + order + "/cancel", "").status()).isEqualTo(404);
        assertThat(intruder.get("/api/orders/" + order + "/tracking").status()).isEqualTo(404);
        assertThat(intruder.get("/api/orders/" + order + "/shipping-options").status()).isEqualTo(404);
        assertThat(intruder.get("/api/orders/" + order + "/tracking").json().path("detail").asText())
                .as("reads exactly like a missing order").isEqualTo("order " + order + " does not exist");

        assertThat(db.orderStatus(order)).isEqualTo("PENDING_PAYMENT");
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", order)).isZero();
        assertThat(shop.as(alice).get("/api/orders/" + order + "/tracking").status()).isEqualTo(200);
    }

    @Test
    void aCustomerCannotPlaceAnOrderInAnotherUsersName() {
        long alice = shop.user();
        long mallory = shop.user();
        long ordersBefore = db.count("SELECT count(*) FROM orders");

        ApiClient.Response response = shop.as(mallory).post("/api/orders", Storefront.orderBody(alice, product, 1),
                "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(response.status()).isEqualTo(403);
        assertThat(db.count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore);
    }

    @Test
    void aCustomerCannotReadAnotherUsersNotificationsOrRecommendations() {
        long alice = shop.user();
        long mallory = shop.user();

        assertThat(shop.as(mallory).get("/api/users/" + alice + "/notifications").status()).isEqualTo(403);
        assertThat(shop.as(mallory).get("/api/recommendations/" + alice).status()).isEqualTo(403);
        assertThat(shop.as(alice).get("/api/users/" + alice + "/notifications").status()).isEqualTo(200);
    }

    @Test
    void equalIdempotencyKeysOfTwoBuyersNeverReplayEachOthersOrders() {
        long alice = shop.user();
        long bob = shop.user();
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = shop.placeOrder(key, alice, product, 1);
        ApiClient.Response second = shop.placeOrder(key, bob, product, 1);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.json().path("userId").asLong()).isEqualTo(bob);
    }

    @Test
    void aSellerChangesOnlyItsOwnProductsStockAndOrders() {
        long mine = shop.seller();
        long theirs = shop.seller();
        long category = shop.category();
        long theirProduct = shop.product(theirs, category, "7.00");
        ApiClient seller = shop.asSeller(mine);
        long onHandBefore = db.count("SELECT coalesce(sum(quantity), 0) FROM inventory WHERE product_id = ?", theirProduct);

        assertThat(seller.post("/api/inventory/receipts", json("productId", theirProduct, "warehouseId", warehouse,
                "quantity", 5)).status()).isEqualTo(422);
        assertThat(seller.post("/api/products", json("sellerId", theirs, "categoryId", category, "sku", "STEAL-1",
                "name", "Not mine", "price", "1.00")).status()).isEqualTo(403);
        assertThat(db.count("SELECT coalesce(sum(quantity), 0) FROM inventory WHERE product_id = ?", theirProduct))
                .isEqualTo(onHandBefore);
        assertThat(db.count("SELECT count(*) FROM products WHERE sku = 'STEAL-1'")).isZero();

        shop.receive(theirProduct, warehouse, 5);
        long buyer = shop.user();
        ApiClient.Response order = shop.placeOrder(buyer, theirProduct, 1);
        assertThat(shop.pay(order.id(), GOOD_CARD).status()).isEqualTo(201);
        assertThat(seller.post("/api/orders/" + order.id() + "/shipments", json("carrier", "streampost",
                "trackingNumber", "SP-1")).status()).as("another seller's order").isEqualTo(404);
        assertThat(seller.post("/api/orders/" + order.id() + "/refunds", json("reason", "no"),
                "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(404);
        assertThat(db.orderStatus(order.id())).isEqualTo("PAID");

        ApiClient.Response shipped = shop.asSeller(theirs).post("/api/orders/" + order.id() + "/shipments",
                json("carrier", "streampost", "trackingNumber", "SP-2"));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
    }

    @Test
    void customersAndSellersCannotCallOperatorRoutes() {
        ApiClient customer = shop.as(shop.user());
        ApiClient seller = shop.asSeller(shop.seller());
        for (ApiClient caller : new ApiClient[] {customer, seller}) {
            assertThat(caller.post("/api/warehouses", json("name", "Mine", "region", "eu-west")).status()).isEqualTo(403);
            assertThat(caller.post("/api/admin/models/reload", "").status()).isEqualTo(403);
            assertThat(caller.post("/api/shipments/1/tracking-events", json("status", "DELIVERED")).status()).isEqualTo(403);
            assertThat(caller.get("/api/analytics/sales").status()).isEqualTo(403);
        }
    }
}
