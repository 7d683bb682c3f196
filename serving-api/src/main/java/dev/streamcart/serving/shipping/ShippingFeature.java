package dev.streamcart.serving.shipping;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.orders.OrderStorage;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/** Shipping: carriers and rates, fulfilment by the seller, shipments and their tracking events. */
public final class ShippingFeature implements Feature {

    private final ShippingOptions options;
    private final ShippingEndpoints endpoints;

    public ShippingFeature(ApiInfrastructure infrastructure, OrderStorage storage) {
        this.options = new ShippingOptions(infrastructure.transactions(), infrastructure.clock());
        this.endpoints = new ShippingEndpoints(infrastructure.bodies(), infrastructure.json(), infrastructure.transactions(),
                infrastructure.idempotent(), options,
                new Fulfilment(storage.orders(), storage.reservations(), new Shipments(), storage.events()),
                storage.ownership());
    }

    /** The carriers' rates, which checkout prices an order's shipping with. */
    public ShippingOptions options() {
        return options;
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.get("/api/orders/{id}/shipping-options", endpoints::shippingOptions, Role.SIGNED_IN);
        routes.get("/api/orders/{id}/tracking", endpoints::tracking, Role.SIGNED_IN);
        // the seller of the items, or the operator; carriers report as the operator
        routes.post("/api/orders/{id}/fulfil", writes.guard(endpoints::fulfil), Role.SELLER);
        routes.post("/api/orders/{id}/shipments", writes.guard(endpoints::ship), Role.SELLER);
        routes.post("/api/shipments/{id}/tracking-events", writes.guard(endpoints::trackingEvent), Role.ADMIN);
    }
}
