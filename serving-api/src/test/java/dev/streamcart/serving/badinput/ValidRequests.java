package dev.streamcart.serving.badinput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.serving.testing.Storefront;
import org.jspecify.annotations.Nullable;

/**
 * A valid request for every documented operation, as its owner would send it. The document's
 * schemas carry no examples and cannot say which order is payable or which address is the
 * customer's, so this small table does; a test fails when an operation of the document is missing
 * from it.
 */
final class ValidRequests {

    private static final String KEY = "Idempotency-Key";
    private static final Map<String, ValidRequest> TABLE = table();

    private ValidRequests() {
    }

    static ValidRequest of(DocumentedOperation operation) {
        return Objects.requireNonNull(TABLE.get(operation.toString()), () -> "no valid request for " + operation
                + ": add one to ValidRequests");
    }

    static boolean has(DocumentedOperation operation) {
        return TABLE.containsKey(operation.toString());
    }

    private static Map<String, ValidRequest> table() {
        Map<String, ValidRequest> table = new LinkedHashMap<>();
        for (String path : List.of("/health", "/health/live", "/openapi.yaml", "/docs", "/dashboard", "/api/admin/health",
                "/api/categories", "/api/auth/me", "/api/admin/models", "/api/analytics/sales", "/api/alerts/stock",
                "/api/admin/order-alerts", "/api/cart", "/api/sellers/me/orders", "/api/sellers/me/sales")) {
            get(table, path, path);
        }
        for (String report : List.of("orders", "top-products", "regions", "low-stock", "customers", "funnel", "payments",
                "payments/declines", "fulfilment", "pipeline-lag", "inventory-accuracy", "recommendations")) {
            get(table, "/api/analytics/" + report, "/api/analytics/" + report);
        }
        get(table, "/api/analytics/stream", "/api/analytics/stream?ticket=@ticket");
        get(table, "/api/categories/{id}", "/api/categories/@category");
        get(table, "/api/products/{id}", "/api/products/@product");
        get(table, "/api/search", "/api/search?q=product");
        get(table, "/api/stock/{productId}", "/api/stock/@product");
        get(table, "/api/orders/{id}", "/api/orders/@order");
        get(table, "/api/orders/{id}/shipping-options", "/api/orders/@order/shipping-options");
        get(table, "/api/orders/{id}/tracking", "/api/orders/@shippedOrder/tracking");
        get(table, "/api/users/{id}/orders", "/api/users/@customer/orders");
        get(table, "/api/users/{id}/notifications", "/api/users/@customer/notifications");
        get(table, "/api/recommendations/{userId}", "/api/recommendations/@customer");
        get(table, "/api/products/{id}/similar", "/api/products/@product/similar");
        get(table, "/api/users/{id}", "/api/users/@customer");
        get(table, "/api/users/{id}/addresses", "/api/users/@customer/addresses");
        get(table, "/api/users/{id}/preferences", "/api/users/@customer/preferences");
        get(table, "/api/sellers/{id}", "/api/sellers/@seller");
        get(table, "/api/sellers/{id}/sales", "/api/sellers/@seller/sales");
        get(table, "/api/products/{id}/reviews", "/api/products/@product/reviews");
        get(table, "/api/photos/{sha256}", "/api/photos/@photo");

        // accounts
        put(table, "POST /api/users", "/api/users",
                "{\"email\":\"matrix-user@example.com\",\"password\":\"long enough password\",\"firstName\":\"Ada\",\"lastName\":\"L\"}");
        put(table, "POST /api/auth/login", "/api/auth/login",
                "{\"email\":\"@customerEmail\",\"password\":\"" + Storefront.PASSWORD + "\"}");
        put(table, "POST /api/auth/logout", "/api/auth/logout", null);
        // catalog and stock
        put(table, "POST /api/sellers", "/api/sellers", "{\"name\":\"Matrix seller\",\"email\":\"matrix-seller@example.com\"}");
        put(table, "POST /api/categories", "/api/categories", "{\"name\":\"Matrix category\"}");
        put(table, "PATCH /api/categories/{id}", "/api/categories/@category", "{\"name\":\"Renamed category\"}");
        put(table, "POST /api/warehouses", "/api/warehouses", "{\"name\":\"Matrix warehouse\",\"region\":\"eu-west\"}");
        put(table, "POST /api/products", "/api/products",
                "{\"categoryId\":\"@category\",\"sku\":\"MATRIX-1\",\"name\":\"Matrix product\",\"price\":\"3.00\"}");
        put(table, "PATCH /api/products/{id}", "/api/products/@product", "{\"description\":\"Changed\"}");
        put(table, "PUT /api/products/{id}/price", "/api/products/@product/price", "{\"price\":\"5.00\"}");
        put(table, "POST /api/inventory/receipts", "/api/inventory/receipts",
                "{\"productId\":\"@product\",\"warehouseId\":\"@warehouse\",\"quantity\":5}");
        // orders, payments, shipping, refunds
        put(table, "POST /api/orders", "/api/orders", "{\"items\":[{\"productId\":\"@product\",\"quantity\":1}]}", KEY, "@key");
        put(table, "POST /api/orders/{id}/payments", "/api/orders/@order/payments",
                "{\"method\":\"card\",\"cardNumber\":\"4242424242424242\"}", KEY, "@key");
        put(table, "POST /api/orders/{id}/payments/capture", "/api/orders/@paidOrder/payments/capture", null);
        put(table, "POST /api/orders/{id}/payments/void", "/api/orders/@order/payments/void", null);
        put(table, "POST /api/orders/{id}/cancel", "/api/orders/@order/cancel", null);
        put(table, "POST /api/orders/{id}/fulfil", "/api/orders/@paidOrder/fulfil", null);
        put(table, "POST /api/orders/{id}/shipments", "/api/orders/@paidOrder/shipments",
                "{\"carrier\":\"streampost\",\"trackingNumber\":\"MATRIX-1\"}");
        put(table, "POST /api/shipments/{id}/tracking-events", "/api/shipments/@shipment/tracking-events",
                "{\"status\":\"IN_TRANSIT\",\"location\":\"Depot\"}");
        put(table, "POST /api/orders/{id}/refunds", "/api/orders/@paidOrder/refunds",
                "{\"reason\":\"damaged\",\"amount\":\"1.00\"}", KEY, "@key");
        // recommendations and analytics
        put(table, "POST /api/admin/models/reload", "/api/admin/models/reload", null);
        put(table, "POST /api/analytics/stream-tickets", "/api/analytics/stream-tickets", null);
        // the caller's own cart (the fixture put the product in every signed-in caller's cart)
        put(table, "POST /api/cart/items", "/api/cart/items", "{\"productId\":\"@product\",\"quantity\":1}");
        put(table, "PATCH /api/cart/items/{productId}", "/api/cart/items/@product", "{\"quantity\":2}");
        put(table, "DELETE /api/cart/items/{productId}", "/api/cart/items/@product", null);
        put(table, "POST /api/cart/items/{productId}/save-for-later", "/api/cart/items/@product/save-for-later", null);
        put(table, "POST /api/cart/saved/{productId}/move-to-cart", "/api/cart/saved/@product/move-to-cart", null);
        put(table, "POST /api/cart/refresh-prices", "/api/cart/refresh-prices", null);
        put(table, "POST /api/cart/quote", "/api/cart/quote", "{\"region\":\"eu-west\"}");
        put(table, "POST /api/cart/checkout", "/api/cart/checkout", "{\"region\":\"eu-west\"}", KEY, "@key");
        // profiles
        put(table, "PATCH /api/users/{id}", "/api/users/@customer", "{\"firstName\":\"Ada\"}");
        put(table, "POST /api/users/{id}/addresses", "/api/users/@customer/addresses",
                "{\"type\":\"billing\",\"firstName\":\"Ada\",\"lastName\":\"L\",\"line1\":\"2 Main St\",\"city\":\"Leeds\","
                        + "\"postalCode\":\"LS1 1AA\",\"country\":\"GB\"}");
        put(table, "PATCH /api/users/{id}/addresses/{addressId}", "/api/users/@customer/addresses/@address",
                "{\"line2\":\"Flat 1\"}");
        put(table, "DELETE /api/users/{id}/addresses/{addressId}", "/api/users/@customer/addresses/@freshAddress", null);
        put(table, "PUT /api/users/{id}/preferences", "/api/users/@customer/preferences",
                "{\"language\":\"en\",\"currency\":\"EUR\",\"marketingEmails\":false,\"favouriteCategoryIds\":[\"@category\"]}");
        // sellers, reviews, photos
        put(table, "POST /api/admin/sellers/{id}/verify", "/api/admin/sellers/@seller/verify", null);
        put(table, "PUT /api/admin/sellers/{id}/commission", "/api/admin/sellers/@seller/commission", "{\"commissionRate\":\"10.00\"}");
        put(table, "POST /api/products/{id}/reviews", "/api/products/@product/reviews",
                "{\"rating\":5,\"title\":\"Good\",\"text\":\"Works as described\"}");
        put(table, "POST /api/reviews/{id}/helpful", "/api/reviews/@review/helpful", null);
        table.put("POST /api/reviews/{id}/photos", new ValidRequest("/api/reviews/@review/photos", null, "image/png", List.of()));
        return Map.copyOf(table);
    }

    private static void get(Map<String, ValidRequest> table, String template, String pathAndQuery) {
        table.put("GET " + template, new ValidRequest(pathAndQuery, null, null, List.of()));
    }

    private static void put(Map<String, ValidRequest> table, String operation, String pathAndQuery, @Nullable String body,
                            String... headers) {
        table.put(operation, new ValidRequest(pathAndQuery, body, null, List.of(headers)));
    }
}
