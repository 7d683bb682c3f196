package dev.streamcart.apiclient;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.Requests.CardPayment;
import dev.streamcart.apiclient.Requests.CartItem;
import dev.streamcart.apiclient.Requests.Destination;
import dev.streamcart.apiclient.Requests.NewAddress;
import dev.streamcart.apiclient.Requests.NewCategory;
import dev.streamcart.apiclient.Requests.NewOrder;
import dev.streamcart.apiclient.Requests.NewProduct;
import dev.streamcart.apiclient.Requests.NewReview;
import dev.streamcart.apiclient.Requests.NewSeller;
import dev.streamcart.apiclient.Requests.NewUser;
import dev.streamcart.apiclient.Requests.NewWarehouse;
import dev.streamcart.apiclient.Requests.StockReceipt;
import dev.streamcart.apiclient.Responses.CheckoutResult;
import dev.streamcart.apiclient.Responses.PaymentAccepted;
import dev.streamcart.apiclient.Responses.PaymentDeclined;
import dev.streamcart.apiclient.Responses.PaymentResult;
import dev.streamcart.apiclient.Responses.Placed;
import dev.streamcart.apiclient.Responses.PriceChanged;
import dev.streamcart.apiclient.Responses.ProductView;
import dev.streamcart.apiclient.Responses.QuoteResult;
import dev.streamcart.apiclient.Responses.Quoted;
import dev.streamcart.apiclient.Responses.SearchResults;
import dev.streamcart.apiclient.Responses.StockShort;
import dev.streamcart.apiclient.Responses.StockView;
import dev.streamcart.apiclient.Responses.WarehouseStock;
import org.jspecify.annotations.Nullable;

/**
 * Typed client of the storefront HTTP API (the endpoints of serving-api's openapi.yaml), one method per endpoint.
 * Expected answers come back as records; any other status raises {@link ApiProblemException},
 * and a request without an answer raises {@link ApiUnreachableException}. Built on {@link ApiClient},
 * over HTTP/1.1 with a connection pool of its own, which the simulator's figures depend on.
 * Thread-safe: every virtual user shares one instance and its connection pool.
 */
public final class StorefrontApiClient {

    private static final String JSON = "application/json";

    /** Bearer tokens of the shoppers, by user id: each shopper orders and pays as themselves. */
    @FunctionalInterface
    public interface ShopperTokens {
        String tokenFor(long userId);
    }

    private final ApiClient api;
    private final @Nullable String operatorToken;
    private final @Nullable ShopperTokens shopperTokens;

    /** A client that is not signed in: health, registration and login only. */
    public StorefrontApiClient(URI baseUrl, Duration requestTimeout) {
        this(ApiClient.builder(baseUrl.toString())
                .httpVersion(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Objects.requireNonNull(requestTimeout, "requestTimeout"))
                .build(), null, null);
    }

    private StorefrontApiClient(ApiClient api, @Nullable String operatorToken, @Nullable ShopperTokens shopperTokens) {
        this.api = Objects.requireNonNull(api, "api");
        this.operatorToken = operatorToken;
        this.shopperTokens = shopperTokens;
    }

    /**
     * The same API and connection pool, signed in: the operator (admin) token for catalog, stock
     * and fulfilment calls, and each shopper's own token for their browsing, orders and payments.
     */
    public StorefrontApiClient signedIn(String operatorToken, ShopperTokens shopperTokens) {
        return new StorefrontApiClient(api, Objects.requireNonNull(operatorToken), Objects.requireNonNull(shopperTokens));
    }

    /** POST /api/auth/login: the bearer token of the account. */
    public String login(String email, String password) {
        return api.loginToken(email, password);
    }

    public URI baseUrl() {
        return URI.create(api.baseUrl());
    }

    /** GET /health: the status code (200 when every part is ready, 503 otherwise). */
    public int healthStatus() {
        return send("GET", "/health", null, null, null, null).status();
    }

    public long createSeller(NewSeller seller) {
        return createdId("/api/sellers", seller);
    }

    public long createCategory(NewCategory category) {
        return createdId("/api/categories", category);
    }

    public long createProduct(NewProduct product) {
        return createdId("/api/products", product);
    }

    public long createWarehouse(NewWarehouse warehouse) {
        return createdId("/api/warehouses", warehouse);
    }

    public long createUser(NewUser user) {
        return createdId("/api/users", user);
    }

    /** POST /api/inventory/receipts: stock arrives in a warehouse. */
    public void receiveStock(StockReceipt receipt) {
        String path = "/api/inventory/receipts";
        ApiClient.Response response = send("POST", path, receipt, null, null, operatorToken);
        requireSuccess("POST", path, response);
    }

