package dev.streamcart.serving.payments;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the gateway again when it times out, with exponential backoff. The caller builds the
 * request once, so every attempt carries the same idempotency reference and the provider acts at
 * most once however many answers got lost.
 */
public final class GatewayRetry {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRetry.class);

    /** A gateway answer and the number of attempts it took. */
    public record Attempted<T>(T result, int attempts) {}

    /** Every attempt timed out. */
    public static final class GaveUp extends GatewayUnavailableException {
        private static final long serialVersionUID = 1L;
        private final int attempts;

        GaveUp(String what, int attempts, GatewayUnavailableException last) {
            super(what + ": no answer from the payment gateway after " + attempts + " attempt(s): " + last.getMessage());
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }

    /** Waits between attempts (a seam for tests). */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final int attempts;
    private final Duration firstBackoff;
    private final Pause pause;

    public GatewayRetry(int attempts, Duration firstBackoff) {
        this(attempts, firstBackoff, duration -> Thread.sleep(duration.toMillis()));
    }

    public GatewayRetry(int attempts, Duration firstBackoff, Pause pause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** Runs {@code call} until it answers, at most the configured number of times; {@link GaveUp} otherwise. */
    public <T> Attempted<T> call(String what, Supplier<T> call) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return new Attempted<>(call.get(), attempt);
            } catch (GatewayUnavailableException e) {
                if (attempt >= attempts) {
                    throw new GaveUp(what, attempt, e);
                }
                LOG.warn("{}: attempt {} of {} failed ({}); retrying in {} ms with the same reference", what, attempt,
                        attempts, e.getMessage(), backoff.toMillis());
                try {
                    pause.pause(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new GaveUp(what, attempt, e);
                }
                backoff = backoff.multipliedBy(2);
            }
        }
    }
}
