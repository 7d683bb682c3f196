package dev.streamcart.serving.payments;

import java.time.Duration;

import dev.streamcart.serving.admission.WriteAdmission;
import dev.streamcart.serving.auth.Role;
import dev.streamcart.serving.fraud.FraudSignalSource;
import dev.streamcart.serving.fraud.StreamVelocitySource;
import dev.streamcart.serving.orders.OrderStorage;
import dev.streamcart.serving.payments.risk.PostgresVelocitySource;
import dev.streamcart.serving.payments.risk.RiskScorer;
import dev.streamcart.serving.payments.risk.RiskSignalCollector;
import dev.streamcart.serving.wiring.ApiInfrastructure;
import dev.streamcart.serving.wiring.Feature;
import io.javalin.config.RoutesConfig;

/**
 * Payments: authorise and capture through the gateway (timeouts retried), risk score before any
 * charge, short transactions around each gateway call (never one holding the order's row lock), and
 * the reconciler that finishes what no request came back to.
 */
public record PaymentsFeature(OrderPayments payments, PaymentReconciler reconciler, PaymentEndpoints endpoints)
        implements Feature {

    // a capture or a void that no request finished is taken over after this long (far above a request's
    // gateway retries), looked for this often
    private static final Duration PAYMENT_STALLED_AFTER = Duration.ofMinutes(2);
    private static final Duration PAYMENT_RECONCILE_INTERVAL = Duration.ofSeconds(30);

    /** Starts the reconciler; {@code fraudSignals} are order-streams' velocity counts (none without it). */
    public static PaymentsFeature start(ApiInfrastructure infrastructure, OrderStorage storage, PaymentGateway gateway,
                                        PaymentSettings settings, FraudSignalSource fraudSignals) {
        OrderPayments payments = new OrderPayments(infrastructure.transactions(), infrastructure.idempotent(),
                storage.orders(), storage.reservations(), storage.events(), gateway,
                new GatewayRetry(settings.gatewayAttempts(), settings.firstBackoff()),
                new CardFingerprints(settings.fingerprintSecret()),
                new RiskSignalCollector(connection -> new StreamVelocitySource(fraudSignals,
                        new PostgresVelocitySource(connection))),
                new RiskScorer(settings.riskThreshold(), settings.highAmount()));
        PaymentReconciler reconciler = infrastructure.lifecycle().add(
                new PaymentReconciler(payments, PAYMENT_STALLED_AFTER).start(PAYMENT_RECONCILE_INTERVAL));
        PaymentEndpoints endpoints = new PaymentEndpoints(infrastructure.bodies(), infrastructure.json(), payments, infrastructure.problems(),
                storage.ownership(), new PaymentOutcomeCounts(infrastructure.metrics()));
        return new PaymentsFeature(payments, reconciler, endpoints);
    }

    @Override
    public void declare(RoutesConfig routes, WriteAdmission writes) {
        routes.post("/api/orders/{id}/payments", writes.guard(endpoints::pay), Role.SIGNED_IN);
        routes.post("/api/orders/{id}/payments/void", writes.guard(endpoints::voidAuthorization), Role.SIGNED_IN);
        // the seller of the items, or the operator
        routes.post("/api/orders/{id}/payments/capture", writes.guard(endpoints::capture), Role.SELLER);
    }
}