    /** GET /api/products/{id} as a shopper browsing in session {@code sessionId}. */
    public ProductView viewProduct(long productId, String sessionId, long userId) {
        String path = "/api/products/" + productId;
        JsonNode body = browse(userId, sessionId, path, path);
        JsonNode stock = body.path("stock");
        JsonNode available = stock.isObject() ? stock.path("available") : stock;
        return new ProductView(
                body.path("id").asLong(productId),
                body.path("name").asText(""),
                decimal(body.get("price")),
                available.canConvertToLong() ? available.asLong() : null);
    }

    /** What GET /api/recommendations answered: the A/B variant that served it and the products, best first. */
    public record Recommended(String variant, List<Long> productIds) {}

    /** GET /api/recommendations/{userId} as the shopper, in session {@code sessionId} (recorded as impressions). */
    public Recommended recommendations(long userId, String sessionId, int limit) {
        JsonNode body = browse(userId, sessionId, "/api/recommendations/" + userId + "?limit=" + limit,
                "/api/recommendations/{userId}");
        return new Recommended(body.path("variant").asText("A"), ids(body.path("items"), "productId"));
    }

    /** GET /api/products/{id}?rec=VARIANT: the shopper follows a recommendation (a PRODUCT_VIEW credited to it). */
    public void viewRecommendedProduct(long productId, String variant, String sessionId, long userId) {
        String path = "/api/products/" + productId + "?rec=" + URLEncoder.encode(variant, StandardCharsets.UTF_8);
        ApiClient.Response response = send("GET", path, null, null, new String[] {"X-Session-Id", sessionId},
                shopperToken(userId));
        requireSuccess("GET", "/api/products/{id}", response);
    }

    /** POST /api/orders with an Idempotency-Key: placed, or stock short (409). */
    public CheckoutResult placeOrder(String idempotencyKey, NewOrder order) {
        String path = "/api/orders";
        ApiClient.Response response = send("POST", path, order, idempotencyKey, null, shopperToken(order.userId()));
        if (response.status() == 409) {
            return new StockShort(problemDetail(response));
        }
        return placed(path, response);
    }

    /** POST /api/orders/{id}/payments with an Idempotency-Key: accepted, or declined (402). */
    public PaymentResult pay(long userId, long orderId, String idempotencyKey, CardPayment payment) {
        String path = "/api/orders/" + orderId + "/payments";
        ApiClient.Response response = send("POST", path, payment, idempotencyKey, null, shopperToken(userId));
        if (response.status() == 402) {
            return new PaymentDeclined(problemDetail(response));
        }
        requireSuccess("POST", path, response);
        return new PaymentAccepted(parse("POST", path, response).path("status").asText("PAID"));
    }

    /** POST /api/orders/{id}/cancel: releases the reservation. */
    public void cancelOrder(long userId, long orderId) {
        String path = "/api/orders/" + orderId + "/cancel";
        ApiClient.Response response = send("POST", path, null, null, null, shopperToken(userId));
        requireSuccess("POST", path, response);
    }

    /** POST /api/orders/{id}/fulfil; false when the order is no longer paid (409). */
    public boolean fulfil(long orderId) {
        String path = "/api/orders/" + orderId + "/fulfil";
        ApiClient.Response response = send("POST", path, null, null, null, operatorToken);
        if (response.status() == 409) {
            return false;
        }
        requireSuccess("POST", path, response);
        return true;
    }

    /** POST /api/orders/{id}/shipments; the shipment id, or null when there is nothing to ship (409). */
    public @Nullable Long ship(long orderId, String idempotencyKey, String carrier, String trackingNumber) {
        String path = "/api/orders/" + orderId + "/shipments";
        ApiClient.Response response = send("POST", path, Map.of("carrier", carrier, "trackingNumber", trackingNumber),
                idempotencyKey, null, operatorToken);
        if (response.status() == 409) {
            return null;
        }
        requireSuccess("POST", path, response);
        return parse("POST", path, response).path("id").asLong();
    }

    /** POST /api/shipments/{id}/tracking-events; false when the shipment was already delivered (409). */
    public boolean trackingEvent(long shipmentId, String status, String location) {
        String path = "/api/shipments/" + shipmentId + "/tracking-events";
        ApiClient.Response response = send("POST", path, Map.of("status", status, "location", location), null, null,
                operatorToken);
        if (response.status() == 409) {
            return false;
        }
        requireSuccess("POST", path, response);
        return true;
    }

    /**
     * POST /api/orders/{id}/refunds: {@code amount} null refunds everything still refundable (and
     * restocks it). False when nothing (or less) is refundable any more (409).
     */
    public boolean refund(long orderId, String idempotencyKey, @Nullable BigDecimal amount, String reason) {
        String path = "/api/orders/" + orderId + "/refunds";
        Map<String, Object> body = new LinkedHashMap<>();
        if (amount != null) {
            body.put("amount", amount.toPlainString());
        }
        body.put("reason", reason);
        ApiClient.Response response = send("POST", path, body, idempotencyKey, null, operatorToken);
        if (response.status() == 409) {
            return false;
        }
        requireSuccess("POST", path, response);
        return true;
    }

