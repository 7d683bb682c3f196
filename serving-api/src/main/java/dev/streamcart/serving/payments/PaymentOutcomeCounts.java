package dev.streamcart.serving.payments;

import java.util.Locale;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code streamcart_payment_outcomes_total{outcome, reason}}: every payment attempt once, as
 * committed: {@code captured} or {@code authorized} (reason {@code none}), {@code declined} with the
 * gateway's reason ({@code card_declined}, {@code insufficient_funds}, {@code fraud_suspected},
 * {@code expired_card}), {@code blocked} by the risk score (reason {@code fraud_risk}), or
 * {@code abandoned} (the order was cancelled or expired while the provider was asked).
 */
public final class PaymentOutcomeCounts {

    public static final String NAME = "streamcart.payment.outcomes";

    private final MeterRegistry registry;

    public PaymentOutcomeCounts(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public void count(PaymentOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome instanceof PaymentOutcome.Accepted accepted) {
            increment(accepted.paymentStatus().toLowerCase(Locale.ROOT), "none");
        } else if (outcome instanceof PaymentOutcome.Declined declined) {
            increment("declined", declined.reason().code());
        } else if (outcome instanceof PaymentOutcome.Blocked) {
            increment("blocked", OrderPayments.FRAUD_RISK);
        } else {
            increment("abandoned", "none");
        }
    }

    private void increment(String outcome, String reason) {
        Counter.builder(NAME)
                .description("payment attempts by committed outcome and reason")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
