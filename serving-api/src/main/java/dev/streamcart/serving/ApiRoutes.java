package dev.streamcart.serving;

import java.util.Objects;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.alerts.OrderAlertEndpoints;
import dev.streamcart.serving.alerts.StockAlertEndpoints;
import dev.streamcart.serving.analytics.AnalyticsEndpoints;
import dev.streamcart.serving.auth.AuthEndpoints;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.cart.CartEndpoints;
import dev.streamcart.serving.catalog.CatalogEndpoints;
import dev.streamcart.serving.health.HealthEndpoints;
import dev.streamcart.serving.inventory.InventoryEndpoints;
import dev.streamcart.serving.notifications.NotificationEndpoints;
import dev.streamcart.serving.orders.OrderEndpoints;
import dev.streamcart.serving.orders.tracking.UserOrderEndpoints;
import dev.streamcart.serving.payments.PaymentEndpoints;
import dev.streamcart.serving.recommendations.RecommendationEndpoints;
import dev.streamcart.serving.photos.PhotoEndpoints;
import dev.streamcart.serving.refunds.RefundEndpoints;
import dev.streamcart.serving.reviews.ReviewEndpoints;
import dev.streamcart.serving.sellers.SellerEndpoints;
import dev.streamcart.serving.search.SearchEndpoints;
import dev.streamcart.serving.shipping.ShippingEndpoints;
import dev.streamcart.serving.stock.StockEndpoints;
import dev.streamcart.serving.users.UserEndpoints;
import dev.streamcart.serving.web.OpenApiDocument;
import dev.streamcart.serving.web.docs.SwaggerUi;
import io.javalin.config.RoutesConfig;

/**
 * The whole HTTP surface of serving-api, in one place. Every route here is documented in
 * {@code openapi.yaml} (a test holds them to it). Handlers live with their resource and delegate
 * to use cases that know nothing of HTTP.
 *
 * <p>A route that lists roles needs a bearer token of one of them (an admin may call every route);
 * a route without roles is public. Which order, product or user a caller may touch is checked in
 * the handler, against the caller's {@code Principal}.
 *
 * <p>Every route that changes state goes through {@link WriteAdmission}: under overload it is
 * refused with 503 and {@code Retry-After} before it touches anything.
 */
