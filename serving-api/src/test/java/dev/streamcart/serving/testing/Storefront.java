package dev.streamcart.serving.testing;

import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.streamcart.apiclient.ApiClient;

/**
 * Builds catalog, stock and customers through the API, failing loudly when a step is refused.
 * It signs in as the admin for the operator's steps (categories, warehouses, stock), as each
 * seller for its products, and as each customer for their orders and payments.
 */
public final class Storefront {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public static final String PASSWORD = "correct horse battery";
    /** A card the payment simulator approves. */
    public static final String GOOD_CARD = "4242424242424242";

    private final ApiClient client;
    private final ApiClient admin;
    private final Map<Long, ApiClient> sellers = new ConcurrentHashMap<>();
    private final Map<Long, ApiClient> users = new ConcurrentHashMap<>();
    private final Map<Long, Long> buyers = new ConcurrentHashMap<>();

    public Storefront(ApiClient client) {
        this.client = client;
        this.admin = client.login(ApiServerExtension.ADMIN_EMAIL, ApiServerExtension.ADMIN_PASSWORD);
    }

    /** Signed in as the platform's admin. */
    public ApiClient admin() {
        return admin;
    }

    /** Signed in as the customer {@code userId} made by {@link #user()}. */
    public ApiClient as(long userId) {
        return Objects.requireNonNull(users.get(userId), "no customer " + userId + " made by this storefront");
    }

    /** Signed in as the account running seller {@code sellerId} made by {@link #seller()}. */
    public ApiClient asSeller(long sellerId) {
        return Objects.requireNonNull(sellers.get(sellerId), "no seller " + sellerId + " made by this storefront");
    }

    /** Signed in as the buyer of an order placed through this storefront. */
    public ApiClient asBuyerOf(long orderId) {
        return as(Objects.requireNonNull(buyers.get(orderId), "no order " + orderId + " placed by this storefront"));
    }

    /** A new account that registered a seller business, verified by the admin; returns the seller id. */
    public long seller() {
        long sellerId = unverifiedSeller();
        ApiClient.Response verified = admin.post("/api/admin/sellers/" + sellerId + "/verify", "");
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        return sellerId;
    }

    /** A seller business as registered, before the admin verified it (it cannot list products yet). */
    public long unverifiedSeller() {
        int n = SEQUENCE.incrementAndGet();
        long userId = user();
        ApiClient account = as(userId);
        long sellerId = created(account.post("/api/sellers", json("name", "Seller " + n, "email", "seller" + n + "@example.com")));
        sellers.put(sellerId, account);
        return sellerId;
    }

    public long category() {
        return created(admin.post("/api/categories", json("name", "Category " + SEQUENCE.incrementAndGet())));
    }

    public long warehouse() {
        return created(admin.post("/api/warehouses", json("name", "Warehouse " + SEQUENCE.incrementAndGet(),
                "region", "eu-west")));
    }

    public long product(long sellerId, long categoryId, String price) {
        ApiClient seller = sellers.getOrDefault(sellerId, admin);
        return created(seller.post("/api/products", json("sellerId", sellerId, "categoryId", categoryId,
                "sku", "SKU-" + UUID.randomUUID(), "name", "Product " + SEQUENCE.incrementAndGet(), "price", price)));
    }

    /** A product of a fresh seller and category. */
    public long product(String price) {
        return product(seller(), category(), price);
    }

    /** A product of a fresh seller and category, with {@code quantity} units in a fresh warehouse. */
    public long stockedProduct(String price, int quantity) {
        long productId = product(price);
        receive(productId, warehouse(), quantity);
        return productId;
    }

    /** A product of {@code sellerId} in {@code categoryId}, with {@code quantity} units in a fresh warehouse. */
    public long stockedProduct(long sellerId, long categoryId, String price, int quantity) {
        long productId = product(sellerId, categoryId, price);
        receive(productId, warehouse(), quantity);
        return productId;
    }

    public void receive(long productId, long warehouseId, int quantity) {
        ApiClient.Response response = admin.post("/api/inventory/receipts",
                json("productId", productId, "warehouseId", warehouseId, "quantity", quantity));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    /** A new customer account, signed in (see {@link #as(long)}); returns its user id. */
    public long user() {
        int n = SEQUENCE.incrementAndGet();
        String email = "user" + n + "@example.com";
        long userId = created(client.post("/api/users", json("email", email,
                "password", PASSWORD, "firstName", "Ada", "lastName", "Lovelace")));
        users.put(userId, client.login(email, PASSWORD));
        return userId;
    }

    /** POST /api/orders with a fresh Idempotency-Key; pairs of (productId, quantity). */
    public ApiClient.Response placeOrder(long userId, long... productAndQuantity) {
        return placeOrder(UUID.randomUUID().toString(), userId, productAndQuantity);
    }

    public ApiClient.Response placeOrder(String idempotencyKey, long userId, long... productAndQuantity) {
        ApiClient.Response response = as(userId).post("/api/orders", orderBody(userId, productAndQuantity),
                "Idempotency-Key", idempotencyKey);
        if (response.status() == 201) {
            buyers.put(response.id(), userId);
        }
        return response;
    }

    /** An order the API accepted (201), awaiting payment; pairs of (productId, quantity); returns its id. */
    public long placedOrder(long userId, long... productAndQuantity) {
        return created(placeOrder(userId, productAndQuantity));
    }

    /** An order the API accepted and then paid by {@link #GOOD_CARD} (both 201); returns its id. */
    public long paidOrder(long userId, long... productAndQuantity) {
        long orderId = placedOrder(userId, productAndQuantity);
        assertCreated(pay(orderId, GOOD_CARD));
        return orderId;
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
        return postPayment(orderId, json("method", "card", "cardNumber", cardNumber), idempotencyKey);
    }

    /** POST /api/orders/{id}/payments as the order's buyer: any payment {@code body}, then any other headers. */
    public ApiClient.Response postPayment(long orderId, Object body, String idempotencyKey, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Idempotency-Key";
        all[1] = idempotencyKey;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return asBuyerOf(orderId).post("/api/orders/" + orderId + "/payments", body, all);
    }

    /** The id of what the API created, failing unless it answered 201. */
    public static long created(ApiClient.Response response) {
        return assertCreated(response).id();
    }

    private static ApiClient.Response assertCreated(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response;
    }
}
