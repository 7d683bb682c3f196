package dev.streamcart.serving.cart;

import java.time.Duration;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.db.RetentionSweeper;
import dev.streamcart.serving.orders.Checkout;
import dev.streamcart.serving.orders.CheckoutOutcomeCounts;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/**
 * The signed-in buyer's own cart: items, saved for later, totals before payment, checkout; and
 * the sweep of abandoned carts.
 */
public record CartFeature(CartEndpoints endpoints) implements Feature {

    private static final Duration CART_SWEEP_INTERVAL = Duration.ofHours(1);

    /** Starts sweeping expired carts. */
    public static CartFeature start(ApiInfrastructure infrastructure, Checkout checkout, CheckoutOutcomeCounts outcomes) {
        // abandoned carts (with their items, by cascade) once expired; the owner never sees an expired one anyway
        infrastructure.lifecycle().add(new RetentionSweeper(infrastructure.transactions(), "shopping_carts", "expires_at",
                Duration.ZERO, infrastructure.clock()).start(CART_SWEEP_INTERVAL));
        return new CartFeature(new CartEndpoints(infrastructure.bodies(), infrastructure.json(), infrastructure.transactions(),
                infrastructure.idempotent(), new ShoppingCart(infrastructure.transactions()), new CartCheckout(checkout),
                infrastructure.clickstream(), outcomes));
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/cart", endpoints::get, Role.SIGNED_IN);
        routes.post("/api/cart/items", writes.guard(endpoints::add), Role.SIGNED_IN);
        routes.patch("/api/cart/items/{productId}", writes.guard(endpoints::setQuantity), Role.SIGNED_IN);
        routes.delete("/api/cart/items/{productId}", writes.guard(endpoints::remove), Role.SIGNED_IN);
        routes.post("/api/cart/items/{productId}/save-for-later", writes.guard(endpoints::saveForLater), Role.SIGNED_IN);
        routes.post("/api/cart/saved/{productId}/move-to-cart", writes.guard(endpoints::moveToCart), Role.SIGNED_IN);
        routes.post("/api/cart/refresh-prices", writes.guard(endpoints::refreshPrices), Role.SIGNED_IN);
        routes.post("/api/cart/quote", writes.guard(endpoints::quote), Role.SIGNED_IN);
        routes.post("/api/cart/checkout", writes.guard(endpoints::checkout), Role.SIGNED_IN);
    }
}
