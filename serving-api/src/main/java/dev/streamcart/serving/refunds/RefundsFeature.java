package dev.streamcart.serving.refunds;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.orders.OrderStorage;
import dev.streamcart.serving.payments.PaymentGateway;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/** Refunds of captured orders, by the seller of the items or the operator, with stock restored. */
public final class RefundsFeature implements Feature {

    private final RefundEndpoints endpoints;

    public RefundsFeature(ApiInfrastructure infrastructure, OrderStorage storage, PaymentGateway gateway) {
        this.endpoints = new RefundEndpoints(infrastructure.bodies(), infrastructure.json(), new OrderRefunds(infrastructure.transactions(),
                infrastructure.idempotent(), storage.orders(), storage.reservations(), storage.events(), gateway),
                storage.ownership());
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.post("/api/orders/{id}/refunds", writes.guard(endpoints::refund), Role.SELLER);
    }
}
