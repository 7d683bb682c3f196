package dev.streamcart.serving.payments;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A payment provider simulator with documented test cards (as the big providers publish them):
 * <ul>
 *   <li>{@code 4000000000000002}: declined, {@code card_declined}</li>
 *   <li>{@code 4000000000009995}: declined, {@code insufficient_funds}</li>
 *   <li>{@code 4100000000000019}: declined, {@code fraud_suspected}</li>
 *   <li>any other Luhn-valid number (e.g. {@code 4242424242424242}): approved</li>
 * </ul>
 * Refunds always succeed. Each call takes {@code latency} (default 20 ms), like a real network round trip.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {

    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(20);

    private static final Map<String, DeclineReason> DECLINING_CARDS = Map.of(
            "4000000000000002", DeclineReason.CARD_DECLINED,
            "4000000000009995", DeclineReason.INSUFFICIENT_FUNDS,
            "4100000000000019", DeclineReason.FRAUD_SUSPECTED);

    private final Duration latency;

    public SimulatedPaymentGateway(Duration latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        simulateLatency();
        String reference = "sim_" + UUID.randomUUID().toString().replace("-", "");
        DeclineReason decline = DECLINING_CARDS.get(request.card().digits());
        return decline == null ? new ChargeResult.Approved(reference) : new ChargeResult.Declined(reference, decline);
    }

    /** Every refund of a captured payment succeeds, after the same latency as a charge. */
    @Override
    public String refund(RefundRequest request) {
        simulateLatency();
        return "sim_re_" + UUID.randomUUID().toString().replace("-", "");
    }

    private void simulateLatency() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while charging", e);
        }
    }
}
