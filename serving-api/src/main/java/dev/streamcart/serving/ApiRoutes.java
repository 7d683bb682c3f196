package dev.streamcart.serving;

import java.util.Objects;

import dev.streamcart.serving.analytics.AnalyticsEndpoints;
import dev.streamcart.serving.catalog.CatalogEndpoints;
import dev.streamcart.serving.health.HealthEndpoints;
import dev.streamcart.serving.inventory.InventoryEndpoints;
import dev.streamcart.serving.notifications.NotificationEndpoints;
import dev.streamcart.serving.orders.OrderEndpoints;
import dev.streamcart.serving.orders.tracking.UserOrderEndpoints;
import dev.streamcart.serving.payments.PaymentEndpoints;
import dev.streamcart.serving.recommendations.RecommendationEndpoints;
import dev.streamcart.serving.refunds.RefundEndpoints;
import dev.streamcart.serving.shipping.ShippingEndpoints;
import dev.streamcart.serving.stock.StockEndpoints;
import dev.streamcart.serving.users.UserEndpoints;
import dev.streamcart.serving.web.OpenApiDocument;
import io.javalin.config.RoutesConfig;

/**
 * The whole HTTP surface of serving-api, in one place. Every route here is documented in
 * {@code openapi.yaml} (a test holds them to it). Handlers live with their resource and delegate
 * to use cases that know nothing of HTTP.
 */
public record ApiRoutes(HealthEndpoints health, CatalogEndpoints catalog, InventoryEndpoints inventory,
                        UserEndpoints users, OrderEndpoints orders, UserOrderEndpoints userOrders,
                        PaymentEndpoints payments, StockEndpoints stock,
                        ShippingEndpoints shipping, RefundEndpoints refunds, NotificationEndpoints notifications,
                        RecommendationEndpoints recommendations, AnalyticsEndpoints analytics,
                        OpenApiDocument openApi) {

    public ApiRoutes {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(userOrders, "userOrders");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(stock, "stock");
        Objects.requireNonNull(shipping, "shipping");
        Objects.requireNonNull(refunds, "refunds");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(recommendations, "recommendations");
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(openApi, "openApi");
    }

    public void declare(RoutesConfig routes) {
        routes.get("/health", health::get);
        routes.get("/openapi.yaml", openApi::get);
        routes.get("/dashboard", analytics::dashboard);

        // catalog
        routes.post("/api/sellers", catalog::createSeller);
        routes.post("/api/categories", catalog::createCategory);
        routes.post("/api/warehouses", catalog::createWarehouse);
        routes.post("/api/products", catalog::createProduct);
        routes.get("/api/products/{id}", catalog::getProduct);

        // stock arriving, and stock as the real-time read model sees it
        routes.post("/api/inventory/receipts", inventory::receive);
        routes.get("/api/stock/{productId}", stock::get);

        // customers and their orders
        routes.post("/api/users", users::register);
        routes.post("/api/orders", orders::place);
        routes.get("/api/orders/{id}", orders::get);
        routes.post("/api/orders/{id}/payments", payments::pay);
        routes.post("/api/orders/{id}/cancel", orders::cancel);
        routes.get("/api/users/{id}/orders", userOrders::list);

        // shipping, delivery and refunds
        routes.get("/api/orders/{id}/shipping-options", shipping::shippingOptions);
        routes.post("/api/orders/{id}/fulfil", shipping::fulfil);
        routes.post("/api/orders/{id}/shipments", shipping::ship);
        routes.post("/api/shipments/{id}/tracking-events", shipping::trackingEvent);
        routes.get("/api/orders/{id}/tracking", shipping::tracking);
        routes.post("/api/orders/{id}/refunds", refunds::refund);
        routes.get("/api/users/{id}/notifications", notifications::list);

        // recommendations and analytics
        routes.get("/api/recommendations/{userId}", recommendations::recommend);
        routes.post("/api/admin/models/reload", recommendations::reload);
        routes.get("/api/analytics/sales", analytics::sales);
    }
}