public record ApiRoutes(HealthEndpoints health, AuthEndpoints auth, CatalogEndpoints catalog, InventoryEndpoints inventory,
                        UserEndpoints users, OrderEndpoints orders, UserOrderEndpoints userOrders,
                        PaymentEndpoints payments, StockEndpoints stock,
                        ShippingEndpoints shipping, RefundEndpoints refunds, NotificationEndpoints notifications,
                        RecommendationEndpoints recommendations, AnalyticsEndpoints analytics,
                        OpenApiDocument openApi, StockAlertEndpoints stockAlerts, OrderAlertEndpoints orderAlerts, CartEndpoints cart,
                        ReviewEndpoints reviews, PhotoEndpoints photos, SellerEndpoints sellers, SearchEndpoints search,
                        WriteAdmission writes) {

    public ApiRoutes {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(auth, "auth");
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
        Objects.requireNonNull(stockAlerts, "stockAlerts");
        Objects.requireNonNull(orderAlerts, "orderAlerts");
        Objects.requireNonNull(cart, "cart");
        Objects.requireNonNull(reviews, "reviews");
        Objects.requireNonNull(photos, "photos");
        Objects.requireNonNull(sellers, "sellers");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(writes, "writes");
    }

    public void declare(RoutesConfig routes) {
        routes.get("/health", health::get); // public: each part's status, never its detail
        routes.get("/health/live", HealthEndpoints::live);
        routes.get("/api/admin/health", health::detailed, Role.ADMIN); // the details, for operators
        routes.get("/openapi.yaml", openApi::get);
        routes.get(SwaggerUi.PATH, new SwaggerUi()::get); // its scripts: /webjars/, see ServingApi
        routes.get("/dashboard", analytics::dashboard);

        // accounts
        routes.post("/api/users", writes.guard(users::register));
        routes.post("/api/auth/login", writes.guard(auth::login));
        routes.post("/api/auth/logout", writes.guard(auth::logout), Role.SIGNED_IN);
        routes.get("/api/auth/me", auth::me, Role.SIGNED_IN);

        // catalog: sellers run their own products; the category tree and warehouses are the operator's
        routes.post("/api/sellers", writes.guard(catalog::createSeller), Role.SIGNED_IN);
        routes.post("/api/categories", writes.guard(catalog::createCategory), Role.ADMIN);
        routes.get("/api/categories", catalog::categoryTree);
        routes.get("/api/categories/{id}", catalog::getCategory);
        routes.patch("/api/categories/{id}", writes.guard(catalog::changeCategory), Role.ADMIN);
        routes.post("/api/warehouses", writes.guard(catalog::createWarehouse), Role.ADMIN);
        routes.post("/api/products", writes.guard(catalog::createProduct), Role.SELLER);
        routes.get("/api/products/{id}", catalog::getProduct);
        routes.patch("/api/products/{id}", writes.guard(catalog::changeProduct), Role.SELLER);
        routes.put("/api/products/{id}/price", writes.guard(catalog::changePrice), Role.SELLER);

        // search: full text, filters, facets (public)
        routes.get("/api/search", search::search);

        // stock arriving, and stock as the real-time read model sees it
        routes.post("/api/inventory/receipts", writes.guard(inventory::receive), Role.SELLER);
        routes.get("/api/stock/{productId}", stock::get);

        // a buyer's orders
        routes.post("/api/orders", writes.guard(orders::place), Role.SIGNED_IN);
        routes.get("/api/orders/{id}", orders::get, Role.SIGNED_IN);
        routes.post("/api/orders/{id}/payments", writes.guard(payments::pay), Role.SIGNED_IN);
        routes.post("/api/orders/{id}/payments/void", writes.guard(payments::voidAuthorization), Role.SIGNED_IN);
        routes.post("/api/orders/{id}/cancel", writes.guard(orders::cancel), Role.SIGNED_IN);
        routes.get("/api/orders/{id}/shipping-options", shipping::shippingOptions, Role.SIGNED_IN);
        routes.get("/api/orders/{id}/tracking", shipping::tracking, Role.SIGNED_IN);
        routes.get("/api/users/{id}/notifications", notifications::list, Role.SIGNED_IN);
        routes.get("/api/users/{id}/orders", userOrders::list, Role.SIGNED_IN);

        // the signed-in buyer's own cart: items, saved for later, totals before payment, checkout
        routes.get("/api/cart", cart::get, Role.SIGNED_IN);
        routes.post("/api/cart/items", writes.guard(cart::add), Role.SIGNED_IN);
        routes.patch("/api/cart/items/{productId}", writes.guard(cart::setQuantity), Role.SIGNED_IN);
        routes.delete("/api/cart/items/{productId}", writes.guard(cart::remove), Role.SIGNED_IN);
        routes.post("/api/cart/items/{productId}/save-for-later", writes.guard(cart::saveForLater), Role.SIGNED_IN);
        routes.post("/api/cart/saved/{productId}/move-to-cart", writes.guard(cart::moveToCart), Role.SIGNED_IN);
        routes.post("/api/cart/refresh-prices", writes.guard(cart::refreshPrices), Role.SIGNED_IN);
        routes.post("/api/cart/quote", writes.guard(cart::quote), Role.SIGNED_IN);
        routes.post("/api/cart/checkout", writes.guard(cart::checkout), Role.SIGNED_IN);

        // fulfilment and after-sales: the seller of the items, or the operator; carriers report as the operator
        routes.post("/api/orders/{id}/fulfil", writes.guard(shipping::fulfil), Role.SELLER);
        routes.post("/api/orders/{id}/shipments", writes.guard(shipping::ship), Role.SELLER);
        routes.post("/api/shipments/{id}/tracking-events", writes.guard(shipping::trackingEvent), Role.ADMIN);
        routes.post("/api/orders/{id}/payments/capture", writes.guard(payments::capture), Role.SELLER);
        routes.post("/api/orders/{id}/refunds", writes.guard(refunds::refund), Role.SELLER);

        // recommendations and analytics
        routes.get("/api/recommendations/{userId}", recommendations::recommend, Role.SIGNED_IN);
        routes.get("/api/admin/models", recommendations::status, Role.ADMIN);
        routes.post("/api/admin/models/reload", writes.guard(recommendations::reload), Role.ADMIN);
        routes.get("/api/products/{id}/similar", recommendations::similar);
        routes.get("/api/analytics/sales", analytics::sales, Role.ADMIN);
        // live dashboard KPIs: sellers see their own slice, the rest is the operator's
        routes.get("/api/analytics/orders", analytics::orders, Role.SELLER);
        routes.get("/api/analytics/top-products", analytics::topProducts, Role.SELLER);
        routes.get("/api/analytics/regions", analytics::regions, Role.SELLER);
        routes.get("/api/analytics/low-stock", analytics::lowStock, Role.SELLER);
        routes.get("/api/analytics/customers", analytics::customers, Role.ADMIN);
        routes.get("/api/analytics/funnel", analytics::funnel, Role.ADMIN);
        routes.get("/api/analytics/payments", analytics::payments, Role.ADMIN);
        routes.get("/api/analytics/payments/declines", analytics::declines, Role.ADMIN);
        routes.get("/api/analytics/fulfilment", analytics::fulfilment, Role.ADMIN);
        routes.get("/api/analytics/pipeline-lag", analytics::pipelineLag, Role.ADMIN);
        routes.get("/api/analytics/inventory-accuracy", analytics::inventoryAccuracy, Role.ADMIN);
        routes.get("/api/analytics/recommendations", analytics::recommendations, Role.ADMIN);
        routes.post("/api/analytics/stream-tickets", writes.guard(analytics::streamTicket), Role.SELLER);
        routes.get("/api/analytics/stream", analytics::stream); // EventSource sends no header: a ticket authenticates

        // stock alerts raised by inventory-streams, for the dashboard and the sellers
        routes.get("/api/alerts/stock", stockAlerts::recent, Role.SELLER);
        // order-streams' SLA breaches and impossible transitions, for operators
        routes.get("/api/admin/order-alerts", orderAlerts::recent, Role.ADMIN);
        // profiles, addresses and preferences: only the user (or an admin), checked in the handler
        routes.get("/api/users/{id}", users::getProfile, Role.SIGNED_IN);
        routes.patch("/api/users/{id}", writes.guard(users::updateProfile), Role.SIGNED_IN);
        routes.get("/api/users/{id}/addresses", users::listAddresses, Role.SIGNED_IN);
        routes.post("/api/users/{id}/addresses", writes.guard(users::addAddress), Role.SIGNED_IN);
        routes.patch("/api/users/{id}/addresses/{addressId}", writes.guard(users::updateAddress), Role.SIGNED_IN);
        routes.delete("/api/users/{id}/addresses/{addressId}", writes.guard(users::deleteAddress), Role.SIGNED_IN);
        routes.get("/api/users/{id}/preferences", users::getPreferences, Role.SIGNED_IN);
        routes.put("/api/users/{id}/preferences", writes.guard(users::replacePreferences), Role.SIGNED_IN);

        // sellers: public profile, the operator's verification and commission, a seller's own orders and sales
        routes.get("/api/sellers/{id}", sellers::profile);
        routes.post("/api/admin/sellers/{id}/verify", writes.guard(sellers::verify), Role.ADMIN);
        routes.put("/api/admin/sellers/{id}/commission", writes.guard(sellers::setCommission), Role.ADMIN);
        routes.get("/api/sellers/me/orders", sellers::myOrders, Role.SELLER);
        routes.get("/api/sellers/me/sales", sellers::mySales, Role.SELLER);
        routes.get("/api/sellers/{id}/sales", analytics::sellerSales, Role.SELLER); // from ClickHouse

        // reviews by verified purchasers, with photos from the content-addressed store
        routes.get("/api/products/{id}/reviews", reviews::list);
        routes.post("/api/products/{id}/reviews", writes.guard(reviews::write), Role.SIGNED_IN);
        routes.post("/api/reviews/{id}/helpful", writes.guard(reviews::helpful), Role.SIGNED_IN);
        routes.post("/api/reviews/{id}/photos", writes.guard(reviews::addPhoto), Role.SIGNED_IN);
        routes.get("/api/photos/{sha256}", photos::get);
    }
}