    /** GET /api/stock/{productId}, or null while the read model does not know the product yet (404). */
    public @Nullable StockView stock(long productId) {
        String path = "/api/stock/" + productId;
        ApiClient.Response response = send("GET", path, null, null, null, operatorToken);
        if (response.status() == 404) {
            return null;
        }
        requireSuccess("GET", path, response);
        JsonNode body = parse("GET", path, response);
        List<WarehouseStock> warehouses = new ArrayList<>();
        for (JsonNode warehouse : body.path("warehouses")) {
            warehouses.add(new WarehouseStock(
                    warehouse.path("warehouseId").asLong(),
                    warehouse.path("onHand").asLong(),
                    warehouse.path("reserved").asLong(),
                    warehouse.path("available").asLong()));
        }
        return new StockView(body.path("productId").asLong(productId), body.path("onHand").asLong(),
                body.path("reserved").asLong(), body.path("available").asLong(), warehouses);
    }

    /**
     * GET /api/search as a shopper in session {@code sessionId} (recorded as a SEARCH click), with
     * an optional category subtree and sort.
     */
    public SearchResults search(long userId, String sessionId, String query, @Nullable Long categoryId,
            @Nullable String sort) {
        StringBuilder path = new StringBuilder("/api/search?q=").append(URLEncoder.encode(query, StandardCharsets.UTF_8));
        if (categoryId != null) {
            path.append("&category=").append(categoryId);
        }
        if (sort != null) {
            path.append("&sort=").append(URLEncoder.encode(sort, StandardCharsets.UTF_8));
        }
        JsonNode body = browse(userId, sessionId, path.toString(), "/api/search");
        List<Long> ids = ids(body.path("items"), "id");
        return new SearchResults(body.path("total").asLong(ids.size()), ids);
    }

    /** POST /api/cart/items as the shopper, in session {@code sessionId} (recorded as a CART_ADD click). */
    public void addToCart(long userId, String sessionId, CartItem item) {
        String path = "/api/cart/items";
        ApiClient.Response response = send("POST", path, item, null, new String[] {"X-Session-Id", sessionId},
                shopperToken(userId));
        requireSuccess("POST", path, response);
    }

    /**
     * POST /api/cart/items?rec=VARIANT: the shopper adds a recommended product; the line keeps the
     * variant until checkout, so the order line carries it ({@code order_items.recommendation_variant}).
     */
    public void addRecommendedToCart(long userId, String sessionId, CartItem item, String variant) {
        String path = "/api/cart/items?rec=" + URLEncoder.encode(variant, StandardCharsets.UTF_8);
        ApiClient.Response response = send("POST", path, item, null, new String[] {"X-Session-Id", sessionId},
                shopperToken(userId));
        requireSuccess("POST", "/api/cart/items", response);
    }

    /** POST /api/cart/items/{productId}/save-for-later. */
    public void saveForLater(long userId, long productId) {
        cartCommand(userId, "POST", "/api/cart/items/" + productId + "/save-for-later");
    }

    /** POST /api/cart/saved/{productId}/move-to-cart. */
    public void moveToCart(long userId, long productId) {
        cartCommand(userId, "POST", "/api/cart/saved/" + productId + "/move-to-cart");
    }

    /** DELETE /api/cart/items/{productId}; false when the line was not there (404). */
    public boolean removeFromCart(long userId, long productId) {
        String path = "/api/cart/items/" + productId;
        ApiClient.Response response = send("DELETE", path, null, null, null, shopperToken(userId));
        if (response.status() == 404) {
            return false;
        }
        requireSuccess("DELETE", path, response);
        return true;
    }

    /** POST /api/cart/refresh-prices: the shopper accepts the current prices. */
    public void refreshCartPrices(long userId) {
        cartCommand(userId, "POST", "/api/cart/refresh-prices");
    }

    /** POST /api/cart/quote: subtotal, tax, shipping and total; or stock short (409). */
    public QuoteResult quoteCart(long userId, Destination destination) {
        String path = "/api/cart/quote";
        ApiClient.Response response = send("POST", path, destination, null, null, shopperToken(userId));
        if (response.status() == 409) {
            return new StockShort(problemDetail(response));
        }
        requireSuccess("POST", path, response);
        return new Quoted(decimal(parse("POST", path, response).get("total")));
    }

    /**
     * POST /api/cart/checkout with an Idempotency-Key: placed, a price changed since a line was
     * added (409 price-changed), or stock short (any other 409).
     */
    public CheckoutResult checkoutCart(long userId, String idempotencyKey, Destination destination) {
        String path = "/api/cart/checkout";
        ApiClient.Response response = send("POST", path, destination, idempotencyKey, null, shopperToken(userId));
        if (response.status() == 409) {
            return response.problem().is("price-changed")
                    ? new PriceChanged(problemDetail(response))
                    : new StockShort(problemDetail(response));
        }
        return placed(path, response);
    }

