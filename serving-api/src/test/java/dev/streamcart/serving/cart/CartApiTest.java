package dev.streamcart.serving.cart;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.db.RetentionSweeper;
import dev.streamcart.serving.db.Transactions;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CartApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long user;
    private CartCalls cart;

    @BeforeEach
    void setUp() {
        user = shop.user();
        cart = new CartCalls(shop.as(user));
    }

    @Test
    void anItemRemembersThePriceAndCurrencyItWasAddedAt() {
        long product = shop.product("19.99");

        ApiClient.Response added = cart.add(product, 2);

        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        JsonNode line = added.json().path("items").get(0);
        assertThat(line.path("productId").asLong()).isEqualTo(product);
        assertThat(line.path("quantity").asInt()).isEqualTo(2);
        assertThat(line.path("unitPrice").asText()).isEqualTo("19.99");
        assertThat(line.path("currency").asText()).isEqualTo("USD");
        assertThat(line.path("lineTotal").asText()).isEqualTo("39.98");
        assertThat(added.json().path("subtotal").asText()).isEqualTo("39.98");
        assertThat(added.json().path("currency").asText()).isEqualTo("USD");
        assertThat(db.single("SELECT ci.unit_price, ci.currency FROM cart_items ci JOIN shopping_carts c ON c.id = ci.cart_id "
                + "WHERE c.user_id = ?", user)).containsEntry("currency", "USD");

        // the seller raises the price: the cart still shows what the buyer saw, and flags the change
        SERVER.execute("UPDATE products SET price = 24.99 WHERE id = " + product);
        JsonNode shown = cart.cart().json();
        assertThat(shown.path("items").get(0).path("unitPrice").asText()).isEqualTo("19.99");
        assertThat(shown.path("items").get(0).path("currentPrice").asText()).isEqualTo("24.99");
        assertThat(shown.path("items").get(0).path("priceChanged").asBoolean()).isTrue();
        assertThat(shown.path("pricesChanged").asBoolean()).isTrue();

        // refreshing prices accepts the new one
        JsonNode refreshed = cart.refreshPrices().json();
        assertThat(refreshed.path("items").get(0).path("unitPrice").asText()).isEqualTo("24.99");
        assertThat(refreshed.path("pricesChanged").asBoolean()).isFalse();
    }

    @Test
    void addingAgainIncreasesTheQuantityAtTheCurrentPrice() {
        long product = shop.product("5.00");
        cart.add(product, 2);
        SERVER.execute("UPDATE products SET price = 6.00 WHERE id = " + product);

        JsonNode again = cart.add(product, 3).json();

        assertThat(again.path("items")).hasSize(1);
        assertThat(again.path("items").get(0).path("quantity").asInt()).isEqualTo(5);
        assertThat(again.path("items").get(0).path("unitPrice").asText()).isEqualTo("6.00");
        assertThat(again.path("itemCount").asInt()).isEqualTo(5);
    }

    @Test
    void quantitiesChangeAndLinesAreRemoved() {
        long first = shop.product("1.00");
        long second = shop.product("2.00");
        cart.add(first, 1);
        cart.add(second, 1);

        ApiClient.Response changed = cart.setQuantity(first, 7);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("items").get(0).path("quantity").asInt()).isEqualTo(7);
        assertThat(changed.json().path("subtotal").asText()).isEqualTo("9.00");

        ApiClient.Response removed = cart.remove(second);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().path("items")).hasSize(1);
        assertThat(cart.remove(second).status()).isEqualTo(404);
        assertThat(cart.setQuantity(second, 1).status()).isEqualTo(404);
    }

    @Test
    void savedForLaterLeavesTheTotalsAndMovesBack() {
        long kept = shop.product("3.00");
        long later = shop.product("40.00");
        cart.add(kept, 1);
        cart.add(later, 2);

        JsonNode saved = cart.saveForLater(later).json();
        assertThat(saved.path("items")).hasSize(1);
        assertThat(saved.path("savedForLater")).hasSize(1);
        assertThat(saved.path("savedForLater").get(0).path("productId").asLong()).isEqualTo(later);
        assertThat(saved.path("subtotal").asText()).isEqualTo("3.00");
        assertThat(cart.saveForLater(later).status()).as("already saved").isEqualTo(404);

        JsonNode back = cart.moveToCart(later).json();
        assertThat(back.path("items")).hasSize(2);
        assertThat(back.path("savedForLater")).isEmpty();
        assertThat(back.path("subtotal").asText()).isEqualTo("83.00");
        assertThat(cart.moveToCart(later).status()).as("not saved any more").isEqualTo(404);
    }

    @Test
    void onlyTheOwnerSeesOrChangesACart() {
        long product = shop.product("9.00");
        cart.add(product, 4);
        long other = shop.user();
        CartCalls intruder = new CartCalls(shop.as(other));

        assertThat(intruder.cart().json().path("items")).isEmpty();
        assertThat(intruder.setQuantity(product, 1).status()).isEqualTo(404);
        assertThat(intruder.remove(product).status()).isEqualTo(404);
        assertThat(intruder.saveForLater(product).status()).isEqualTo(404);
        assertThat(intruder.refreshPrices().json().path("items")).isEmpty();

        JsonNode mine = cart.cart().json();
        assertThat(mine.path("items")).hasSize(1);
        assertThat(mine.path("items").get(0).path("quantity").asInt()).isEqualTo(4);
        assertThat(new CartCalls(SERVER.client()).cart().status()).as("not signed in").isEqualTo(401);
        assertThat(new CartCalls(SERVER.client()).add(product, 1).status()).as("not signed in").isEqualTo(401);
    }

    @Test
    void aCartHoldsOneCurrency() {
        long seller = shop.seller();
        long category = shop.category();
        long dollars = shop.product(seller, category, "10.00");
        ApiClient.Response created = shop.asSeller(seller).post("/api/products", json("sellerId", seller,
                "categoryId", category, "sku", "SKU-" + UUID.randomUUID(), "name", "Euro thing", "price", "8.00",
                "currency", "EUR"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long euros = created.id();
        cart.add(dollars, 1);

        ApiClient.Response refused = cart.add(euros, 1);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asText()).endsWith("/currency-mismatch");
        assertThat(refused.json().path("cartCurrency").asText()).isEqualTo("USD");
        assertThat(refused.json().path("productCurrency").asText()).isEqualTo("EUR");
        assertThat(cart.cart().json().path("items")).hasSize(1);

        // once the cart is empty, it takes the other currency
        cart.remove(dollars);
        JsonNode inEuros = cart.add(euros, 1).json();
        assertThat(inEuros.path("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void anExpiredCartIsNotReturnedAndIsDeleted() {
        long product = shop.product("2.50");
        cart.add(product, 1);
        SERVER.execute("UPDATE shopping_carts SET expires_at = now() - interval '1 second' WHERE user_id = " + user);

        JsonNode shown = cart.cart().json();

        assertThat(shown.path("items")).isEmpty();
        assertThat(shown.path("expiresAt").isNull()).isTrue();
        assertThat(db.count("SELECT count(*) FROM shopping_carts WHERE user_id = ?", user)).isZero();
        assertThat(db.count("SELECT count(*) FROM cart_items ci LEFT JOIN shopping_carts c ON c.id = ci.cart_id "
                + "WHERE c.id IS NULL")).isZero();
        // a change after expiry starts a fresh cart
        assertThat(cart.add(product, 1).json().path("items").get(0).path("quantity").asInt()).isEqualTo(1);
    }

    @Test
    void theSweeperDeletesExpiredCartsOfUsersWhoNeverComeBack() {
        long product = shop.product("2.50");
        cart.add(product, 1);
        long stays = shop.user();
        new CartCalls(shop.as(stays)).add(product, 1);
        SERVER.execute("UPDATE shopping_carts SET expires_at = now() - interval '1 day' WHERE user_id = " + user);

        long deleted = new RetentionSweeper(new Transactions(SERVER.database()), "shopping_carts", "expires_at",
                Duration.ZERO, Clock.systemUTC()).sweep();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM shopping_carts WHERE user_id = ?", user)).isZero();
        assertThat(db.count("SELECT count(*) FROM shopping_carts WHERE user_id = ?", stays)).isEqualTo(1);
    }

    @Test
    void everyChangePushesTheExpiryThirtyDaysAhead() {
        long product = shop.product("2.50");
        cart.add(product, 1);
        SERVER.execute("UPDATE shopping_carts SET expires_at = now() + interval '1 day' WHERE user_id = " + user);

        JsonNode changed = cart.setQuantity(product, 2).json();

        Instant expiresAt = Instant.parse(changed.path("expiresAt").asText());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                Instant.now().plus(Duration.ofDays(30)).plusSeconds(60));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        long product = shop.product("1.00");
        cart.add(product, 1);

        assertThat(cart.add(product, 0).status()).isEqualTo(400);
        assertThat(cart.add(product, 1001).status()).isEqualTo(400);
        assertThat(cart.add(product, 1000).status()).as("1 + 1000 units").isEqualTo(422);
        assertThat(cart.add(99_999_999L, 1).status()).as("unknown product").isEqualTo(404);
        assertThat(cart.setQuantity(product, -1).status()).isEqualTo(400);
        assertThat(cart.setQuantity(product, "two").status()).isEqualTo(400);
        ApiClient.Response malformed = shop.as(user).post("/api/cart/items", "{\"productId\": 1, ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("detail").asText()).contains("not valid JSON");
        ApiClient.Response typed = shop.as(user).post("/api/cart/items", json("productId", "1; DROP TABLE carts", "quantity", 1));
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.json().path("detail").asText()).contains("productId");
        assertThat(shop.as(user).post("/api/cart/items/abc/save-for-later", "").status()).isEqualTo(400);
        SERVER.execute("UPDATE products SET is_active = false WHERE id = " + product);
        assertThat(cart.add(product, 1).status()).as("no longer for sale").isEqualTo(422);

        JsonNode unchanged = cart.cart().json();
        assertThat(unchanged.path("items")).hasSize(1);
        assertThat(unchanged.path("items").get(0).path("quantity").asInt()).isEqualTo(1);
        assertThat(unchanged.path("items").get(0).path("available").asBoolean()).isFalse();
    }
}
