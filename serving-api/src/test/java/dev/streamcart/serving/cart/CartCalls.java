package dev.streamcart.serving.cart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.streamcart.serving.testing.ApiClient;

/** Cart calls of one signed-in user, including PATCH and DELETE (which {@link ApiClient} does not send). */
final class CartCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        return send("PATCH", "/api/cart/items/" + productId, ApiClient.write(ApiClient.json("quantity", quantity)));
    }

    ApiClient.Response remove(long productId) {
        return send("DELETE", "/api/cart/items/" + productId, null);
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

    private ApiClient.Response send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (client.bearerToken() != null) {
            request.header("Authorization", "Bearer " + client.bearerToken());
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