    /** The id of the shopper's default shipping address (GET /api/users/{id}/addresses), or null. */
    public @Nullable Long defaultShippingAddress(long userId) {
        String path = "/api/users/" + userId + "/addresses";
        ApiClient.Response response = send("GET", path, null, null, null, shopperToken(userId));
        requireSuccess("GET", path, response);
        Long any = null;
        for (JsonNode address : parse("GET", path, response).path("addresses")) {
            if ("shipping".equals(address.path("type").asText())) {
                if (address.path("isDefault").asBoolean(false)) {
                    return address.path("id").asLong();
                }
                any = any != null ? any : address.path("id").asLong();
            }
        }
        return any;
    }

    /** POST /api/users/{id}/addresses as the shopper: the new address's id. */
    public long addAddress(long userId, NewAddress address) {
        String path = "/api/users/" + userId + "/addresses";
        ApiClient.Response response = send("POST", path, address, null, null, shopperToken(userId));
        requireSuccess("POST", path, response);
        return parse("POST", path, response).path("id").asLong();
    }

    /** POST /api/products/{id}/reviews as the buyer; false when they already reviewed it (409). */
    public boolean writeReview(long userId, long productId, NewReview review) {
        String path = "/api/products/" + productId + "/reviews";
        ApiClient.Response response = send("POST", path, review, null, null, shopperToken(userId));
        if (response.status() == 409) {
            return false;
        }
        requireSuccess("POST", path, response);
        return true;
    }

    private void cartCommand(long userId, String method, String path) {
        ApiClient.Response response = send(method, path, null, null, null, shopperToken(userId));
        requireSuccess(method, path, response);
    }

    private long createdId(String path, Object requestBody) {
        ApiClient.Response response = send("POST", path, requestBody, null, null, operatorToken);
        requireSuccess("POST", path, response);
        JsonNode id = parse("POST", path, response).get("id");
        if (id == null || !(id.canConvertToLong() || id.isTextual())) {
            throw new ApiProblemException("POST", path, response, "no id in " + response.body());
        }
        return id.asLong();
    }

    private @Nullable String shopperToken(long userId) {
        return shopperTokens == null ? null : shopperTokens.tokenFor(userId);
    }

    /** A GET as the shopper in session {@code sessionId} (a click); {@code route} names it in errors. */
    private JsonNode browse(long userId, String sessionId, String target, String route) {
        ApiClient.Response response = send("GET", target, null, null, new String[] {"X-Session-Id", sessionId},
                shopperToken(userId));
        requireSuccess("GET", route, response);
        return parse("GET", route, response);
    }

    private static List<Long> ids(JsonNode items, String field) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : items) {
            ids.add(item.path(field).asLong());
        }
        return ids;
    }

    /** The order a successful POST /api/orders or /api/cart/checkout placed. */
    private static Placed placed(String path, ApiClient.Response response) {
        requireSuccess("POST", path, response);
        JsonNode body = parse("POST", path, response);
        JsonNode id = body.get("id");
        if (id == null || !id.canConvertToLong() && !id.isTextual()) {
            throw new ApiProblemException("POST", path, response, "no order id in " + response.body());
        }
        return new Placed(id.asLong(), body.path("status").asText("PENDING_PAYMENT"), decimal(body.get("total")));
    }

    private ApiClient.Response send(String method, String path, @Nullable Object body,
            @Nullable String idempotencyKey, String @Nullable [] headers, @Nullable String bearerToken) {
        List<String> all = new ArrayList<>(List.of("Accept", ApiClient.JSON_TYPE));
        if (idempotencyKey != null) {
            all.add("Idempotency-Key");
            all.add(idempotencyKey);
        }
        if (headers != null) {
            all.addAll(List.of(headers));
        }
        ApiClient caller = bearerToken == null ? api : api.withToken(bearerToken);
        return caller.send(method, path, body, all.toArray(String[]::new));
    }

    private static JsonNode parse(String method, String path, ApiClient.Response response) {
        JsonNode body = response.exactJson();
        if (body.isMissingNode()) {
            throw new ApiProblemException(method, path, response, "not JSON: " + response.body());
        }
        return body;
    }

    private static void requireSuccess(String method, String path, ApiClient.Response response) {
        if (!response.isSuccess()) {
            throw new ApiProblemException(method, path, response);
        }
    }

    /** The problem+json "detail" (or "title"), else the raw body. */
    private static String problemDetail(ApiClient.Response response) {
        return response.problem().explanation(response.body());
    }

    private static @Nullable BigDecimal decimal(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return new BigDecimal(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
