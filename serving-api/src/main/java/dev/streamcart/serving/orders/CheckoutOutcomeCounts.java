package dev.streamcart.serving.orders;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.streamcart.serving.problems.DomainException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code streamcart_checkout_outcomes_total{outcome, reason}}: every checkout (direct order or
 * cart) once, as {@code placed} (reason {@code none}) or {@code refused} with the problem's slug
 * as the reason ({@code insufficient-stock}, {@code price-changed}, {@code unpaid-limit},
 * {@code unavailable}, ...), or {@code failed} (reason {@code internal-error}) on an unexpected
 * error. Counted after the transaction ended, so a rolled-back order is not "placed"; an idempotent
 * replay places nothing and is not counted again.
 */
public final class CheckoutOutcomeCounts {

    public static final String NAME = "streamcart.checkout.outcomes";

    private final MeterRegistry registry;
    private final Counter placed;

    public CheckoutOutcomeCounts(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.placed = counter("placed", "none");
    }

    /**
     * Runs {@code checkout}, which calls the {@link Runnable} it is given inside its transaction once
     * the order is written, and counts how it ended.
     */
    public <T> T track(Function<Runnable, T> checkout) {
        AtomicBoolean placedNow = new AtomicBoolean();
        T result;
        try {
            result = checkout.apply(() -> placedNow.set(true));
        } catch (DomainException e) {
            counter("refused", e.kind().slug()).increment();
            throw e;
        } catch (RuntimeException e) {
            counter("failed", "internal-error").increment();
            throw e;
        }
        if (placedNow.get()) {
            placed.increment();
        }
        return result;
    }

    private Counter counter(String outcome, String reason) {
        return Counter.builder(NAME)
                .description("checkouts by outcome, refusals by reason")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }
}
