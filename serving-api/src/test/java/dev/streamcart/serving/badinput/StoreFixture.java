package dev.streamcart.serving.badinput;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.badinput.BadInput.Caller;
import dev.streamcart.serving.photos.TestImages;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.jspecify.annotations.Nullable;

/**
 * A store with one of everything the bad-input table, the authorisation matrix and the contract
 * fuzzer refer to, built through the API: a seller and another seller, a category, a warehouse, a
 * product with stock, a customer and another customer, the customer's orders in several states
 * (awaiting payment, paid, shipped), a review with a photo, an address, and the product in the cart
 * of every signed-in caller. Its ids fill the placeholders ({@code @order}, {@code @product}, ...)
 * of requests, and each {@link Caller} but the anonymous one has a bearer token.
 *
 * <p>It returns only once the notifications its writes queued were dispatched, so a fingerprint of
 * the database taken afterwards stays put until a request changes something.
 */
final class StoreFixture {

    private final Map<String, String> placeholders;
    private final Map<Caller, String> tokens;
    private StoreFixture(Map<String, String> placeholders, Map<Caller, String> tokens) {
        this.placeholders = placeholders;
        this.tokens = tokens;
    }

    static StoreFixture create(ApiServerExtension server) {
        Storefront shop = new Storefront(server.client());
        long seller = shop.seller();
        long otherSeller = shop.seller();
        long category = shop.category();
        long warehouse = shop.warehouse();
        long product = shop.product(seller, category, "5.00");
        shop.receive(product, warehouse, 50);
        long customer = shop.user();
        long otherCustomer = shop.user();
        long order = shop.placeOrder(customer, product, 1).id();
        long paidOrder = shop.placeOrder(customer, product, 2).id();
        assertThat(shop.pay(paidOrder, "4242424242424242").status()).isEqualTo(201);
        long shippedOrder = shop.placeOrder(customer, product, 1).id();
        shop.pay(shippedOrder, "4242424242424242");
        ApiClient.Response shipment = shop.admin().post("/api/orders/" + shippedOrder + "/shipments",
                json("carrier", "swiftship", "trackingNumber", "FIXTURE-1"));
        assertThat(shipment.status()).as(shipment.toString()).isEqualTo(201);
        ApiClient buyer = shop.as(customer);
        long review = created(buyer.post("/api/products/" + product + "/reviews",
                json("rating", 4, "title", "Fixture review", "text", "Does what it says.")));
        ApiClient.Response photo = buyer.postBytes("/api/reviews/" + review + "/photos", "image/png",
                TestImages.png(7));
        assertThat(photo.status()).as(photo.toString()).isEqualTo(201);
        long address = created(buyer.post("/api/users/" + customer + "/addresses", json("type", "shipping",
                "firstName", "Ada", "lastName", "Lovelace", "line1", "1 Main St", "city", "Leeds", "postalCode", "LS1 1AA",
                "country", "GB")));
        ApiClient revoked = server.client().login(ApiServerExtension.ADMIN_EMAIL, ApiServerExtension.ADMIN_PASSWORD);
        assertThat(revoked.post("/api/auth/logout", "").status()).isEqualTo(204);

        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.CUSTOMER, token(buyer));
        tokens.put(Caller.OTHER_CUSTOMER, token(shop.as(otherCustomer)));
        tokens.put(Caller.SELLER, token(shop.asSeller(seller)));
        tokens.put(Caller.OTHER_SELLER, token(shop.asSeller(otherSeller)));
        tokens.put(Caller.ADMIN, token(shop.admin()));
        // every signed-in caller has the product in its cart, so each may change its own cart line
        for (String token : tokens.values()) {
            ApiClient.Response added = server.client().withToken(token).post("/api/cart/items",
                    json("productId", product, "quantity", 1));
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
        }

        // longer names first, so "@order" never eats the start of "@orderSomething"
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("@revokedToken", Objects.requireNonNull(revoked.bearerToken()));
        placeholders.put("@customerEmail", buyer.get("/api/users/" + customer).json().path("email").asText());
        placeholders.put("@shippedOrder", Long.toString(shippedOrder));
        placeholders.put("@paidOrder", Long.toString(paidOrder));
        placeholders.put("@otherCustomer", Long.toString(otherCustomer));
        placeholders.put("@otherSeller", Long.toString(otherSeller));
        placeholders.put("@customer", Long.toString(customer));
        placeholders.put("@order", Long.toString(order));
        placeholders.put("@product", Long.toString(product));
        placeholders.put("@category", Long.toString(category));
        placeholders.put("@warehouse", Long.toString(warehouse));
        placeholders.put("@shipment", Long.toString(shipment.id()));
        placeholders.put("@seller", Long.toString(seller));
        placeholders.put("@review", Long.toString(review));
        placeholders.put("@photo", photo.json().path("sha256").asText());
        placeholders.put("@address", Long.toString(address));

        // the shipment and the orders notified the buyer; let the dispatcher mark them sent before anything is compared
        Db db = new Db(server.database());
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM notifications WHERE delivered_at IS NULL") == 0);
        return new StoreFixture(placeholders, tokens);
    }

    /** The bearer token of a caller; null for the anonymous one. */
    @Nullable String token(Caller caller) {
        return tokens.get(caller);
    }

    /** Placeholders in text (paths, headers) replaced by the fixture's ids. */
    String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            filled = filled.replace(placeholder.getKey(), placeholder.getValue());
        }
        return filled;
    }

    /** Placeholders in a JSON body: a quoted placeholder of an id becomes a JSON number, any other is replaced as text. */
    String fillJson(String body) {
        String filled = body;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            if (placeholder.getValue().chars().allMatch(Character::isDigit)) {
                filled = filled.replace("\"" + placeholder.getKey() + "\"", placeholder.getValue());
            }
        }
        return fill(filled);
    }

    /** The customer's user id and the seller's id, as the paths of {@code self} operations name them. */
    static @Nullable Caller namedBy(String pathAndQuery) {
        if (pathAndQuery.contains("@customer")) {
            return Caller.CUSTOMER;
        }
        return pathAndQuery.contains("@seller") ? Caller.SELLER : null;
    }

    private static String token(ApiClient client) {
        return Objects.requireNonNull(client.bearerToken(), "a signed-in client has a token");
    }

    private static long created(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
