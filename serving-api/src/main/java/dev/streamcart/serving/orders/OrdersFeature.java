package dev.streamcart.serving.orders;

import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.commands.OrderCommandConsumer;
import dev.streamcart.serving.commands.OrderCommandHandler;
import dev.streamcart.serving.limits.OrderLimits;
import dev.streamcart.serving.payments.OrderPayments;
import dev.streamcart.serving.pricing.OrderPricing;
import dev.streamcart.serving.readmodels.ReadModel;
import dev.streamcart.serving.shipping.ShippingOptions;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import dev.streamcart.serving.wiring.KafkaConnection;
import io.javalin.config.RoutesConfig;

/**
 * A buyer's orders: checkout (stock reserved in the order's transaction), an order as order-streams
 * sees it, cancellation, and order-streams' commands (payment expiry) applied in PostgreSQL when
 * Kafka is configured.
 */
public record OrdersFeature(Checkout checkout, CheckoutOutcomeCounts checkoutOutcomes, OrderCommandHandler commands,
                            OrderEndpoints endpoints) implements Feature {

    /** Starts consuming order-streams' commands when Kafka is configured. */
    public static OrdersFeature start(ApiInfrastructure infrastructure, OrderStorage storage, OrderPayments payments,
                                      ShippingOptions shipping, ReadModel<OrderView> views, OrderLimits limits) {
        OrderCancellation cancellation = new OrderCancellation(storage.orders(), storage.reservations(), storage.events(),
                payments);
        OrderCommandHandler commands = new OrderCommandHandler(infrastructure.transactions(), cancellation);
        KafkaConnection kafka = infrastructure.kafka();
        if (kafka != null) {
            infrastructure.lifecycle().add(new OrderCommandConsumer(kafka.bootstrapServers(), kafka.registry(), commands))
                    .start();
        }
        Checkout checkout = new Checkout(storage.orders(), storage.reservations(), storage.events(),
                new OrderPricing(shipping), limits);
        CheckoutOutcomeCounts checkoutOutcomes = new CheckoutOutcomeCounts(infrastructure.metrics());
        OrderEndpoints endpoints = new OrderEndpoints(infrastructure.bodies(), infrastructure.json(),
                infrastructure.idempotent(), checkout, cancellation, new OrderViews(views), storage.ownership(),
                infrastructure.clickstream(), checkoutOutcomes);
        return new OrdersFeature(checkout, checkoutOutcomes, commands, endpoints);
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.post("/api/orders", writes.guard(endpoints::place), Role.SIGNED_IN);
        routes.get("/api/orders/{id}", endpoints::get, Role.SIGNED_IN);
        routes.post("/api/orders/{id}/cancel", writes.guard(endpoints::cancel), Role.SIGNED_IN);
    }
}
