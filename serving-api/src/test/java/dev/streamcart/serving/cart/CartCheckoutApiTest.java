package dev.streamcart.serving.cart;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static dev.streamcart.serving.testing.Storefront.created;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.serving.orders.ShippingAddressKey;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quote and checkout from the cart: two sellers, two warehouses on two continents, a buyer in the
 * US (us-east, 8.875 % tax). Seller A's 12.00 item is stocked in both warehouses, seller B's 19.99
 * item only in Europe, so A ships locally (zone 1) and B across the ocean (zone 3).
 */
class CartCheckoutApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long sellerA;
    private long sellerB;
    private long productA;
    private long productB;
    private long warehouseUs;
    private long warehouseEu;
    private long buyer;
    private long address;
    private CartCalls cart;

    @BeforeEach
    void setUp() {
        warehouseUs = created(shop.admin().post("/api/warehouses", json("name", "Newark", "region", "us-east")));
        warehouseEu = created(shop.admin().post("/api/warehouses", json("name", "Dublin", "region", "eu-west")));
        sellerA = shop.seller();
        sellerB = shop.seller();
        productA = shop.product(sellerA, shop.category(), "12.00");
        productB = shop.product(sellerB, shop.category(), "19.99");
        shop.receive(productA, warehouseUs, 10);
        shop.receive(productA, warehouseEu, 50);
        shop.receive(productB, warehouseEu, 10);
        buyer = shop.user();
        address = address(buyer, "US", true);
        cart = new CartCalls(shop.as(buyer));
    }

    @Test
    void theQuoteShowsTaxAndShippingPerSellerAndOverall() {
        cart.add(productA, 1);
        cart.add(productB, 3);

        ApiClient.Response response = cart.quote(""); // no body: the default shipping address

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode quote = response.json();
        assertThat(quote.path("currency").asText()).isEqualTo("USD");
        assertThat(quote.path("region").asText()).isEqualTo("us-east");
        JsonNode a = quote.path("sellers").get(0);
        assertThat(a.path("sellerId").asLong()).isEqualTo(sellerA);
        assertThat(a.path("subtotal").asText()).isEqualTo("12.00");
        assertThat(a.path("tax").asText()).as("12.00 x 8.875 % = 1.065, HALF_EVEN").isEqualTo("1.06");
        assertThat(a.path("zone").asInt()).as("from the us-east warehouse").isEqualTo(1);
        assertThat(a.path("weightGrams").asInt()).isEqualTo(500);
        assertThat(a.path("carrier").asText()).isEqualTo("streampost");
        assertThat(a.path("shipping").asText()).isEqualTo("4.99");
        assertThat(a.path("total").asText()).isEqualTo("18.05");
        assertThat(a.path("items").get(0).path("taxRate").asText()).isEqualTo("0.08875");
        JsonNode b = quote.path("sellers").get(1);
        assertThat(b.path("sellerId").asLong()).isEqualTo(sellerB);
        assertThat(b.path("subtotal").asText()).isEqualTo("59.97");
        assertThat(b.path("tax").asText()).isEqualTo("5.32");
        assertThat(b.path("zone").asInt()).as("from Europe to the US").isEqualTo(3);
        assertThat(b.path("weightGrams").asInt()).isEqualTo(1500);
        assertThat(b.path("shipping").asText()).isEqualTo("22.99");
        assertThat(b.path("total").asText()).isEqualTo("88.28");
        assertThat(quote.path("subtotal").asText()).isEqualTo("71.97");
        assertThat(quote.path("tax").asText()).isEqualTo("6.38");
        assertThat(quote.path("shipping").asText()).isEqualTo("27.98");
        assertThat(quote.path("total").asText()).isEqualTo("106.33");
        // a quote reserves nothing and places nothing
        assertThat(db.count("SELECT count(*) FROM orders WHERE user_id = ?", buyer)).isZero();
        assertThat(db.count("SELECT COALESCE(SUM(reserved_quantity), 0) FROM inventory WHERE product_id IN (?, ?)",
                productA, productB)).isZero();
    }

    @Test
    void aRegionAndACarrierCanBeChosen() {
        cart.add(productA, 1);
        cart.add(productB, 3);

        JsonNode europe = cart.quote(json("region", "eu-west")).json();
        assertThat(europe.path("tax").asText()).as("2.40 + 11.99 at 20 %").isEqualTo("14.39");
        assertThat(europe.path("sellers").get(0).path("zone").asInt()).isEqualTo(1);
        assertThat(europe.path("sellers").get(1).path("shipping").asText()).isEqualTo("7.99");

        JsonNode express = cart.quote(json("carrier", "swiftship")).json();
        assertThat(express.path("sellers").get(0).path("carrier").asText()).isEqualTo("swiftship");
        assertThat(express.path("sellers").get(0).path("shipping").asText()).isEqualTo("9.99");
        assertThat(express.path("sellers").get(1).path("shipping").asText()).isEqualTo("44.99");

        ApiClient.Response unknown = cart.quote(json("carrier", "pigeon"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("detail").asText()).contains("pigeon");
        assertThat(cart.quote(json("region", "eu west; --")).status()).isEqualTo(400);
    }

    @Test
    void checkoutChargesWhatTheQuoteShowedAndEmptiesTheCart() throws Exception {
        long later = shop.product(sellerA, shop.category(), "1.00");
        cart.add(productA, 1);
        cart.add(productB, 3);
        cart.add(later, 1);
        cart.saveForLater(later);
        String quoted = cart.quote("").json().path("total").asText();

        ApiClient.Response response = cart.checkout(json("shippingAddressId", address));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode placed = response.json();
        long orderId = placed.path("id").asLong();
        assertThat(placed.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(placed.path("total").asText()).isEqualTo(quoted).isEqualTo("106.33");
        assertThat(placed.path("shippingAddressId").asLong()).isEqualTo(address);
        assertThat(placed.path("billingAddressId").asLong()).as("defaults to the shipping address").isEqualTo(address);
        assertThat(placed.path("pricing").path("sellers")).hasSize(2);

        Map<String, Object> order = db.single("SELECT subtotal, tax_amount, shipping_amount, total, currency, "
                + "shipping_address_id, shipping_region FROM orders WHERE id = ?", orderId);
        assertThat((BigDecimal) order.get("subtotal")).isEqualByComparingTo("71.97");
        assertThat((BigDecimal) order.get("tax_amount")).isEqualByComparingTo("6.38");
        assertThat((BigDecimal) order.get("shipping_amount")).isEqualByComparingTo("27.98");
        assertThat((BigDecimal) order.get("total")).isEqualByComparingTo("106.33");
        assertThat(order).containsEntry("shipping_address_id", address).containsEntry("shipping_region", "us-east");
        assertThat((BigDecimal) db.single("SELECT tax_amount FROM order_items WHERE order_id = ? AND product_id = ?",
                orderId, productA).get("tax_amount")).isEqualByComparingTo("1.06");
        // the buyer's region decides the warehouse: A from us-east although Europe holds more
        assertThat(db.single("SELECT warehouse_id FROM stock_reservations WHERE order_id = ? AND product_id = ?",
                orderId, productA)).containsEntry("warehouse_id", warehouseUs);
        assertThat(db.single("SELECT warehouse_id, quantity FROM stock_reservations WHERE order_id = ? AND product_id = ?",
                orderId, productB)).containsEntry("warehouse_id", warehouseEu).containsEntry("quantity", 3);

        OrderEvent payload = OutboxEvents.single(db, orderId, "ORDER_PLACED");
        assertThat(payload.getTotalCents()).isEqualTo(10633);
        assertThat(payload.getShippingAddressKey())
                .isEqualTo(ShippingAddressKey.of("1 Main Street", null, "Springfield", "NY", "10001", "US"));
        assertThat(db.single("SELECT kind, title FROM notifications WHERE order_id = ?", orderId))
                .containsEntry("kind", "ORDER_CONFIRMED");

        JsonNode after = cart.cart().json();
        assertThat(after.path("items")).isEmpty();
        assertThat(after.path("savedForLater")).hasSize(1);

        // the payment charges exactly the order's total
        ApiClient.Response paid = shop.as(buyer).post("/api/orders/" + orderId + "/payments",
                json("method", "card", "cardNumber", GOOD_CARD), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat((BigDecimal) db.single("SELECT amount FROM payments WHERE order_id = ?", orderId).get("amount"))
                .isEqualByComparingTo("106.33");
    }

    @Test
    void aChangedPriceIsReportedAndNothingChangesUntilTheBuyerAcceptsIt() {
        cart.add(productA, 2);
        cart.add(productB, 1);
        SERVER.execute("UPDATE products SET price = 13.50 WHERE id = " + productA);
        String key = UUID.randomUUID().toString();

        ApiClient.Response refused = cart.checkout(json("shippingAddressId", address), key);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asText()).endsWith("/price-changed");
        assertThat(refused.json().path("items")).hasSize(1);
        assertThat(refused.json().path("items").get(0).path("productId").asLong()).isEqualTo(productA);
        assertThat(refused.json().path("items").get(0).path("oldPrice").asText()).isEqualTo("12.00");
        assertThat(refused.json().path("items").get(0).path("newPrice").asText()).isEqualTo("13.50");
        assertThat(db.count("SELECT count(*) FROM orders WHERE user_id = ?", buyer)).isZero();
        assertThat(db.count("SELECT COALESCE(SUM(reserved_quantity), 0) FROM inventory WHERE product_id IN (?, ?)",
                productA, productB)).isZero();
        assertThat(db.count("SELECT count(*) FROM outbox o JOIN orders r ON o.aggregate_id = r.id::text WHERE r.user_id = ?",
                buyer)).isZero();
        assertThat(cart.cart().json().path("items")).hasSize(2);

        cart.refreshPrices();
        ApiClient.Response accepted = cart.checkout(json("shippingAddressId", address), key);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().path("pricing").path("subtotal").asText()).isEqualTo("46.99");
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheOrderInsteadOfPlacingAnother() {
        cart.add(productA, 1);
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = cart.checkout(json("shippingAddressId", address), key);
        ApiClient.Response retry = cart.checkout(json("shippingAddressId", address), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
        assertThat(db.count("SELECT count(*) FROM orders WHERE user_id = ?", buyer)).isEqualTo(1);
        ApiClient.Response keyless = shop.as(buyer).post("/api/cart/checkout", json("shippingAddressId", address));
        assertThat(keyless.status()).isEqualTo(400);
        assertThat(keyless.json().path("detail").asText()).contains("Idempotency-Key");
    }

    @Test
    void checkoutRefusesAnotherUsersAddressShortStockAndAnEmptyCart() {
        long stranger = shop.user();
        long strangersAddress = address(stranger, "FR", true);
        cart.add(productB, 11);

        ApiClient.Response notYours = cart.checkout(json("shippingAddressId", strangersAddress));
        assertThat(notYours.status()).as(notYours.toString()).isEqualTo(404);
        assertThat(cart.checkout(json("shippingAddressId", address, "billingAddressId", strangersAddress)).status())
                .isEqualTo(404);
        assertThat(cart.quote(json("shippingAddressId", strangersAddress)).status()).isEqualTo(404);

        assertThat(cart.quote(json("shippingAddressId", address)).status()).as("quote of short stock").isEqualTo(409);
        ApiClient.Response short_ = cart.checkout(json("shippingAddressId", address));
        assertThat(short_.status()).as(short_.toString()).isEqualTo(409);
        assertThat(short_.json().path("type").asText()).endsWith("/insufficient-stock");
        assertThat(db.count("SELECT count(*) FROM orders WHERE user_id = ?", buyer)).isZero();
        assertThat(db.count("SELECT count(*) FROM notifications WHERE user_id = ?", buyer)).isZero();

        cart.remove(productB);
        ApiClient.Response empty = cart.checkout(json("shippingAddressId", address));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().path("detail").asText()).contains("empty");
    }

    @Test
    void withoutAnyDestinationTheQuoteAsksForOne() {
        long nomad = shop.user();
        CartCalls nomadCart = new CartCalls(shop.as(nomad));
        nomadCart.add(productA, 1);

        ApiClient.Response quote = nomadCart.quote("");
        assertThat(quote.status()).isEqualTo(400);
        assertThat(quote.json().path("detail").asText()).contains("shippingAddressId");
        assertThat(nomadCart.checkout("").status()).isEqualTo(400);
        assertThat(nomadCart.quote(json("region", "us-east")).json().path("tax").asText()).isEqualTo("1.06");
    }

    @Test
    void aEuroCartIsPricedAndShippedInEuros() {
        long seller = shop.seller();
        ApiClient.Response created = shop.asSeller(seller).post("/api/products", json("sellerId", seller,
                "categoryId", shop.category(), "sku", "SKU-" + UUID.randomUUID(), "name", "Stroopwafels", "price", "10.00",
                "currency", "EUR"));
        long euros = created.id();
        shop.receive(euros, warehouseEu, 5);
        long european = shop.user();
        long home = address(european, "IE", true);
        CartCalls euroCart = new CartCalls(shop.as(european));
        euroCart.add(euros, 2);

        JsonNode quote = euroCart.quote("").json();
        assertThat(quote.path("currency").asText()).isEqualTo("EUR");
        assertThat(quote.path("region").asText()).isEqualTo("eu-west");
        assertThat(quote.path("total").asText()).as("20.00 + 4.00 VAT + 4.99 shipping").isEqualTo("28.99");

        ApiClient.Response placed = euroCart.checkout(json("shippingAddressId", home));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(db.single("SELECT currency, total FROM orders WHERE id = ?", placed.json().path("id").asLong()))
                .containsEntry("currency", "EUR");
    }

    @Test
    void placingAnOrderWithAnAddressPricesItToo() {
        ApiClient.Response placed = shop.as(buyer).post("/api/orders", json("items",
                List.of(json("productId", productA, "quantity", 1)), "shippingAddressId", address),
                "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().path("total").asText()).as("12.00 + 1.06 + 4.99").isEqualTo("18.05");
        assertThat(db.count("SELECT count(*) FROM notifications WHERE order_id = ? AND kind = 'ORDER_CONFIRMED'",
                placed.id())).isEqualTo(1);
    }

    @Test
    void concurrentCheckoutsOfOneCartPlaceOneOrder() throws Exception {
        cart.add(productA, 1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ApiClient.Response>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                attempts.add(pool.submit(() -> cart.checkout(json("shippingAddressId", address))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiClient.Response> attempt : attempts) {
                statuses.add(attempt.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 422);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.count("SELECT count(*) FROM orders WHERE user_id = ?", buyer)).isEqualTo(1);
        assertThat(db.count("SELECT SUM(reserved_quantity) FROM inventory WHERE product_id = ?", productA)).isEqualTo(1);
    }

    private long address(long userId, String country, boolean defaultShipping) {
        return ((Number) db.single("""
                INSERT INTO user_addresses (user_id, address_type, first_name, last_name, address_line1, city, state,
                                            postal_code, country, is_default)
                VALUES (?, 'shipping', 'Ada', 'Lovelace', '1 Main Street', 'Springfield', 'NY', '10001', ?, ?)
                RETURNING id""", userId, country, defaultShipping).get("id")).longValue();
    }
}
