package dev.streamcart.serving;

import java.util.Objects;

import dev.streamcart.serving.analytics.AnalyticsEndpoints;
import dev.streamcart.serving.auth.AuthEndpoints;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.catalog.CatalogEndpoints;
import dev.streamcart.serving.health.HealthEndpoints;
import dev.streamcart.serving.inventory.InventoryEndpoints;
import dev.streamcart.serving.notifications.NotificationEndpoints;
import dev.streamcart.serving.orders.OrderEndpoints;
import dev.streamcart.serving.payments.PaymentEndpoints;
import dev.streamcart.serving.recommendations.RecommendationEndpoints;
import dev.streamcart.serving.refunds.RefundEndpoints;
import dev.streamcart.serving.search.SearchEndpoints;
import dev.streamcart.serving.shipping.ShippingEndpoints;
import dev.streamcart.serving.stock.StockEndpoints;
import dev.streamcart.serving.users.UserEndpoints;
import dev.streamcart.serving.web.OpenApiDocument;
import io.javalin.config.RoutesConfig;

/**
 * The whole HTTP surface of serving-api, in one place. Every route here is documented in
 * {@code openapi.yaml} (a test holds them to it). Handlers live with their resource and delegate
 * to use cases that know nothing of HTTP.
 *
 * <p>A route that lists roles needs a bearer token of one of them (an admin may call every route);
 * a route without roles is public. Which order, product or user a caller may touch is checked in
 * the handler, against the caller's {@code Principal}.
 */
public record ApiRoutes(HealthEndpoints health, AuthEndpoints auth, CatalogEndpoints catalog, InventoryEndpoints inventory,
                        UserEndpoints users, OrderEndpoints orders, PaymentEndpoints payments, StockEndpoints stock,
                        ShippingEndpoints shipping, RefundEndpoints refunds, NotificationEndpoints notifications,
                        RecommendationEndpoints recommendations, AnalyticsEndpoints analytics,
                        OpenApiDocument openApi, SearchEndpoints search) {

    public ApiRoutes {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(stock, "stock");
        Objects.requireNonNull(shipping, "shipping");
        Objects.requireNonNull(refunds, "refunds");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(recommendations, "recommendations");
        Objects.requireNonNull(analytics, "analytics");
        Objects.requireNonNull(openApi, "openApi");
        Objects.requireNonNull(search, "search");
    }

    public void declare(RoutesConfig routes) {
        routes.get("/health", health::get);
        routes.get("/openapi.yaml", openApi::get);
        routes.get("/dashboard", analytics::dashboard);

        // accounts
        routes.post("/api/users", users::register);
        routes.post("/api/auth/login", auth::login);
        routes.post("/api/auth/logout", auth::logout, Role.SIGNED_IN);
        routes.get("/api/auth/me", auth::me, Role.SIGNED_IN);

        // catalog: sellers run their own products; the category tree and warehouses are the operator's
        routes.post("/api/sellers", catalog::createSeller, Role.SIGNED_IN);
        routes.post("/api/categories", catalog::createCategory, Role.ADMIN);
        routes.get("/api/categories", catalog::categoryTree);
        routes.get("/api/categories/{id}", catalog::getCategory);
        routes.patch("/api/categories/{id}", catalog::changeCategory, Role.ADMIN);
        routes.post("/api/warehouses", catalog::createWarehouse, Role.ADMIN);
        routes.post("/api/products", catalog::createProduct, Role.SELLER);
        routes.get("/api/products/{id}", catalog::getProduct);
        routes.patch("/api/products/{id}", catalog::changeProduct, Role.SELLER);
        routes.put("/api/products/{id}/price", catalog::changePrice, Role.SELLER);

        // search: full text, filters, facets (public)
        routes.get("/api/search", search::search);

        // stock arriving, and stock as the real-time read model sees it
        routes.post("/api/inventory/receipts", inventory::receive, Role.SELLER);
        routes.get("/api/stock/{productId}", stock::get);

        // a buyer's orders
        routes.post("/api/orders", orders::place, Role.SIGNED_IN);
        routes.get("/api/orders/{id}", orders::get, Role.SIGNED_IN);
        routes.post("/api/orders/{id}/payments", payments::pay, Role.SIGNED_IN);
        routes.post("/api/orders/{id}/cancel", orders::cancel, Role.SIGNED_IN);
        routes.get("/api/orders/{id}/shipping-options", shipping::shippingOptions, Role.SIGNED_IN);
        routes.get("/api/orders/{id}/tracking", shipping::tracking, Role.SIGNED_IN);
        routes.get("/api/users/{id}/notifications", notifications::list, Role.SIGNED_IN);

        // fulfilment and after-sales: the seller of the items, or the operator; carriers report as the operator
        routes.post("/api/orders/{id}/fulfil", shipping::fulfil, Role.SELLER);
        routes.post("/api/orders/{id}/shipments", shipping::ship, Role.SELLER);
        routes.post("/api/shipments/{id}/tracking-events", shipping::trackingEvent, Role.ADMIN);
        routes.post("/api/orders/{id}/refunds", refunds::refund, Role.SELLER);

        // recommendations and analytics
        routes.get("/api/recommendations/{userId}", recommendations::recommend, Role.SIGNED_IN);
        routes.post("/api/admin/models/reload", recommendations::reload, Role.ADMIN);
        routes.get("/api/analytics/sales", analytics::sales, Role.ADMIN);
    }
}
