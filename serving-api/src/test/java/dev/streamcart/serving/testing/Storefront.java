package dev.streamcart.serving.testing;

import static dev.streamcart.serving.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds catalog, stock and customers through the API, failing loudly when a step is refused. */
public final class Storefront {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ApiClient client;

    public Storefront(ApiClient client) {
        this.client = client;
    }

    public long seller() {
        int n = SEQUENCE.incrementAndGet();
        return created(client.post("/api/sellers", json("name", "Seller " + n, "email", "seller" + n + "@example.com")));
    }

    public long category() {
        return created(client.post("/api/categories", json("name", "Category " + SEQUENCE.incrementAndGet())));
    }

    public long warehouse() {
        return created(client.post("/api/warehouses", json("name", "Warehouse " + SEQUENCE.incrementAndGet(),
                "region", "eu-west")));
    }

    public long product(long sellerId, long categoryId, String price) {
        return created(client.post("/api/products", json("sellerId", sellerId, "categoryId", categoryId,
                "sku", "SKU-" + UUID.randomUUID(), "name", "Product " + SEQUENCE.incrementAndGet(), "price", price)));
    }

    /** A product of a fresh seller and category. */
    public long product(String price) {
        return product(seller(), category(), price);
    }

    public void receive(long productId, long warehouseId, int quantity) {
        ApiClient.Response response = client.post("/api/inventory/receipts",
                json("productId", productId, "warehouseId", warehouseId, "quantity", quantity));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    public long user() {
        int n = SEQUENCE.incrementAndGet();
        return created(client.post("/api/users", json("email", "user" + n + "@example.com",
                "password", "correct horse battery", "firstName", "Ada", "lastName", "Lovelace")));
    }

    /** POST /api/orders with a fresh Idempotency-Key; pairs of (productId, quantity). */
    public ApiClient.Response placeOrder(long userId, long... productAndQuantity) {
        return placeOrder(UUID.randomUUID().toString(), userId, productAndQuantity);
    }

    public ApiClient.Response placeOrder(String idempotencyKey, long userId, long... productAndQuantity) {
        return client.post("/api/orders", orderBody(userId, productAndQuantity), "Idempotency-Key", idempotencyKey);
    }

    public static Map<String, Object> orderBody(long userId, long... productAndQuantity) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            items.add(json("productId", productAndQuantity[i], "quantity", productAndQuantity[i + 1]));
        }
        return json("userId", userId, "items", items);
    }

    public ApiClient.Response pay(long orderId, String cardNumber) {
        return pay(orderId, cardNumber, UUID.randomUUID().toString());
    }

    public ApiClient.Response pay(long orderId, String cardNumber, String idempotencyKey) {
        return client.post("/api/orders/" + orderId + "/payments", json("method", "card", "cardNumber", cardNumber),
                "Idempotency-Key", idempotencyKey);
    }

    private static long created(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
