package dev.streamcart.serving.cart;

import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;

/** The cart routes, called as one signed-in user: each answer as it came, for the tests to check. */
final class CartCalls {

    private final ApiClient client;

    CartCalls(ApiClient client) {
        this.client = client;
    }

    ApiClient.Response cart() {
        return client.get("/api/cart");
    }

    ApiClient.Response add(long productId, int quantity, String... headers) {
        return client.post("/api/cart/items", ApiClient.json("productId", productId, "quantity", quantity), headers);
    }

    ApiClient.Response setQuantity(long productId, Object quantity) {
        return client.patch("/api/cart/items/" + productId, ApiClient.json("quantity", quantity));
    }

    ApiClient.Response remove(long productId) {
        return client.delete("/api/cart/items/" + productId);
    }

    ApiClient.Response saveForLater(long productId) {
        return client.post("/api/cart/items/" + productId + "/save-for-later", "");
    }

    ApiClient.Response moveToCart(long productId) {
        return client.post("/api/cart/saved/" + productId + "/move-to-cart", "");
    }

    ApiClient.Response refreshPrices() {
        return client.post("/api/cart/refresh-prices", "");
    }

    ApiClient.Response quote(Object body) {
        return client.post("/api/cart/quote", body);
    }

    ApiClient.Response checkout(Object body) {
        return checkout(body, UUID.randomUUID().toString());
    }

    ApiClient.Response checkout(Object body, String idempotencyKey) {
        return client.post("/api/cart/checkout", body, "Idempotency-Key", idempotencyKey);
    }
}
